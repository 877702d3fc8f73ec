#include "moderation/squeeze.h"

#include <optional>
#include <utility>

#include "moderation/char_table.h"

namespace ln::moderation {
namespace {

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

// What squeezing asks of a code point, in one byte.
enum SqueezeClass : std::uint8_t {
  kToken = 1,      // letter, digit, mark, '@' or '$'
  kSeparator = 2,  // dropped between single letters
  kMarkClass = 4,  // combining mark
  kAlphaClass = 8,
  kLeet = 16,  // leetspeak for a letter ('0' → o, '@' → a, …)
};

std::uint8_t squeeze_class(char32_t c, std::uint8_t flag_bits) {
  std::uint8_t k = 0;
  if ((flag_bits & CharFlags::kWord) != 0 || c == U'@' || c == U'$') k |= kToken;
  if (is_separator(c)) k |= kSeparator;
  if ((flag_bits & CharFlags::kMark) != 0) k |= kMarkClass;
  if ((flag_bits & CharFlags::kAlpha) != 0) k |= kAlphaClass;
  if (leet(c, U'i') != c) k |= kLeet;
  return k;
}

const std::uint8_t* squeeze_classes() {
  static const std::vector<std::uint8_t> classes = [] {
    const CharTable& table = char_table();
    std::vector<std::uint8_t> out(kTabled);
    for (char32_t c = 0; c < kTabled; ++c) out[c] = squeeze_class(c, table.flags[c].bits);
    return out;
  }();
  return classes.data();
}

// Not a code point: the last character written as far as collapsing is concerned, between
// words.
constexpr char32_t kNoWord = 0xFFFFFFFF;

// A run of token characters starting at some position.
struct Token {
  std::size_t end = 0;
  std::size_t letters = 0;  // characters that are not combining marks
  bool has_letter = false;  // an alphabetic character: leetspeak is decoded only then
};

// A squeezed view with room for `n` characters, written through plain pointers (a push per
// character cost a capacity check each), then cut to the `m` characters written.
struct SqueezedOut {
  View view;
  char32_t* chars;
  std::uint32_t* from;
  std::uint32_t* to;
  std::uint8_t* changed;
  explicit SqueezedOut(std::size_t n) {
    view.chars.resize(n);
    view.from.resize(n);
    view.to.resize(n);
    view.changed.resize(n);
    chars = view.chars.data();
    from = view.from.data();
    to = view.to.data();
    changed = view.changed.data();
  }
  View cut(std::size_t m) {
    view.chars.resize(m);
    view.from.resize(m);
    view.to.resize(m);
    view.changed.resize(m);
    return std::move(view);
  }
};

}  // namespace

// One pass over the base view. A separator run is dropped when it is at most three characters
// between two tokens and one of them is a single letter (both, when the run holds a space); the
// token after it then continues the word. Everything the loop reads or writes is in local
// pointers: the byte-wide `changed` stores could otherwise alias any vector's insides.
View squeeze_view(const View& base, char32_t one_as, bool* saw_one) {
  const std::size_t n = base.size();
  const char32_t* chars = base.chars.data();
  const std::uint32_t* from = base.from.data();
  const std::uint32_t* to = base.to.data();
  // The class of every character, looked up once.
  Array<std::uint8_t> class_array(n + 1);
  std::uint8_t* cls = class_array.data();
  {
    const std::uint8_t* classes = squeeze_classes();
    for (std::size_t i = 0; i < n; ++i) {
      const char32_t c = chars[i];
      cls[i] = c < kTabled ? classes[c] : squeeze_class(c, CharTable::untabled_flags(c).bits);
    }
    cls[n] = 0;  // the end: neither token nor separator
  }
  auto scan_token = [&](std::size_t i) {
    Token t;
    for (; (cls[i] & kToken) != 0; ++i) {
      if ((cls[i] & kMarkClass) == 0) ++t.letters;
      if ((cls[i] & kAlphaClass) != 0) t.has_letter = true;
    }
    t.end = i;
    return t;
  };

  // Every output character stands for at least one base character: write into arrays of n.
  SqueezedOut out(n);
  char32_t* out_chars = out.chars;
  std::uint32_t* out_from = out.from;
  std::uint32_t* out_to = out.to;
  std::uint8_t* out_changed = out.changed;
  std::size_t m = 0;
  auto push = [&](char32_t c, std::uint32_t f, std::uint32_t t, bool changed) {
    out_chars[m] = c;
    out_from[m] = f;
    out_to[m] = t;
    out_changed[m] = changed;
    ++m;
  };

  enum class Kind { kNone, kToken, kSeparator, kOther } previous = Kind::kNone;
  std::size_t previous_letters = 0;  // of the previous item, when a token
  bool in_word = false;  // the last character written belongs to the current (merged) word
  bool one_decoded = false;
  Token next;  // the token at `next_at`, when already scanned
  std::size_t next_at = n;
  for (std::size_t i = 0; i < n;) {
    const std::uint8_t first_class = cls[i];
    if ((first_class & kToken) != 0) {
      const Token token = next_at == i ? next : scan_token(i);
      // A word merged over a dropped separator starts "changed".
      const bool merged = in_word;
      for (std::size_t k = i; k < token.end; ++k) {
        char32_t c = chars[k];
        bool changed = merged && k == i;
        bool mark = (cls[k] & kMarkClass) != 0;
        if (token.has_letter && (cls[k] & kLeet) != 0) {
          if (c == U'1') one_decoded = true;
          c = leet(c, one_as);
          changed = true;
          mark = false;
        }
        if (in_word && m > 0 && out_chars[m - 1] == c && !mark) {
          out_to[m - 1] = to[k];
          out_changed[m - 1] = true;
          continue;
        }
        push(c, from[k], to[k], changed);
        in_word = true;
      }
      previous = Kind::kToken;
      previous_letters = token.letters;
      i = token.end;
      continue;
    }
    if ((first_class & kSeparator) != 0) {
      std::size_t j = i;
      bool has_space = false;
      for (; (cls[j] & kSeparator) != 0; ++j) {
        if (chars[j] == U' ') has_space = true;
      }
      if (previous == Kind::kToken && (cls[j] & kToken) != 0 && j - i <= 3) {
        next = scan_token(j);
        next_at = j;
        const std::size_t left = previous_letters, right = next.letters;
        const bool merge = (left == 1 && right == 1) || (!has_space && (left == 1 || right == 1));
        if (merge) {  // the next token continues the word
          previous = Kind::kSeparator;
          i = j;
          continue;
        }
      }
      const bool plain_space = j - i == 1 && chars[i] == U' ';
      push(U' ', from[i], to[j - 1], !plain_space);
      in_word = false;
      previous = Kind::kSeparator;
      i = j;
      continue;
    }
    push(chars[i], from[i], to[i], false);
    in_word = false;
    previous = Kind::kOther;
    ++i;
  }
  if (one_decoded) *saw_one = true;
  return out.cut(m);
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

namespace {

// For every tabled code point: its class with kAlike added when the table maps it to one base
// letter that squeezing treats as it treats the code point (the same class; decoding and the
// space test read the character itself, so leetspeak, digits and the space must map to
// themselves). 0 for all of them when some separator maps to another character: a dropped
// separator is not in a squeezed view to check.
constexpr std::uint8_t kAlike = 0x80;
const std::uint8_t* squeeze_alike() {
  static const std::vector<std::uint8_t> alike = [] {
    const CharTable& table = char_table();
    const std::uint8_t* classes = squeeze_classes();
    std::vector<std::uint8_t> out(kTabled, 0);
    for (char32_t c = 0; c < kTabled; ++c) {
      const char32_t b = table.base_one[c];
      if ((classes[c] & kSeparator) != 0 && b != c) return std::vector<std::uint8_t>(kTabled, 0);
      if (b == CharTable::kNotOne) continue;
      const std::uint8_t b_class =
          b < kTabled ? classes[b] : squeeze_class(b, CharTable::untabled_flags(b).bits);
      const bool read_as_itself =
          (classes[c] & kLeet) != 0 || c == U' ' || b == U' ' || c == U'1' || b == U'1';
      if (b_class == classes[c] && (b == c || !read_as_itself)) out[c] = kAlike | classes[c];
    }
    return out;
  }();
  return alike.data();
}

// Within a squeezed view, two neighbouring token characters belong to one word (a separator or
// another character is written between words), so mapping and collapsing as squeeze_view does
// gives the view squeezing the mapped base would.
std::optional<View> squeeze_mapped_view(const View& squeezed) {
  const CharTable& table = char_table();
  const char32_t* base_one = table.base_one.data();
  const std::uint8_t* alike = squeeze_alike();
  const std::size_t n = squeezed.size();
  const char32_t* chars = squeezed.chars.data();
  const std::uint32_t* from = squeezed.from.data();
  const std::uint32_t* to = squeezed.to.data();
  const std::uint8_t* changed = squeezed.changed.data();
  std::size_t m = 0;
  char32_t last = kNoWord;  // the last character written, when a token character
  SqueezedOut out(n);
  // Local copies, as in squeeze_view: the byte-wide stores could otherwise alias them.
  char32_t* out_chars = out.chars;
  std::uint32_t* out_from = out.from;
  std::uint32_t* out_to = out.to;
  std::uint8_t* out_changed = out.changed;
  for (std::size_t k = 0; k < n; ++k) {
    const char32_t c = chars[k];
    if (c >= kTabled || alike[c] == 0) return std::nullopt;
    const char32_t b = base_one[c];
    const std::uint8_t b_class = alike[c] & ~kAlike;  // its own class, the same
    if ((b_class & kMarkClass) == 0 && b == last) {
      out_to[m - 1] = to[k];
      out_changed[m - 1] = true;
      continue;
    }
    out_chars[m] = b;
    out_from[m] = from[k];
    out_to[m] = to[k];
    out_changed[m] = changed[k];
    ++m;
    last = (b_class & kToken) != 0 ? b : kNoWord;
  }
  return out.cut(m);
}

}  // namespace

std::optional<std::vector<View>> squeeze_mapped(const std::vector<View>& squeezed_folded) {
  std::vector<View> views;
  views.reserve(squeezed_folded.size());
  for (const View& v : squeezed_folded) {
    auto mapped = squeeze_mapped_view(v);
    if (!mapped) return std::nullopt;
    views.push_back(std::move(*mapped));
  }
  return views;
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
