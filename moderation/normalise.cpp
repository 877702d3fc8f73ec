#include "moderation/normalise.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <limits>

#include "moderation/char_table.h"
#include "moderation/squeeze.h"

namespace ln::moderation {
namespace {

void base_letters(const CharTable& table, char32_t c, std::u32string& out) {
  if (c < kTabled) {
    out += table.letters[c].base;
  } else {
    base_letters_slow(c, out);
  }
}

// Nothing before this folded code point composes with it or is reordered across it.
bool starts_segment(const CharTable& table, char32_t c) {
  return c < 0x300 && table.flags[c].ccc == 0;
}

// Appends to a view through pointers held in locals: a view of a megabyte has a million
// characters, and push_back on three arrays cost more than the rest of the builders' work.
class ViewWriter {
 public:
  ViewWriter(View& view, std::size_t capacity) : view_(view) {
    grow(std::max<std::size_t>(capacity, 16));
  }
  ViewWriter(const ViewWriter&) = delete;
  ViewWriter& operator=(const ViewWriter&) = delete;
  ~ViewWriter() {
    view_.chars.resize(size_);
    view_.from.resize(size_);
    view_.to.resize(size_);
  }
  void push(char32_t c, std::uint32_t from, std::uint32_t to) {
    if (size_ == capacity_) grow(capacity_ * 2);
    chars_[size_] = c;
    from_[size_] = from;
    to_[size_] = to;
    ++size_;
  }
  std::size_t size() const { return size_; }
  char32_t back() const { return chars_[size_ - 1]; }
  void extend_back(std::uint32_t to) { to_[size_ - 1] = to; }

