#pragma once
// The text of the Council columns that hold a list or a map (agenda, attendance, lifecycle,
// votes) and of their enum words, shared by both backends. The column format is the one the
// database has always held (JSON text), so existing databases read unchanged:
//   agenda      [{"id": …, "kind": "submission" | "consultation"}]
//   attendance  ["member id", …]
//   lifecycle   [{"at": …, "by": …, "status": "planned" | "held" | "minuted"}]
//   votes       {"member id": "for" | "against" | "abstain"}
// and of an event's outcomes (events), ["what it produced", …]; its participants by age band are
// the same column as a paper batch's (store/consultation_columns).
#include <map>
#include <string>
#include <vector>

#include "consult/records.h"

namespace ln::store {

std::string agenda_text(const std::vector<AgendaItem>& agenda);
std::vector<AgendaItem> agenda_of(const std::string& text);
std::string attendance_text(const std::vector<std::string>& attendance);
std::vector<std::string> attendance_of(const std::string& text);
std::string lifecycle_text(const std::vector<SessionStep>& lifecycle);
std::vector<SessionStep> lifecycle_of(const std::string& text);
std::string votes_text(const std::map<std::string, VoteChoice>& votes);
std::map<std::string, VoteChoice> votes_of(const std::string& text);
std::string outcomes_text(const std::vector<std::string>& outcomes);
std::vector<std::string> outcomes_of(const std::string& text);

// An enum's stored word, and back; an unknown stored word is a std::runtime_error (the database
// holds something this version never wrote).
std::string column(CouncilSessionStatus status);
std::string column(CouncilRole role);
std::string column(CouncilJoining joining);
std::string column(EventKind kind);
CouncilSessionStatus session_status_column(const std::string& text);
CouncilRole role_column(const std::string& text);
CouncilJoining joining_column(const std::string& text);
EventKind event_kind_column(const std::string& text);

}  // namespace ln::store
