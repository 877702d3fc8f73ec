#pragma once
// The squeezed views (obfuscation undone), internal to moderation/: normalise.cpp builds them.
#include <vector>

#include "moderation/normalise.h"

namespace ln::moderation {

// Obfuscation undone: separators between single letters dropped (d.m, d m → dm), leetspeak
// decoded inside words that have a letter (n9u stays, ng0 → ngo), repeated letters collapsed.
// Sets *saw_one when a '1' was decoded, so the caller can also try 1→l.
View squeeze_view(const View& base, char32_t one_as, bool* saw_one);

// The squeezed view with 1→i, and a second one with 1→l when the text decoded a '1'.
std::vector<View> squeeze_all(const View& base);

}  // namespace ln::moderation
