#include "consult/event_kind.h"

#include "base/word_table.h"

namespace ln {
namespace {

constexpr WordTable<EventKind, 3> kEventKindWords{{{
    {EventKind::kForum, "forum"},
    {EventKind::kLeadersDialogue, "leaders_dialogue"},
    {EventKind::kSchoolDialogue, "school_dialogue"},
}}};

}  // namespace

std::string_view word(EventKind kind) {
  return kEventKindWords.word(kind);
}
std::optional<EventKind> event_kind(std::string_view word) {
  return kEventKindWords.value(word);
}

}  // namespace ln
