#include "moderation/model_text.h"

namespace ln::moderation {
namespace {

std::string joined(std::vector<std::string>::const_iterator begin,
                   std::vector<std::string>::const_iterator end) {
  std::size_t size = 0;
  for (auto it = begin; it != end; ++it) size += it->size() + 1;
  std::string line(size > 0 ? size - 1 : 0, ' ');
  std::size_t at = 0;
  for (auto it = begin; it != end; ++it) {
    it->copy(line.data() + at, it->size());
    at += it->size() + 1;
  }
  return line;
}

}  // namespace

std::vector<std::string> model_words(const NormalisedText& text) {
  std::vector<std::u32string> words(1);
  auto end_word = [&] {
    if (!words.back().empty()) words.emplace_back();
  };
  for (char32_t c : text.plain.chars) {
    if (c >= U'0' && c <= U'9') {
      words.back() += U'0';
    } else if (c == U'@') {
      end_word();
      words.back().push_back(U'@');
      end_word();
    } else if (is_word_char(c)) {
      words.back() += c;
    } else {
      end_word();
    }
  }
  if (words.back().empty()) words.pop_back();
  std::vector<std::string> out;
  out.reserve(words.size());
  for (const auto& w : words) out.push_back(to_utf8(w));
  return out;
}

std::vector<std::string> model_windows(const std::vector<std::string>& words, std::size_t width,
                                       std::size_t stride) {
  std::vector<std::string> windows;
  if (words.size() <= width || width == 0 || stride == 0) {
    windows.push_back(model_line(words));
    return windows;
  }
  for (std::size_t begin = 0;; begin += stride) {
    const std::size_t b = std::min(begin, words.size() - width);
    windows.push_back(joined(words.begin() + static_cast<std::ptrdiff_t>(b),
                             words.begin() + static_cast<std::ptrdiff_t>(b + width)));
    if (b + width >= words.size()) break;
  }
  return windows;
}

std::string model_line(const std::vector<std::string>& words) {
  return joined(words.begin(), words.end());
}

}  // namespace ln::moderation
