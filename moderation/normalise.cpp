#include "moderation/normalise.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <stdexcept>

namespace ln::moderation {
namespace {

struct Piece {
  char32_t c;
  std::uint32_t from, to;
};

// Per-code-point answers, from a table for common scripts (defined below).
bool is_mark(char32_t c);
bool is_space(char32_t c);
bool is_invisible(char32_t c);
bool is_alpha(char32_t c);
std::uint8_t combining_class(char32_t c);
void base_letters(char32_t c, std::u32string& out);
void append_decomposed(char32_t c, std::uint32_t index, std::vector<Piece>& out);

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

// What one original code point folds to: NFKC_Casefold, each result decomposed (NFD), look-alikes
// mapped. Zero or more code points.
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

// Canonical ordering then canonical composition (NFC), keeping each piece's original range.
std::vector<Piece> compose(std::vector<Piece> pieces) {
  const auto& n = normalizers();
  auto ccc = combining_class;
  for (std::size_t i = 0; i < pieces.size();) {
    if (ccc(pieces[i].c) == 0) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < pieces.size() && ccc(pieces[j].c) != 0) ++j;
    std::stable_sort(pieces.begin() + static_cast<std::ptrdiff_t>(i),
                     pieces.begin() + static_cast<std::ptrdiff_t>(j),
                     [&](const Piece& a, const Piece& b) { return ccc(a.c) < ccc(b.c); });
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

bool is_space_slow(char32_t c) {
  return u_isUWhiteSpace(static_cast<UChar32>(c));
}

bool is_invisible_slow(char32_t c) {
  const auto type = u_charType(static_cast<UChar32>(c));
  return type == U_CONTROL_CHAR || type == U_FORMAT_CHAR ||
         u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
}

View build_folded(const std::u32string& original) {
  std::vector<Piece> pieces;
  pieces.reserve(original.size());
  for (std::size_t i = 0; i < original.size(); ++i) {
    const char32_t c = original[i];
    const auto index = static_cast<std::uint32_t>(i);
    if (is_space(c)) {
      pieces.push_back({U' ', index, index + 1});
    } else if (is_invisible(c)) {
      continue;
    } else {
      append_decomposed(c, index, pieces);
    }
  }
  View view;
  view.reserve(pieces.size());
  for (const Piece& p : compose(std::move(pieces))) {
    if (p.c == U' ' && !view.chars.empty() && view.chars.back() == U' ') {
      view.to.back() = p.to;
      continue;
    }
    if (is_invisible(p.c)) continue;
    view.push(p.c, p.from, p.to);
  }
  return view;
}

// The letters of `c` without marks: ồ→o, đ→d.
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

// Every ICU answer the pipeline needs, computed once per code point for the scripts children
// write in (Latin, Vietnamese, Greek, Cyrillic, punctuation: below U+3000); the rest is asked of
// ICU each time. Screening is dominated by these look-ups, so this table is what makes it fast.
// The yes/no answers and the combining class take two bytes per code point (24 KB, which stays
// in cache); the folded and base letters, needed once per character, live apart.
struct CharFlags {
  enum : std::uint8_t {
    kMark = 1,
    kSpace = 2,
    kInvisible = 4,
    kMarked = 8,
    kWord = 16,
    kAlpha = 32,
  };
  std::uint8_t bits = 0;
  std::uint8_t ccc = 0;
};
struct CharLetters {
  std::u32string folded, base;
};

constexpr char32_t kTabled = 0x3000;

struct CharTable {
  std::vector<CharFlags> flags;
  std::vector<CharLetters> letters;
};

const CharTable& char_table() {
  static const CharTable table = [] {
    CharTable t{std::vector<CharFlags>(kTabled), std::vector<CharLetters>(kTabled)};
    const auto& n = normalizers();
    for (char32_t c = 0; c < kTabled; ++c) {
      const auto u = static_cast<UChar32>(c);
      const bool mark = is_mark_slow(c);
      std::uint8_t bits = 0;
      if (mark) bits |= CharFlags::kMark;
      if (is_space_slow(c)) bits |= CharFlags::kSpace;
      if (is_invisible_slow(c)) bits |= CharFlags::kInvisible;
      if (is_marked_slow(c)) bits |= CharFlags::kMarked;
      if (u_isalnum(u) || mark) bits |= CharFlags::kWord;
      if (u_isalpha(u)) bits |= CharFlags::kAlpha;
      t.flags[c] = {bits, static_cast<std::uint8_t>(n.nfc->getCombiningClass(u))};
      t.letters[c].folded = fold_char_slow(c);
      base_letters_slow(c, t.letters[c].base);
    }
    return t;
  }();
  return table;
}

const CharFlags* flags_of(char32_t c) {
  static const CharFlags* const flags = char_table().flags.data();
  return c < kTabled ? flags + c : nullptr;
}

const CharLetters* letters_of(char32_t c) {
  static const CharLetters* const letters = char_table().letters.data();
  return c < kTabled ? letters + c : nullptr;
}

bool is_mark(char32_t c) {
  const CharFlags* f = flags_of(c);
  return f ? (f->bits & CharFlags::kMark) != 0 : is_mark_slow(c);
}
bool is_space(char32_t c) {
  const CharFlags* f = flags_of(c);
  return f ? (f->bits & CharFlags::kSpace) != 0 : is_space_slow(c);
}
bool is_invisible(char32_t c) {
  const CharFlags* f = flags_of(c);
  return f ? (f->bits & CharFlags::kInvisible) != 0 : is_invisible_slow(c);
}
bool is_alpha(char32_t c) {
  const CharFlags* f = flags_of(c);
  return f ? (f->bits & CharFlags::kAlpha) != 0 : u_isalpha(static_cast<UChar32>(c));
}
std::uint8_t combining_class(char32_t c) {
  const CharFlags* f = flags_of(c);
  return f ? f->ccc : normalizers().nfc->getCombiningClass(static_cast<UChar32>(c));
}

void base_letters(char32_t c, std::u32string& out) {
  if (const CharLetters* info = letters_of(c)) {
    out += info->base;
  } else {
    base_letters_slow(c, out);
  }
}

void append_decomposed(char32_t c, std::uint32_t index, std::vector<Piece>& out) {
  if (const CharLetters* info = letters_of(c)) {
    for (char32_t f : info->folded) out.push_back({f, index, index + 1});
    return;
  }
  for (char32_t f : fold_char_slow(c)) out.push_back({f, index, index + 1});
}

View build_plain(const View& folded) {
  View view;
  view.reserve(folded.size());
  std::u32string letters;
  for (std::size_t i = 0; i < folded.size(); ++i) {
    letters.clear();
    base_letters(folded.chars[i], letters);
    for (char32_t c : letters) view.push(c, folded.from[i], folded.to[i]);
  }
  return view;
}

bool is_separator(char32_t c) {
  switch (c) {
    case U' ':
    case U'.':
    case U'-':
    case U'_':
    case U'*':
    case U'~':
    case U'+':
    case U'\'':
    case U'`':
    case U'^':
    case U'|':
    case U'/':
    case U'\\':
      return true;
    default:
      return false;
  }
}

bool is_token_char(char32_t c) {
  return is_word_char(c) || c == U'@' || c == U'$';
}

char32_t leet(char32_t c, char32_t one_as) {
  switch (c) {
    case U'0':
      return U'o';
    case U'1':
      return one_as;
    case U'3':
      return U'e';
    case U'4':
      return U'a';
    case U'5':
      return U's';
    case U'7':
      return U't';
    case U'@':
      return U'a';
    case U'$':
      return U's';
    default:
      return c;
  }
}

// Obfuscation undone: separators between single letters dropped (d.m, d m → dm), leetspeak
// decoded inside words that have a letter (n9u stays, ng0 → ngo), repeated letters collapsed.
// Sets *saw_one when a '1' was decoded, so the caller can also try 1→l.
View squeeze_view(const View& base, char32_t one_as, bool* saw_one) {
  struct Item {
    enum Kind { kToken, kSeparator, kOther } kind;
    std::size_t begin, end;
    std::size_t letters = 0;
    bool has_space = false;
  };
  std::vector<Item> items;
  const std::size_t n = base.size();
  items.reserve(n / 2 + 1);
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i;
    if (is_token_char(base.chars[i])) {
      Item item{Item::kToken, i, i};
      while (j < n && is_token_char(base.chars[j])) {
        if (!is_mark(base.chars[j])) ++item.letters;
        ++j;
      }
      item.end = j;
      items.push_back(item);
    } else if (is_separator(base.chars[i])) {
      Item item{Item::kSeparator, i, i};
      while (j < n && is_separator(base.chars[j])) {
        if (base.chars[j] == U' ') item.has_space = true;
        ++j;
      }
      item.end = j;
      items.push_back(item);
    } else {
      items.push_back({Item::kOther, i, i + 1});
      j = i + 1;
    }
    i = j;
  }

  View out;
  out.reserve(n);
  bool in_word = false;  // the last character written belongs to the current (merged) word
  for (std::size_t k = 0; k < items.size(); ++k) {
    const Item& item = items[k];
    if (item.kind == Item::kSeparator) {
      const bool between_tokens = k > 0 && k + 1 < items.size() &&
                                  items[k - 1].kind == Item::kToken &&
                                  items[k + 1].kind == Item::kToken;
      if (between_tokens && item.end - item.begin <= 3) {
        const std::size_t left = items[k - 1].letters, right = items[k + 1].letters;
        const bool merge =
            (left == 1 && right == 1) || (!item.has_space && (left == 1 || right == 1));
        if (merge) continue;  // the next token continues the word
      }
      const bool plain_space = item.end - item.begin == 1 && base.chars[item.begin] == U' ';
      out.push(U' ', base.from[item.begin], base.to[item.end - 1], !plain_space);
      in_word = false;
      continue;
    }
    if (item.kind == Item::kOther) {
      out.push(base.chars[item.begin], base.from[item.begin], base.to[item.begin]);
      in_word = false;
      continue;
    }
    bool has_letter = false;
    for (std::size_t i = item.begin; i < item.end; ++i) {
      if (is_alpha(base.chars[i])) has_letter = true;
    }
    // A word merged over a dropped separator starts "changed".
    bool first = true;
    const bool merged = in_word;
    for (std::size_t i = item.begin; i < item.end; ++i) {
      char32_t c = base.chars[i];
      bool changed = merged && first;
      first = false;
      if (has_letter) {
        const char32_t decoded = leet(c, one_as);
        if (decoded != c) {
          if (c == U'1') *saw_one = true;
          c = decoded;
          changed = true;
        }
      }
      if (in_word && !out.chars.empty() && out.chars.back() == c && !is_mark(c)) {
        out.to.back() = base.to[i];
        out.changed.back() = true;
        continue;
      }
      out.push(c, base.from[i], base.to[i], changed);
      in_word = true;
    }
  }
  return out;
}

std::vector<View> squeeze_all(const View& base) {
  std::vector<View> views;
  bool saw_one = false;
  views.push_back(squeeze_view(base, U'i', &saw_one));
  if (saw_one) {
    bool ignored = false;
    views.push_back(squeeze_view(base, U'l', &ignored));
  }
  return views;
}

void append_utf8(char32_t c, std::string& out) {
  char buffer[4];
  int32_t length = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buffer), length, 4, static_cast<UChar32>(c), error);
  if (error) return;
  out.append(buffer, static_cast<std::size_t>(length));
}

