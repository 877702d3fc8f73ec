#pragma once
// What a moderator decided about a child's text, as it is kept with the text, and the earlier
// texts of an idea that came back for revision. Read and written as columns by
// store/submission_columns.h.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "consult/screening_verdict.h"

namespace ln {

enum class ModeratorDecision { kApprove, kApproveRedacted, kReturn, kReject, kEscalate };
std::string_view word(ModeratorDecision decision);
std::optional<ModeratorDecision> moderator_decision(std::string_view word);

struct DecisionRecord {
  ModeratorDecision decision = ModeratorDecision::kApprove;
  std::string by;  // the moderator's account id
  std::string at;
  std::optional<std::string> reason;  // return and reject: a code of the reason lists
  std::optional<std::string> note;
  std::vector<ScreenerLabel> wrong_flags;  // labels the moderator said the screener got wrong
};

// A text of an idea as it was before the child changed it and sent it again.
struct Revision {
  std::string text;
  std::string sent_at;
  std::optional<DecisionRecord> decision;  // the decision that returned it
};

}  // namespace ln
