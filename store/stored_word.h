#pragma once
// An enum read back from its stored word: a word no version of this code wrote is a
// std::runtime_error (the database is not what this code wrote), never a silent default.
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace ln::store {

template <typename Enum>
Enum stored_word(std::optional<Enum> value, const char* column, std::string_view text) {
  if (!value)
    throw std::runtime_error(std::string("Unknown ") + column + " '" + std::string(text) + "'.");
  return *value;
}

}  // namespace ln::store