std::u32string trimmed(std::u32string s) {
  while (!s.empty() && s.back() == U' ') s.pop_back();
  std::size_t b = 0;
  while (b < s.size() && s[b] == U' ') ++b;
  return s.substr(b);
}

}  // namespace

bool is_word_char(char32_t c) {
  const CharFlags* f = flags_of(c);
  return f ? (f->bits & CharFlags::kWord) != 0 : u_isalnum(static_cast<UChar32>(c)) || is_mark(c);
}

bool is_valid_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int64_t length = static_cast<int64_t>(text.size());
  for (int64_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) return false;
  }
  return true;
}

std::optional<NormalisedText> normalise(std::string_view utf8) {
  NormalisedText text;
  text.utf8 = utf8;
  text.original.reserve(utf8.size());
  text.marked.reserve(utf8.size());
  text.byte_of.reserve(utf8.size() + 1);
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const int64_t length = static_cast<int64_t>(utf8.size());
  for (int64_t i = 0; i < length;) {
    text.byte_of.push_back(static_cast<std::size_t>(i));
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) return std::nullopt;
    text.original.push_back(static_cast<char32_t>(c));
    const CharFlags* f = flags_of(static_cast<char32_t>(c));
    text.marked.push_back(f ? (f->bits & CharFlags::kMarked) != 0
                            : is_marked_slow(static_cast<char32_t>(c)));
  }
  text.byte_of.push_back(utf8.size());
  text.folded = build_folded(text.original);
  text.plain = build_plain(text.folded);
  text.plain_utf8 = to_utf8(text.plain);
  text.squeezed_folded = squeeze_all(text.folded);
  text.squeezed_plain = squeeze_all(text.plain);
  return text;
}

