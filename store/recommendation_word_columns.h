#pragma once
// The words kept on recommendation, reaction and notification rows (origin, reaction kind,
// notification kind), read back from the text both backends keep; the column format is the one
// written before these were typed. A word no version wrote is a std::runtime_error.
#include <string_view>

#include "consult/notification_kind.h"
#include "consult/recommendation_states.h"

namespace ln::store {

RecommendationOrigin origin_column(std::string_view text);
ReactionKind reaction_kind_column(std::string_view text);
NotificationKind notification_kind_column(std::string_view text);

}  // namespace ln::store
