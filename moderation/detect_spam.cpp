// Spam within one text: several links, low-information text (only emoji or punctuation, a few
// letters over and over, keyboard mashing) and one word repeated. Duplicates across submissions
// and rate limits need storage and live elsewhere (see simhash.h).
#include <algorithm>
#include <array>
#include <bit>
#include <string_view>

#include "moderation/char_table.h"
#include "moderation/detectors.h"

namespace ln::moderation {
namespace {

constexpr int kSpamSeverity = 1;
constexpr std::size_t kLinksForSpam = 3;
constexpr std::size_t kRepeatRun = 5;  // the same word five times in a row

// Letters next to each other on a QWERTY row ("asdf", "jkl"): for each letter a–z, a bit per
// neighbour.
constexpr std::array<std::uint32_t, 26> kNeighbours = [] {
  std::array<std::uint32_t, 26> out{};
  for (std::u32string_view row : {U"qwertyuiop", U"asdfghjkl", U"zxcvbnm"}) {
    for (std::size_t i = 0; i + 1 < row.size(); ++i) {
      out[row[i] - U'a'] |= 1u << (row[i + 1] - U'a');
      out[row[i + 1] - U'a'] |= 1u << (row[i] - U'a');
    }
  }
  return out;
}();

bool keyboard_neighbours(char32_t a, char32_t b) {  // both a–z
  return (kNeighbours[a - U'a'] >> (b - U'a') & 1u) != 0;
}

bool is_vowel(char32_t c) {
  return c == U'a' || c == U'e' || c == U'i' || c == U'o' || c == U'u' || c == U'y';
}

bool looks_mashed(std::u32string_view word) {
  if (word.size() < 5) return false;
  if (std::none_of(word.begin(), word.end(), is_vowel)) return true;
  if (word.size() < 6) return false;
  std::size_t neighbours = 0;
  for (std::size_t i = 1; i < word.size(); ++i) {
    neighbours += keyboard_neighbours(word[i - 1], word[i]) ? 1 : 0;
  }
  return neighbours * 4 >= (word.size() - 1) * 3;
}

struct WordCounts {
  std::size_t distinct = 0;  // different words
  std::size_t top = 0;       // occurrences of the commonest
};

// Counted in an open-addressing table that grows with the distinct words: a hostile text has
// hundreds of thousands of words, and a general-purpose map spent most of its time hashing.
WordCounts count_words(const std::vector<std::u32string_view>& words) {
  struct Slot {
    std::u32string_view word;
    std::size_t count = 0;
  };
  std::vector<Slot> slots(64);
  WordCounts counts;
  auto hash = [](std::u32string_view w) {
    std::uint64_t h = 1469598103934665603ull;  // FNV-1a over the code points
    for (char32_t c : w) h = (h ^ c) * 1099511628211ull;
    return h;
  };
  auto insert = [](std::vector<Slot>& table, std::u32string_view w, std::uint64_t h) -> Slot& {
    const std::size_t mask = table.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      if (table[i].count == 0 || table[i].word == w) {
        table[i].word = w;
        return table[i];
      }
    }
  };
  for (std::u32string_view w : words) {
    Slot& slot = insert(slots, w, hash(w));
    if (slot.count++ == 0 && ++counts.distinct * 2 > slots.size()) {
      std::vector<Slot> bigger(slots.size() * 2);
      for (const Slot& old : slots) {
        if (old.count > 0) insert(bigger, old.word, hash(old.word)).count = old.count;
      }
      slots = std::move(bigger);
    }
  }
  for (const Slot& slot : slots) counts.top = std::max(counts.top, slot.count);
  return counts;
}

}  // namespace

void SpamDetector::find(const NormalisedText& text, const std::vector<Finding>& so_far,
                        std::vector<Finding>& out) const {
  std::vector<Range> links;
  for (const auto& f : so_far) {
    if (f.category == "link" || f.category == "email") links.push_back(f.range);
  }
  if (links.size() >= kLinksForSpam) {
    std::sort(links.begin(), links.end(),
              [](const Range& a, const Range& b) { return a.begin < b.begin; });
    out.push_back({{links.front().begin, links.back().end},
                   "spam",
                   "spam.links",
                   "links",
                   kSpamSeverity + 1});
  }

  const View& view = text.plain;
  const CharTable& table = char_table();
  auto is_word_char = [&](char32_t c) { return table.is(c, CharFlags::kWord); };
  const std::u32string_view chars(view.chars);
  std::vector<std::u32string_view> words;  // views into `chars`
  words.reserve(chars.size() / 2 + 1);     // at most one per two characters
  auto begin_of = [&](std::u32string_view w) {
    return static_cast<std::size_t>(w.data() - chars.data());
  };
  // Words, and (letters only: numbers are information, "0912…", "2024", not mashing) how many
  // letters, which letters a–z and how much mashing the words made only of letters hold.
  std::size_t visible = 0;
  std::uint32_t distinct = 0;  // one bit per letter a–z seen
  std::size_t letters = 0, mashed = 0, other = 0;
  for (std::size_t i = 0; i < chars.size();) {
    if (!is_word_char(chars[i])) {
      if (chars[i] != U' ') ++visible;
      ++i;
      continue;
    }
    std::size_t j = i;
    bool all_letters = true;
    std::uint32_t seen = 0;
    for (; j < chars.size() && is_word_char(chars[j]); ++j) {
      const char32_t c = chars[j];
      if (c >= U'a' && c <= U'z') {
        seen |= 1u << (c - U'a');
      } else {
        all_letters = false;
      }
    }
    const std::u32string_view word = chars.substr(i, j - i);
    words.push_back(word);
    visible += word.size();
    if (all_letters) {
      letters += word.size();
      distinct |= seen;
      if (looks_mashed(word)) mashed += word.size();
    } else {
      other += word.size();
    }
    i = j;
  }
  if (visible == 0) return;  // empty or only spaces: nothing to say
  const Range whole{view.from.front(), view.to.back()};
  if (words.empty()) {
    out.push_back({whole, "spam", "spam.no_words", "low_information", kSpamSeverity});
    return;
  }
  if (other > 0 && letters < 6) return;
  if (letters >= 6 && std::popcount(distinct) < 4) {
    out.push_back({whole, "spam", "spam.low_information", "low_information", kSpamSeverity});
    return;
  }
  if (mashed > 0 && mashed * 2 >= letters) {
    out.push_back({whole, "spam", "spam.keyboard_mash", "low_information", kSpamSeverity});
    return;
  }

  // The same word many times in a row, or most of a long text being one word.
  for (std::size_t i = 0; i < words.size();) {
    std::size_t j = i + 1;
    while (j < words.size() && words[j] == words[i]) ++j;
    if (j - i >= kRepeatRun) {
      out.push_back(
          {view.original(begin_of(words[i]), begin_of(words[j - 1]) + words[j - 1].size()), "spam",
           "spam.repetition", "repetition", kSpamSeverity});
    }
    i = j;
  }
  if (words.size() >= 8) {
    const WordCounts counts = count_words(words);
    if (counts.top * 2 >= words.size() || counts.distinct * 4 <= words.size()) {
      out.push_back({whole, "spam", "spam.repetition", "repetition", kSpamSeverity});
    }
  }
}

}  // namespace ln::moderation