 private:
  void grow(std::size_t capacity) {
    view_.chars.resize(capacity);
    view_.from.resize(capacity);
    view_.to.resize(capacity);
    chars_ = view_.chars.data();
    from_ = view_.from.data();
    to_ = view_.to.data();
    capacity_ = capacity;
  }
  View& view_;
  char32_t* chars_ = nullptr;
  std::uint32_t* from_ = nullptr;
  std::uint32_t* to_ = nullptr;
  std::size_t size_ = 0, capacity_ = 0;
};

// NFKC, case folded, look-alikes mapped, NFC, invisible characters dropped, spaces collapsed.
// Composition never reaches back over a starter below U+0300, so the text is composed one segment
// (such a starter and what follows it up to the next) at a time, and a code point that folds to
// one segment on its own (every ASCII and precomposed Vietnamese letter) takes its composed form
// from the table.
View build_folded(const std::u32string& original) {
  const CharTable& table = char_table();
  View view;
  {
    ViewWriter out(view, original.size());
    auto emit = [&](char32_t c, std::uint32_t from, std::uint32_t to) {
      if (c == U' ' && out.size() > 0 && out.back() == U' ') {
        out.extend_back(to);
        return;
      }
      if (table.is(c, CharFlags::kInvisible)) return;
      out.push(c, from, to);
    };
    // The segment being read: original[alone] on its own (a kOneSegment code point), or
    // `segment`.
    constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
    std::size_t alone = kNone;
    std::vector<Piece> segment;
    auto flush = [&] {
      if (alone != kNone) {
        const auto index = static_cast<std::uint32_t>(alone);
        const char32_t c = original[alone];
        if (table.composed_one[c] != CharTable::kNotOne) {
          out.push(table.composed_one[c], index, index + 1);
        } else {
          for (char32_t f : table.letters[c].composed) emit(f, index, index + 1);
        }
        alone = kNone;
      } else if (segment.size() == 1) {
        emit(segment[0].c, segment[0].from, segment[0].to);
        segment.clear();
      } else if (!segment.empty()) {
        for (const Piece& p : compose(segment)) emit(p.c, p.from, p.to);
        segment.clear();
      }
    };
    auto add = [&](const Piece& p) {
      if (starts_segment(table, p.c)) {
        flush();
      } else if (alone != kNone) {
        const auto index = static_cast<std::uint32_t>(alone);
        for (char32_t f : table.letters[original[alone]].folded) {
          segment.push_back({f, index, index + 1});
        }
        alone = kNone;
      }
      segment.push_back(p);
    };
    for (std::size_t i = 0; i < original.size(); ++i) {
      const char32_t c = original[i];
      const auto index = static_cast<std::uint32_t>(i);
      const std::uint8_t bits = table.flags_of(c).bits;
      if ((bits & CharFlags::kSpace) != 0) {
        add({U' ', index, index + 1});
      } else if ((bits & CharFlags::kInvisible) != 0) {
        continue;
      } else if ((bits & CharFlags::kOneSegment) != 0) {
        // The usual case, a letter after a letter: the one before is written from the table
        // here, as flush() would, without a call per character.
        if (alone != kNone && table.composed_one[original[alone]] != CharTable::kNotOne) {
          const auto before = static_cast<std::uint32_t>(alone);
          out.push(table.composed_one[original[alone]], before, before + 1);
        } else {
          flush();
        }
        alone = i;
      } else if (c < kTabled) {
        for (char32_t f : table.letters[c].folded) add({f, index, index + 1});
      } else {
        for (char32_t f : fold_char_slow(c)) add({f, index, index + 1});
      }
    }
    flush();
  }
  return view;
}

// Sets *one_to_one when every character of `folded` was mapped to its one base letter from the
// table (the plain view is then the folded one, character for character, mapped).
View build_plain(const View& folded, bool* one_to_one) {
  const CharTable& table = char_table();
  View view;
  bool each_one = true;
  {
    ViewWriter out(view, folded.size());
    const char32_t* chars = folded.chars.data();
    const std::uint32_t* from = folded.from.data();
    const std::uint32_t* to = folded.to.data();
    const char32_t* base_one = table.base_one.data();
    std::u32string letters;
    for (std::size_t i = 0; i < folded.size(); ++i) {
      const char32_t c = chars[i];
      if (c < kTabled && base_one[c] != CharTable::kNotOne) {
        out.push(base_one[c], from[i], to[i]);
        continue;
      }
      each_one = false;
      letters.clear();
      base_letters(table, c, letters);
      for (char32_t b : letters) out.push(b, from[i], to[i]);
    }
  }
  *one_to_one = each_one;
  return view;
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
  return char_table().is(c, CharFlags::kWord);
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
  const CharTable& table = char_table();
  NormalisedText text;
  text.utf8 = utf8;
  // At most one code point per byte: write through pointers, then trim.
  const std::size_t bytes = utf8.size();
  text.original.resize(bytes);
  text.byte_of.resize(bytes + 1);
  text.marked.resize(bytes);
  char32_t* original = text.original.data();
  std::size_t* byte_of = text.byte_of.data();
  std::uint8_t* marked = text.marked.data();
  std::size_t n = 0;
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const int64_t length = static_cast<int64_t>(bytes);
  for (int64_t i = 0; i < length;) {
    byte_of[n] = static_cast<std::size_t>(i);
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) return std::nullopt;
    original[n] = static_cast<char32_t>(c);
    marked[n] = table.is(static_cast<char32_t>(c), CharFlags::kMarked);
    ++n;
  }
  byte_of[n] = bytes;
  text.original.resize(n);
  text.byte_of.resize(n + 1);
  text.marked.resize(n);
  text.folded = build_folded(text.original);
  bool one_to_one = false;
  text.plain = build_plain(text.folded, &one_to_one);
  text.plain_utf8 = to_utf8(text.plain);
  text.squeezed_folded = squeeze_all(text.folded);
  // Text without diacritics (most English) has the same plain view: squeeze it once.
  const bool same = text.plain.chars == text.folded.chars && text.plain.from == text.folded.from &&
                    text.plain.to == text.folded.to;
  // Text whose plain view maps the folded one character for character (most Vietnamese): its
  // squeezed views are the folded ones' mapped, without squeezing again.
  std::optional<std::vector<View>> mapped;
  if (!same && one_to_one) mapped = squeeze_mapped(text.squeezed_folded);
  text.squeezed_plain = same     ? text.squeezed_folded
                        : mapped ? std::move(*mapped)
                                 : squeeze_all(text.plain);
  return text;
}

Range NormalisedText::widen(Range r) const {
  const CharTable& table = char_table();
  while (r.end < original.size() &&
         table.is(original[r.end], CharFlags::kMark | CharFlags::kInvisible)) {
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
  return utf8_view(view.chars);
}

Utf8View utf8_view(std::u32string_view chars) {
  std::size_t bytes = 0;
  for (char32_t c : chars) bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  Utf8View out;
  out.text.resize(bytes);
  out.index_of_byte.resize(bytes + 1);
  auto* text = reinterpret_cast<uint8_t*>(out.text.data());
  std::uint32_t* index = out.index_of_byte.data();
  int32_t b = 0;
  for (std::size_t i = 0; i < chars.size(); ++i) {
    if (chars[i] < 0x80) {  // most of any text: one byte, no encoder
      index[b] = static_cast<std::uint32_t>(i);
      text[b++] = static_cast<uint8_t>(chars[i]);
      continue;
    }
    const auto before = b;
    UBool error = false;
    U8_APPEND(text, b, static_cast<int32_t>(bytes), static_cast<UChar32>(chars[i]), error);
    if (error) b = before;  // not a scalar value (a lone surrogate): no bytes
    for (auto k = before; k < b; ++k) index[k] = static_cast<std::uint32_t>(i);
  }
  const auto written = static_cast<std::size_t>(b);
  out.text.resize(written);
  out.index_of_byte.resize(written + 1);
  out.index_of_byte[written] = static_cast<std::uint32_t>(chars.size());
  return out;
}

std::string to_utf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char32_t c : text) append_utf8(c, out);
  return out;
}

std::u32string fold(std::string_view utf8) {
  // Only the folded view, as normalise() builds it: the lexicons fold thousands of entries at
  // load, and the other views cost three times as much.
  std::u32string original;
  original.reserve(utf8.size());
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const int64_t length = static_cast<int64_t>(utf8.size());
  for (int64_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) return {};
    original.push_back(static_cast<char32_t>(c));
  }
  return trimmed(build_folded(original).chars);
}

std::u32string strip_diacritics(std::u32string_view folded) {
  std::u32string out;
  out.reserve(folded.size());
  const CharTable& table = char_table();
  for (char32_t c : folded) base_letters(table, c, out);
  return out;
}

std::string strip_diacritics_utf8(std::string_view utf8) {
  const CharTable& table = char_table();
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
    base_letters(table, static_cast<char32_t>(c), decoded);
  }
  return to_utf8(decoded);
}

}  // namespace ln::moderation