Range NormalisedText::widen(Range r) const {
  while (r.end < original.size() && (is_mark(original[r.end]) || is_invisible(original[r.end]))) {
    ++r.end;
  }
  return r;
}

bool NormalisedText::has_diacritics(Range r) const {
  for (std::size_t i = r.begin; i < r.end && i < marked.size(); ++i) {
    if (marked[i]) return true;
  }
  return false;
}

Utf8View to_utf8(const View& view) {
  Utf8View out;
  out.text.reserve(view.size());
  out.index_of_byte.reserve(view.size() + 1);
  for (std::size_t i = 0; i < view.size(); ++i) {
    if (view.chars[i] < 0x80) {  // most of any text: one byte, no encoder
      out.text.push_back(static_cast<char>(view.chars[i]));
      out.index_of_byte.push_back(static_cast<std::uint32_t>(i));
      continue;
    }
    const std::size_t before = out.text.size();
    append_utf8(view.chars[i], out.text);
    for (std::size_t b = before; b < out.text.size(); ++b) {
      out.index_of_byte.push_back(static_cast<std::uint32_t>(i));
    }
  }
  out.index_of_byte.push_back(static_cast<std::uint32_t>(view.size()));
  return out;
}

std::string to_utf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char32_t c : text) append_utf8(c, out);
  return out;
}

std::u32string fold(std::string_view utf8) {
  auto text = normalise(utf8);
  if (!text) return {};
  return trimmed(text->folded.chars);
}

std::u32string strip_diacritics(std::u32string_view folded) {
  std::u32string out;
  out.reserve(folded.size());
  for (char32_t c : folded) base_letters(c, out);
  return out;
}

std::string strip_diacritics_utf8(std::string_view utf8) {
  std::u32string decoded;
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const int64_t length = static_cast<int64_t>(utf8.size());
  for (int64_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) return std::string(utf8);
    if (c == 0x110) {
      decoded.push_back(U'D');
      continue;
    }
    base_letters(static_cast<char32_t>(c), decoded);
  }
  return to_utf8(decoded);
}

std::u32string squeeze(std::u32string_view text) {
  View base;
  for (std::size_t i = 0; i < text.size(); ++i) {
    base.push(text[i], static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i + 1));
  }
  bool ignored = false;
  return squeeze_view(base, U'i', &ignored).chars;
}

}  // namespace ln::moderation
