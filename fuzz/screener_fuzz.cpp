// The text screener (moderation/screener.h, public API only) and its JSON (api/screen_json.h): any
// bytes either give a verdict whose spans lie inside the text and on character boundaries, or
// ln::Invalid for bad UTF-8.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "api/screen_json.h"
#include "base/errors.h"
#include "moderation/screener.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const ln::moderation::Screener screener(ln::moderation::default_lexicon_dir(),
                                                 ln::moderation::default_model_file());
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    auto verdict = screener.screen(text);
    if (verdict.route != "normal" && verdict.route != "priority" && verdict.route != "safeguarding")
      std::abort();
    for (const auto& span : verdict.spans) {
      if (span.byte_start > span.byte_end || span.byte_end > size) std::abort();
      if (span.start > span.end) std::abort();
      // A span starts on a character: never on a UTF-8 continuation byte.
      if (span.byte_start < size && (data[span.byte_start] & 0xC0) == 0x80) std::abort();
    }
    (void)ln::api::verdict_json(verdict).dump();
  } catch (const ln::Invalid&) {
  }
  return 0;
}
