#include "store/recommendation_word_columns.h"

#include <optional>
#include <stdexcept>
#include <string>

namespace ln::store {
namespace {

template <typename Enum>
Enum stored(std::optional<Enum> value, const char* column, std::string_view text) {
  if (!value)
    throw std::runtime_error(std::string("Unknown ") + column + " '" + std::string(text) + "'.");
  return *value;
}

}  // namespace

RecommendationOrigin origin_column(std::string_view text) {
  return stored(recommendation_origin(text), "recommendation origin", text);
}
ReactionKind reaction_kind_column(std::string_view text) {
  return stored(reaction_kind(text), "reaction kind", text);
}
NotificationKind notification_kind_column(std::string_view text) {
  return stored(notification_kind(text), "notification kind", text);
}

}  // namespace ln::store
