#include "moderation/model_text.h"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <string_view>

#include "moderation/char_table.h"

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

// The longest chat spelling, in bytes: longer words need no look-up.
std::size_t longest_chat_word() {
  static const std::size_t longest = [] {
    std::size_t n = 0;
    for (const auto& [word, meaning] : chat_words()) n = std::max(n, word.size());
    return n;
  }();
  return longest;
}

// A word of at most seven bytes as one number (its bytes and its length), or 0 when longer.
std::uint64_t packed(std::string_view word) {
  if (word.size() > 7) return 0;
  std::uint64_t key = word.size();
  for (char c : word) key = key << 8 | static_cast<unsigned char>(c);
  return key;
}

// What a chat spelling stands for, or null: a look-up of a number (the sorted map cost a
// megabyte of one-letter words a string comparison per tree level) in a small open-addressing
// table, probed by a multiplicative hash (every word of every text is looked up).
class ChatMeanings {
 public:
  ChatMeanings() {
    for (const auto& [spelling, meaning] : chat_words()) {
      if (spelling.size() > 7) throw std::logic_error("chat spelling longer than 7 bytes");
      const std::uint64_t key = packed(spelling);
      std::size_t i = slot(key);
      while (slots_[i].key != 0) i = (i + 1) % kSlots;
      slots_[i] = {key, &meaning};
    }
  }
  const std::string* find(std::uint64_t key) const {
    if (key == 0) return nullptr;
    for (std::size_t i = slot(key);; i = (i + 1) % kSlots) {
      if (slots_[i].key == key) return slots_[i].meaning;
      if (slots_[i].key == 0) return nullptr;
    }
  }

 private:
  static constexpr std::size_t kSlots = 256;  // over four times the spellings: short probes
  static std::size_t slot(std::uint64_t key) {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> 56);
  }
  struct Slot {
    std::uint64_t key = 0;  // packed(): never 0 for a word of one byte or more
    const std::string* meaning = nullptr;
  };
  Slot slots_[kSlots];
};

const std::string* chat_meaning(std::string_view word) {
  static const ChatMeanings meanings;
  return meanings.find(packed(word));
}

// Appends `c` as UTF-8; a code point UTF-8 cannot hold (a lone surrogate) adds nothing.
void append_utf8(char32_t c, std::string& out) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c >= 0xD800 && c <= 0xDFFF) {
    return;
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c <= 0x10FFFF) {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

}  // namespace

std::vector<std::string> model_words(const NormalisedText& text) {
  std::vector<std::string> out;
  out.reserve(text.plain.size() / 4 + 1);  // a guess that spares most texts a regrowth
  std::string word;
  std::size_t letters = 0;  // code points in `word`
  const std::size_t longest_chat = longest_chat_word();
  const CharTable& table = char_table();
  auto end_word = [&] {
    if (letters == 0) return;
    const std::string* meaning = word.size() <= longest_chat ? chat_meaning(word) : nullptr;
    out.push_back(meaning != nullptr ? *meaning : word);
    word.clear();
    letters = 0;
  };
  for (char32_t c : text.plain.chars) {
    if (c >= U'0' && c <= U'9') {
      if (letters < kLongestWord) {
        word.push_back('0');
        ++letters;
      }
    } else if (c == U'@') {
      end_word();
      out.emplace_back("@");
    } else if (table.is(c, CharFlags::kWord)) {
      // A "word" of a megabyte would cost the model one n-gram per character; a word's first
      // 40 letters say all the model can use.
      if (letters < kLongestWord) {
        append_utf8(c, word);
        ++letters;
      }
    } else {
      end_word();
    }
  }
  end_word();
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
