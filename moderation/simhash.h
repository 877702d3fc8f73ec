#pragma once
// Near-duplicate detection across submissions (the storage side compares fingerprints): a 64-bit
// SimHash over word shingles. Texts that differ by a few words are a few bits apart.
#include <cstdint>
#include <string>
#include <string_view>

namespace ln::moderation {

// Case folded, look-alikes mapped, diacritics, punctuation and emoji removed, words separated by
// one space. Invalid UTF-8 gives an empty string.
std::string normalised_for_duplicates(std::string_view utf8_text);

// SimHash of a normalised text (word pairs as features; single words for one-word texts).
std::uint64_t simhash(std::string_view normalised_text);

int hamming_distance(std::uint64_t a, std::uint64_t b);

}  // namespace ln::moderation
