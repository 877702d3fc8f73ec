#include "moderation/simhash.h"

#include <array>
#include <bit>
#include <vector>

#include "moderation/normalise.h"

namespace ln::moderation {
namespace {

// FNV-1a, then a 64-bit finaliser (splitmix) so that nearby strings spread over all bits.
std::uint64_t hash(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  h ^= h >> 31;
  return h;
}

}  // namespace

std::string normalised_for_duplicates(std::string_view utf8_text) {
  auto text = normalise(utf8_text);
  if (!text) return {};
  std::u32string out;
  for (char32_t c : text->plain.chars) {
    if (is_word_char(c)) {
      out.push_back(c);
    } else if (!out.empty() && out.back() != U' ') {
      out.push_back(U' ');
    }
  }
  while (!out.empty() && out.back() == U' ') out.pop_back();
  return to_utf8(out);
}

std::uint64_t simhash(std::string_view normalised_text) {
  std::vector<std::string_view> words;
  for (std::size_t i = 0; i < normalised_text.size();) {
    const auto space = normalised_text.find(' ', i);
    const auto end = space == std::string_view::npos ? normalised_text.size() : space;
    if (end > i) words.push_back(normalised_text.substr(i, end - i));
    i = end + 1;
  }
  if (words.empty()) return 0;
  std::array<int, 64> weights{};
  auto add = [&](std::uint64_t h) {
    for (int bit = 0; bit < 64; ++bit) weights[bit] += (h >> bit) & 1 ? 1 : -1;
  };
  if (words.size() == 1) {
    add(hash(words[0]));
  } else {
    for (std::size_t i = 0; i + 1 < words.size(); ++i) {
      std::string pair(words[i]);
      pair += ' ';
      pair += words[i + 1];
      add(hash(pair));
    }
  }
  std::uint64_t out = 0;
  for (int bit = 0; bit < 64; ++bit) {
    if (weights[bit] > 0) out |= std::uint64_t{1} << bit;
  }
  return out;
}

int hamming_distance(std::uint64_t a, std::uint64_t b) {
  return std::popcount(a ^ b);
}

}  // namespace ln::moderation
