#pragma once
// A safeguarding case as it is kept with the child's text: acknowledgement, what the leads did,
// who revealed the child's identity and why, the closure, and the child's request to take it
// back. Read and written as a column by store/submission_columns.h.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ln {

enum class SafeguardingActionKind { kReferral111, kPolice, kCommuneOfficer, kSchool, kOther };
std::string_view word(SafeguardingActionKind kind);
std::optional<SafeguardingActionKind> safeguarding_action_kind(std::string_view word);

// no_concern needs a second lead's confirmation; the others close the case at once.
enum class CaseOutcome { kNoConcern, kReferred, kResolved };
std::string_view word(CaseOutcome outcome);
std::optional<CaseOutcome> case_outcome(std::string_view word);

// Where a case stands, from its record.
enum class CaseState { kWaiting, kAcknowledged, kClosurePending, kClosed };

struct CaseAction {
  SafeguardingActionKind kind = SafeguardingActionKind::kOther;
  std::string date;  // YYYY-MM-DD
  std::string reference;
  std::string note;
  std::string by;
  std::string at;
};

struct IdentityReveal {
  std::string by;
  std::string at;
  std::string reason;
};

struct CaseClosure {
  CaseOutcome outcome = CaseOutcome::kResolved;
  std::string reason;
  std::string proposed_by;
  std::string proposed_at;
  std::optional<std::string> confirmed_by;
  std::optional<std::string> confirmed_at;
};

struct WithdrawalRequest {
  std::string at;
  std::string by = "pupil";
  // The adult who handed over the sign-in code of the session the request came from.
  std::optional<std::string> code_issued_by;
};

struct SafeguardingCase {
  std::optional<std::string> acknowledged_at;
  std::optional<std::string> acknowledged_by;
  std::vector<CaseAction> actions;
  std::vector<IdentityReveal> reveals;
  std::optional<CaseClosure> closure;
  std::optional<std::string> closed_at;
  std::optional<WithdrawalRequest> withdrawal_request;

  CaseState state() const {
    if (closed_at) return CaseState::kClosed;
    if (closure) return CaseState::kClosurePending;
    return acknowledged_at ? CaseState::kAcknowledged : CaseState::kWaiting;
  }
};

}  // namespace ln
