#include "consult/data_request_states.h"

#include "base/word_table.h"

namespace ln {
namespace {

constexpr WordTable<DataRequestKind, 3> kKindWords{{{
    {DataRequestKind::kExport, "export"},
    {DataRequestKind::kDeletion, "deletion"},
    {DataRequestKind::kCorrection, "correction"},
}}};
constexpr WordTable<DataRequestStatus, 4> kStatusWords{{{
    {DataRequestStatus::kOpen, "open"},
    {DataRequestStatus::kAcknowledged, "acknowledged"},
    {DataRequestStatus::kDone, "done"},
    {DataRequestStatus::kRefused, "refused"},
}}};
constexpr WordTable<Requester, 2> kRequesterWords{{{
    {Requester::kPupil, "pupil"},
    {Requester::kGuardian, "guardian"},
}}};
constexpr WordTable<DataRequestAction, 3> kActionWords{{{
    {DataRequestAction::kAcknowledge, "acknowledge"},
    {DataRequestAction::kComplete, "complete"},
    {DataRequestAction::kRefuse, "refuse"},
}}};

}  // namespace

std::string_view word(DataRequestKind k) {
  return kKindWords.word(k);
}
std::optional<DataRequestKind> data_request_kind(std::string_view w) {
  return kKindWords.value(w);
}
std::string_view word(DataRequestStatus s) {
  return kStatusWords.word(s);
}
std::optional<DataRequestStatus> data_request_status(std::string_view w) {
  return kStatusWords.value(w);
}
std::string_view word(Requester r) {
  return kRequesterWords.word(r);
}
std::optional<Requester> requester(std::string_view w) {
  return kRequesterWords.value(w);
}
std::string_view word(DataRequestAction a) {
  return kActionWords.word(a);
}
std::optional<DataRequestAction> data_request_action(std::string_view w) {
  return kActionWords.value(w);
}

}  // namespace ln
