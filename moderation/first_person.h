#pragma once
// The words that say the child (or someone of theirs) is the one a harm happens to: "em bị bố
// đánh", "bạn tui", "my dad". Read in the plain view (case folded, without diacritics).
#include <cstddef>
#include <string_view>

namespace ln::moderation {

// A letter of the plain view (no capitals there; any code point above ASCII counts).
bool is_letter(char32_t c);

// Whether `word` (one whole word of the plain view) is a first-person word: em, tui, tôi, mình,
// tao, con, cháu, I, me, my, we…
bool first_person(std::u32string_view word);

// Whether the whole words of plain[begin, end) tell a harm of the child's own: a first-person word
// that something is said of ("em bị", "em cũng", "em muốn"), whose someone it is ("bố em") or to
// whom it is done ("đánh em"); not "trẻ em", "em bé", "các em".
bool tells_own_harm(std::u32string_view plain, std::size_t begin, std::size_t end);

}  // namespace ln::moderation
