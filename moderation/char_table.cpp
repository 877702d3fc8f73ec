#include "moderation/char_table.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <stdexcept>

namespace ln::moderation {
namespace {

struct Normalizers {
  const icu::Normalizer2* nfkc_casefold;
  const icu::Normalizer2* nfd;
  const icu::Normalizer2* nfc;
};

const Normalizers& normalizers() {
  static const Normalizers instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    Normalizers n{};
    n.nfkc_casefold = icu::Normalizer2::getNFKCCasefoldInstance(status);
    n.nfd = icu::Normalizer2::getNFDInstance(status);
    n.nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU normalisation data is not available");
    return n;
  }();
  return instance;
}

bool is_mark_slow(char32_t c) {
  const auto type = u_charType(static_cast<UChar32>(c));
  return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK;
}

// Letters from other scripts that look like Latin ones, after case folding.
char32_t look_alike(char32_t c) {
  switch (c) {
    // Cyrillic
    case U'\u0430':
      return U'a';
    case U'\u0432':
      return U'b';
    case U'\u0435':
      return U'e';
    case U'\u043A':
      return U'k';
    case U'\u043C':
      return U'm';
    case U'\u043D':
      return U'h';
    case U'\u043E':
      return U'o';
    case U'\u0440':
      return U'p';
    case U'\u0441':
      return U'c';
    case U'\u0442':
      return U't';
    case U'\u0443':
      return U'y';
    case U'\u0445':
      return U'x';
    case U'\u0455':
      return U's';
    case U'\u0456':
      return U'i';
    case U'\u0458':
      return U'j';
    case U'\u04BB':
      return U'h';
    case U'\u04CF':
      return U'l';
    case U'\u0501':
      return U'd';
    case U'\u051B':
      return U'q';
    case U'\u051D':
      return U'w';
    // Greek
    case U'\u03B1':
      return U'a';
    case U'\u03B2':
      return U'b';
    case U'\u03B3':
      return U'y';
    case U'\u03B5':
      return U'e';
    case U'\u03B6':
      return U'z';
    case U'\u03B7':
      return U'n';
    case U'\u03B9':
      return U'i';
    case U'\u03BA':
      return U'k';
    case U'\u03BC':
      return U'u';
    case U'\u03BD':
      return U'v';
    case U'\u03BF':
      return U'o';
    case U'\u03C1':
      return U'p';
    case U'\u03C4':
      return U't';
    case U'\u03C5':
      return U'u';
    case U'\u03C7':
      return U'x';
    case U'\u03C9':
      return U'w';
    // Punctuation look-alikes
    case U'\u2018':
    case U'\u2019':
    case U'\u02BC':
    case U'\u2032':
      return U'\'';
    case U'\u201C':
    case U'\u201D':
      return U'"';
    // Latin look-alikes
    case U'\u0131':
      return U'i';
    case U'\u0237':
      return U'j';
    case U'\u0251':
      return U'a';
    case U'\u0261':
      return U'g';
    case U'\u0269':
      return U'i';
    default:
      return c;
  }
}

bool is_space_slow(char32_t c) {
  return u_isUWhiteSpace(static_cast<UChar32>(c));
}

bool is_invisible_slow(char32_t c) {
  const auto type = u_charType(static_cast<UChar32>(c));
  return type == U_CONTROL_CHAR || type == U_FORMAT_CHAR ||
         u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
}

// Carries a diacritic (or is đ/Đ).
bool is_marked_slow(char32_t c) {
  if (c == 0x111 || c == 0x110 || is_mark_slow(c)) return true;
  if (c < 0xC0) return false;
  icu::UnicodeString decomposition;
  if (!normalizers().nfd->getDecomposition(static_cast<UChar32>(c), decomposition)) return false;
  for (int32_t j = 0; j < decomposition.length(); ++j) {
    if (is_mark_slow(decomposition.charAt(j))) return true;
  }
  return false;
}

std::uint8_t combining_class_slow(char32_t c) {
  return normalizers().nfc->getCombiningClass(static_cast<UChar32>(c));
}

// Stable insertion sort by combining class: runs of marks are short.
template <typename Ccc>
void order_marks(Piece* begin, Piece* end, Ccc ccc) {
  for (Piece* i = begin + 1; i < end; ++i) {
    const Piece p = *i;
    const std::uint8_t cc = ccc(p.c);
    Piece* j = i;
    for (; j > begin && ccc((j - 1)->c) > cc; --j) *j = *(j - 1);
    *j = p;
  }
}

template <typename Ccc>
std::vector<Piece> compose_with(std::vector<Piece> pieces, Ccc ccc) {
  const auto& n = normalizers();
  for (std::size_t i = 0; i < pieces.size();) {
    if (ccc(pieces[i].c) == 0) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < pieces.size() && ccc(pieces[j].c) != 0) ++j;
    if (j - i > 1) order_marks(pieces.data() + i, pieces.data() + j, ccc);
    i = j;
  }
  std::vector<Piece> out;
  out.reserve(pieces.size());
  std::ptrdiff_t starter = -1;
  uint8_t previous = 0;
  for (const Piece& p : pieces) {
    const uint8_t cc = ccc(p.c);
    if (starter >= 0) {
      const bool adjacent = static_cast<std::size_t>(starter) + 1 == out.size();
      // Nothing below U+0300 is ever the second half of a composition: skip ICU for plain text.
      if (p.c >= 0x300 && (adjacent || (previous != 0 && previous < cc))) {
        const UChar32 composite =
            n.nfc->composePair(static_cast<UChar32>(out[starter].c), static_cast<UChar32>(p.c));
        if (composite >= 0) {
          Piece& s = out[static_cast<std::size_t>(starter)];
          s.c = static_cast<char32_t>(composite);
          s.from = std::min(s.from, p.from);
          s.to = std::max(s.to, p.to);
          continue;
        }
      }
    }
    if (cc == 0) starter = static_cast<std::ptrdiff_t>(out.size());
    previous = cc;
    out.push_back(p);
  }
  return out;
}

