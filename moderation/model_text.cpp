#include "moderation/model_text.h"

#include <algorithm>
#include <map>

namespace ln::moderation {
namespace {

constexpr std::size_t kLongestWord = 40;

// Chat spellings children use, written out (the plain view has no diacritics): the model then
// reads "e ko dc ve nha" as it reads "em khong duoc ve nha", and what it learned from one
// spelling carries to the other. A change here changes what the model reads: it is retrained
// by the next build.
const std::map<std::string, std::string, std::less<>>& chat_words() {
  static const std::map<std::string, std::string, std::less<>> words{{"e", "em"},
                                                                     {"mk", "minh"},
                                                                     {"mik", "minh"},
                                                                     {"mh", "minh"},
                                                                     {"t", "tao"},
                                                                     {"ko", "khong"},
                                                                     {"k", "khong"},
                                                                     {"kh", "khong"},
                                                                     {"hok", "khong"},
                                                                     {"hong", "khong"},
                                                                     {"hem", "khong"},
                                                                     {"kg", "khong"},
                                                                     {"dc", "duoc"},
                                                                     {"r", "roi"},
                                                                     {"j", "gi"},
                                                                     {"z", "vay"},
                                                                     {"zay", "vay"},
                                                                     {"bn", "ban"},
                                                                     {"ng", "nguoi"},
                                                                     {"ngta", "nguoi ta"},
                                                                     {"vs", "voi"},
                                                                     {"cx", "cung"},
                                                                     {"cg", "cung"},
                                                                     {"bit", "biet"},
                                                                     {"bik", "biet"},
                                                                     {"bt", "biet"},
                                                                     {"ns", "noi"},
                                                                     {"nx", "nua"},
                                                                     {"lun", "luon"},
                                                                     {"wa", "qua"},
                                                                     {"mn", "moi nguoi"},
                                                                     {"mng", "moi nguoi"},
                                                                     {"ad", "anh"},
                                                                     {"ntn", "nhu the nao"},
                                                                     {"tn", "tin nhan"},
                                                                     {"ib", "nhan tin"},
                                                                     {"inbox", "nhan tin"},
                                                                     {"nt", "nhan tin"},
                                                                     {"dt", "dien thoai"},
                                                                     {"sdt", "so dien thoai"},
                                                                     {"stk", "so tai khoan"},
                                                                     {"mún", "muon"},
                                                                     {"mun", "muon"},
                                                                     {"iu", "yeu"},
                                                                     {"thik", "thich"},
                                                                     {"hnay", "hom nay"},
                                                                     {"hqua", "hom qua"},
                                                                     {"trc", "truoc"},
                                                                     {"ms", "moi"},
                                                                     {"bh", "bao gio"},
                                                                     {"bgio", "bao gio"}};
  return words;
}

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
      if (words.back().size() < kLongestWord) words.back() += U'0';
    } else if (c == U'@') {
      end_word();
      words.back().push_back(U'@');
      end_word();
    } else if (is_word_char(c)) {
      // A "word" of a megabyte would cost the model one n-gram per character; a word's first
      // 40 letters say all the model can use.
      if (words.back().size() < kLongestWord) words.back() += c;
    } else {
      end_word();
    }
  }
  if (words.back().empty()) words.pop_back();
  std::vector<std::string> out;
  out.reserve(words.size());
  for (const auto& w : words) {
    std::string word = to_utf8(w);
    const auto it = chat_words().find(word);
    out.push_back(it == chat_words().end() ? std::move(word) : it->second);
  }
  return out;
}

void for_each_window(std::size_t count, std::size_t width, std::size_t stride,
                     const std::function<void(std::size_t, std::size_t)>& window) {
  if (count <= width || width == 0 || stride == 0) {
    window(0, count);
    return;
  }
  for (std::size_t begin = 0;; begin += stride) {
    const std::size_t b = std::min(begin, count - width);
    window(b, b + width);
    if (b + width >= count) break;
  }
}

std::vector<std::string> model_windows(const std::vector<std::string>& words, std::size_t width,
                                       std::size_t stride) {
  std::vector<std::string> windows;
  for_each_window(words.size(), width, stride, [&](std::size_t b, std::size_t e) {
    windows.push_back(joined(words.begin() + static_cast<std::ptrdiff_t>(b),
                             words.begin() + static_cast<std::ptrdiff_t>(e)));
  });
  return windows;
}

std::string model_line(const std::vector<std::string>& words) {
  return joined(words.begin(), words.end());
}

}  // namespace ln::moderation
