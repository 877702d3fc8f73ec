#pragma once
// An enum's words, listed once: the word of each value and the value of each word. Each enum's
// own file holds its table (e.g. consult/submission_status.cpp).
#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace ln {

template <class E, std::size_t N>
struct WordTable {
  std::array<std::pair<E, std::string_view>, N> words;

  constexpr std::string_view word(E value) const {
    for (const auto& [v, w] : words)
      if (v == value) return w;
    return words[0].second;  // unreachable while every value is listed
  }
  constexpr std::optional<E> value(std::string_view text) const {
    for (const auto& [v, w] : words)
      if (w == text) return v;
    return std::nullopt;
  }
};

}  // namespace ln
