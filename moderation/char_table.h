#pragma once
// Every ICU answer normalisation needs, computed once per code point for the scripts children
// write in (Latin, Vietnamese, Greek, Cyrillic, punctuation: below U+3000); the rest is asked of
// ICU each time. Screening is dominated by these look-ups, so this table is what makes it fast.
// The yes/no answers and the combining class take two bytes per code point (24 KB, which stays
// in cache); the folded and base letters, needed once per character, live apart.
//
// Internal to moderation/: normalise.cpp and squeeze.cpp use it.
#include <cstdint>
#include <string>
#include <vector>

namespace ln::moderation {

// A folded code point and the original code points [from, to) it stands for.
struct Piece {
  char32_t c;
  std::uint32_t from, to;
};

struct CharFlags {
  enum : std::uint8_t {
    kMark = 1,
    kSpace = 2,
    kInvisible = 4,
    kMarked = 8,  // carries a diacritic (or is đ/Đ)
    kWord = 16,   // letter, digit or combining mark
    kAlpha = 32,
    // Folding this code point gives one that nothing before it composes with or is reordered
    // across (a starter below U+0300), and no other such code point after it: its folded pieces
    // compose on their own, as `CharLetters::composed`.
    kOneSegment = 64,
  };
  std::uint8_t bits = 0;
  std::uint8_t ccc = 0;  // canonical combining class
};

struct CharLetters {
  std::u32string folded;    // NFKC_Casefold, each result decomposed (NFD), look-alikes mapped
  std::u32string base;      // the letters without marks: ồ→o, đ→d
  std::u32string composed;  // `folded` composed again (NFC), when kOneSegment
};

inline constexpr char32_t kTabled = 0x3000;

struct CharTable {
  std::vector<CharFlags> flags;    // kTabled entries
  std::vector<char32_t> base_one;  // the one base letter of c, or kNotOne (none or several)
  // letters[c].composed when that is one code point, neither a space nor invisible (so it is
  // written to a view as it is); else kNotOne.
  std::vector<char32_t> composed_one;
  std::vector<CharLetters> letters;  // kTabled entries

  static constexpr char32_t kNotOne = 0xFFFFFFFF;

  CharFlags flags_of(char32_t c) const { return c < kTabled ? flags[c] : untabled_flags(c); }
  bool is(char32_t c, std::uint8_t flag) const { return (flags_of(c).bits & flag) != 0; }
  static CharFlags untabled_flags(char32_t c);
};

const CharTable& char_table();

// What one code point folds to, asked of ICU: NFKC_Casefold, each result decomposed (NFD),
// look-alikes mapped. Zero or more code points.
std::u32string fold_char_slow(char32_t c);
// The letters of `c` without marks, asked of ICU.
void base_letters_slow(char32_t c, std::u32string& out);
// Canonical ordering then canonical composition (NFC), keeping each piece's original range.
std::vector<Piece> compose(std::vector<Piece> pieces);

}  // namespace ln::moderation
