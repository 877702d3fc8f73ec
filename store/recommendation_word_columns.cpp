#include "store/recommendation_word_columns.h"

#include "store/stored_word.h"

namespace ln::store {

RecommendationOrigin origin_column(std::string_view text) {
  return stored_word(recommendation_origin(text), "recommendation origin", text);
}
ReactionKind reaction_kind_column(std::string_view text) {
  return stored_word(reaction_kind(text), "reaction kind", text);
}
NotificationKind notification_kind_column(std::string_view text) {
  return stored_word(notification_kind(text), "notification kind", text);
}

}  // namespace ln::store
