#pragma once
// A child's data request: what is asked, by whom, where it stands and what an administrator may
// do with it; the one place that turns each into its stored and wire word (word) and back (the
// function named after it, empty for an unknown word).
#include <optional>
#include <string_view>

namespace ln {

// What the child (or their guardian) asks for.
enum class DataRequestKind { kExport, kDeletion, kCorrection };
inline constexpr DataRequestKind kDataRequestKinds[] = {
    DataRequestKind::kExport, DataRequestKind::kDeletion, DataRequestKind::kCorrection};
std::string_view word(DataRequestKind kind);
std::optional<DataRequestKind> data_request_kind(std::string_view word);

// open → acknowledged → done | refused (done and refused are closed: nothing reopens them).
enum class DataRequestStatus { kOpen, kAcknowledged, kDone, kRefused };
inline constexpr DataRequestStatus kDataRequestStatuses[] = {
    DataRequestStatus::kOpen, DataRequestStatus::kAcknowledged, DataRequestStatus::kDone,
    DataRequestStatus::kRefused};
std::string_view word(DataRequestStatus status);
std::optional<DataRequestStatus> data_request_status(std::string_view word);
inline bool is_closed(DataRequestStatus s) {
  return s == DataRequestStatus::kDone || s == DataRequestStatus::kRefused;
}

// Who made the request.
enum class Requester { kPupil, kGuardian };
std::string_view word(Requester requester);
std::optional<Requester> requester(std::string_view word);

// What an administrator does with an open request.
enum class DataRequestAction { kAcknowledge, kComplete, kRefuse };
std::string_view word(DataRequestAction action);
std::optional<DataRequestAction> data_request_action(std::string_view word);

}  // namespace ln
