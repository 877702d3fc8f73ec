#pragma once
// What kind of event children were heard at: the yearly "Forum listening to children's voices"
// (Diễn đàn lắng nghe tiếng nói trẻ em), leaders meeting pupils, or a school dialogue. ONE place
// turns it into its wire and database word (word) and back (event_kind, empty for an unknown
// word).
#include <optional>
#include <string_view>

namespace ln {

enum class EventKind { kForum, kLeadersDialogue, kSchoolDialogue };
inline constexpr EventKind kEventKinds[] = {EventKind::kForum, EventKind::kLeadersDialogue,
                                            EventKind::kSchoolDialogue};
std::string_view word(EventKind kind);
std::optional<EventKind> event_kind(std::string_view word);

}  // namespace ln