// Nothing before this folded code point composes with it or is reordered across it.
bool starts_segment(char32_t c) {
  return c < 0x300 && combining_class_slow(c) == 0;
}

std::uint8_t flag_bits_slow(char32_t c) {
  const auto u = static_cast<UChar32>(c);
  const bool mark = is_mark_slow(c);
  std::uint8_t bits = 0;
  if (mark) bits |= CharFlags::kMark;
  if (is_space_slow(c)) bits |= CharFlags::kSpace;
  if (is_invisible_slow(c)) bits |= CharFlags::kInvisible;
  if (is_marked_slow(c)) bits |= CharFlags::kMarked;
  if (u_isalnum(u) || mark) bits |= CharFlags::kWord;
  if (u_isalpha(u)) bits |= CharFlags::kAlpha;
  return bits;
}

}  // namespace

std::u32string fold_char_slow(char32_t c) {
  const auto& n = normalizers();
  std::u32string out;
  // One original code point becomes zero or more folded ones (NFKC_Casefold drops the invisible).
  icu::UnicodeString folded;
  if (c < 0x80) {
    folded = icu::UnicodeString(static_cast<UChar32>(c >= 'A' && c <= 'Z' ? c + 32 : c));
  } else {
    UErrorCode status = U_ZERO_ERROR;
    folded = n.nfkc_casefold->normalize(icu::UnicodeString(static_cast<UChar32>(c)), status);
    if (U_FAILURE(status)) folded = icu::UnicodeString(static_cast<UChar32>(c));
  }
  for (int32_t i = 0; i < folded.length();) {
    const UChar32 f = folded.char32At(i);
    i += U16_LENGTH(f);
    icu::UnicodeString decomposition;
    if (f >= 0x80 && n.nfd->getDecomposition(f, decomposition)) {
      for (int32_t j = 0; j < decomposition.length();) {
        const UChar32 d = decomposition.char32At(j);
        j += U16_LENGTH(d);
        out.push_back(look_alike(static_cast<char32_t>(d)));
      }
    } else {
      out.push_back(look_alike(static_cast<char32_t>(f)));
    }
  }
  return out;
}

void base_letters_slow(char32_t c, std::u32string& out) {
  if (c == U'đ' || c == U'ð') {
    out.push_back(U'd');
    return;
  }
  if (c < 0x80) {
    out.push_back(c);
    return;
  }
  if (is_mark_slow(c)) return;
  icu::UnicodeString decomposition;
  if (!normalizers().nfd->getDecomposition(static_cast<UChar32>(c), decomposition)) {
    out.push_back(c);
    return;
  }
  for (int32_t j = 0; j < decomposition.length();) {
    const UChar32 d = decomposition.char32At(j);
    j += U16_LENGTH(d);
    if (!is_mark_slow(static_cast<char32_t>(d))) out.push_back(static_cast<char32_t>(d));
  }
}

std::vector<Piece> compose(std::vector<Piece> pieces) {
  const CharTable& table = char_table();
  return compose_with(std::move(pieces), [&](char32_t c) { return table.flags_of(c).ccc; });
}

CharFlags CharTable::untabled_flags(char32_t c) {
  return {flag_bits_slow(c), combining_class_slow(c)};
}

const CharTable& char_table() {
  static const CharTable table = [] {
    CharTable t{std::vector<CharFlags>(kTabled), std::vector<char32_t>(kTabled),
                std::vector<char32_t>(kTabled, CharTable::kNotOne),
                std::vector<CharLetters>(kTabled)};
    for (char32_t c = 0; c < kTabled; ++c) {
      t.flags[c] = {flag_bits_slow(c), combining_class_slow(c)};
      CharLetters& letters = t.letters[c];
      letters.folded = fold_char_slow(c);
      base_letters_slow(c, letters.base);
      t.base_one[c] = letters.base.size() == 1 ? letters.base[0] : CharTable::kNotOne;
      const std::u32string& f = letters.folded;
      const bool one_segment = !f.empty() && starts_segment(f[0]) &&
                               std::none_of(f.begin() + 1, f.end(), starts_segment);
      if (one_segment) {
        t.flags[c].bits |= CharFlags::kOneSegment;
        std::vector<Piece> pieces;
        for (char32_t p : f) pieces.push_back({p, 0, 1});
        for (const Piece& p : compose_with(std::move(pieces), combining_class_slow)) {
          letters.composed.push_back(p.c);
        }
        const char32_t one = letters.composed.size() == 1 ? letters.composed[0] : 0;
        if (one != 0 && one != U' ' && (flag_bits_slow(one) & CharFlags::kInvisible) == 0) {
          t.composed_one[c] = one;
        }
      }
    }
    return t;
  }();
  return table;
}

}  // namespace ln::moderation
