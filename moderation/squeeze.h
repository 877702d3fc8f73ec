#pragma once
// The squeezed views (obfuscation undone), internal to moderation/: normalise.cpp builds them.
#include <optional>
#include <vector>

#include "moderation/normalise.h"

namespace ln::moderation {

// Obfuscation undone: separators between single letters dropped (d.m, d m → dm), leetspeak
// decoded inside words that have a letter (n9u stays, ng0 → ngo), repeated letters collapsed.
// Sets *saw_one when a '1' was decoded, so the caller can also try 1→l.
View squeeze_view(const View& base, char32_t one_as, bool* saw_one);

// The squeezed view with 1→i, and a second one with 1→l when the text decoded a '1'.
std::vector<View> squeeze_all(const View& base);

// The plain view's squeezed views, from the folded view's, for a text whose plain view maps the
// folded one character for character; nullopt when some character does not map to a letter that
// squeezing treats alike (then squeeze the plain view itself).
std::optional<std::vector<View>> squeeze_mapped(const std::vector<View>& squeezed_folded);

}  // namespace ln::moderation
