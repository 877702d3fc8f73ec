#include "tests/moderation/test_support.h"

#include <gtest/gtest.h>

namespace ln::moderation::testing {

std::string span_text(std::string_view text, const Span& span) {
  // Walk code points to check that start/end agree with byte_start/byte_end.
  std::size_t index = 0, byte = 0, byte_start = std::string::npos, byte_end = std::string::npos;
  while (true) {
    if (index == span.start) byte_start = byte;
    if (index == span.end) byte_end = byte;
    if (byte >= text.size()) break;
    const auto lead = static_cast<unsigned char>(text[byte]);
    byte += lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    ++index;
  }
  EXPECT_EQ(byte_start, span.byte_start) << "code point and byte offsets disagree";
  EXPECT_EQ(byte_end, span.byte_end) << "code point and byte offsets disagree";
  if (byte_start == std::string::npos || byte_end == std::string::npos) return "<out of range>";
  return std::string(text.substr(span.byte_start, span.byte_end - span.byte_start));
}

std::vector<std::string> found(std::string_view text, std::string_view label) {
  std::vector<std::string> out;
  for (const auto& span : screener().screen(text).spans) {
    if (span.label == label) out.push_back(span_text(text, span));
  }
  return out;
}

}  // namespace ln::moderation::testing
