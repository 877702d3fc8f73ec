#pragma once
// Normalisation of a child's text into the views the detectors search, each with an offset map
// back to the original. A view is a string of code points; view character i stands for the
// original code points [from[i], to[i]). Whatever a detector finds in any view is reported in
// original code points and bytes.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ln::moderation {

// A half-open range of original code points.
struct Range {
  std::size_t begin = 0, end = 0;
  friend bool operator==(const Range&, const Range&) = default;
};

// Leaves the elements a vector grows by uninitialised instead of zeroing them: the view builders
// size their arrays for a whole text (megabytes) and write every element they keep.
template <typename T>
struct UninitialisedAllocator : std::allocator<T> {
  template <typename U>
  struct rebind {
    using other = UninitialisedAllocator<U>;
  };
  UninitialisedAllocator() = default;
  template <typename U>
  UninitialisedAllocator(const UninitialisedAllocator<U>&) noexcept {}
  template <typename U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;
  }
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};
template <typename T>
using Array = std::vector<T, UninitialisedAllocator<T>>;

struct View {
  std::u32string chars;
  Array<std::uint32_t> from;    // first original code point of chars[i]
  Array<std::uint32_t> to;      // one past the last original code point of chars[i]
  Array<std::uint8_t> changed;  // squeezed views only (else empty): chars[i] differs from the
                                // base view

  std::size_t size() const { return chars.size(); }
  void push(char32_t c, std::uint32_t f, std::uint32_t t) {
    chars.push_back(c);
    from.push_back(f);
    to.push_back(t);
  }
  // Original code points covered by view characters [b, e), e > b.
  Range original(std::size_t b, std::size_t e) const { return {from[b], to[e - 1]}; }
};

// A view as UTF-8, for RE2, with the view index of every byte (and one past the end).
struct Utf8View {
  std::string text;
  Array<std::uint32_t> index_of_byte;  // size text.size() + 1
};
Utf8View to_utf8(const View& view);
Utf8View utf8_view(std::u32string_view chars);  // the same for code points of a view

struct NormalisedText {
  std::string_view utf8;              // the original text
  std::u32string original;            // its code points
  Array<std::size_t> byte_of;         // byte offset of original code point i; size n + 1
  Array<std::uint8_t> marked;         // original code point i carries a diacritic (or is đ/Đ)
  View folded;                        // NFKC, case folded, look-alikes mapped, NFC, one space
  View plain;                         // folded without diacritics: đ→d, tone/vowel marks gone
  Utf8View plain_utf8;                // the plain view as UTF-8, for the RE2 patterns
  std::vector<View> squeezed_folded;  // folded with obfuscation undone (1→i, and 1→l if any)
  std::vector<View> squeezed_plain;   // the same from the plain view

  // Widens `r` over combining marks and invisible characters that follow it in the original, so a
  // span never cuts a letter from its marks.
  Range widen(Range r) const;
  bool has_diacritics(Range r) const;
  std::size_t byte(std::size_t code_point) const { return byte_of[code_point]; }
};

bool is_valid_utf8(std::string_view text);

// nullopt when `utf8` is not valid UTF-8.
std::optional<NormalisedText> normalise(std::string_view utf8);

// The folded form of a lexicon entry (same pipeline as the text, trimmed).
std::u32string fold(std::string_view utf8);
// Diacritics removed from a folded string (đ→d).
std::u32string strip_diacritics(std::u32string_view folded);
// Diacritics removed from UTF-8 text without case folding (for RE2 pattern sources).
std::string strip_diacritics_utf8(std::string_view utf8);
// The squeezed form of a folded or plain string (what a lexicon key looks like in a squeezed view).
std::u32string squeeze(std::u32string_view text);

std::string to_utf8(std::u32string_view text);

// Letters, digits and combining marks: what a word is made of.
bool is_word_char(char32_t c);

}  // namespace ln::moderation
