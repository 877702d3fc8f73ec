#pragma once
// How Children's Councils look on the wire: the Council, its overview (members, advisers,
// sessions, years and warnings), members, sessions (as stored and in detail), proposals with
// their votes, the yearly review and the candidates. Each view comes with the JSON Schema of what
// it builds, for the OpenAPI description; enum values come from consult/council_kinds.h.
#include <nlohmann/json.hpp>

#include "api/http/shape.h"
#include "consult/councils.h"

namespace ln::api {

nlohmann::json council_json(const Council& c);
nlohmann::json council_schema();
// The Council with its current members, advisers, sessions, sessions per year and a warning for
// each year with too few sessions.
nlohmann::json council_overview_json(const CouncilOverview& o);
nlohmann::json council_overview_schema();
nlohmann::json council_member_json(const CouncilMember& m);
nlohmann::json council_member_schema();
// A pupil who could join, as the adults see them: never a name or a birth date.
nlohmann::json council_candidate_json(const EnrolledPupil& e);
nlohmann::json council_candidate_schema();
nlohmann::json council_review_json(const CouncilReview& r);
nlohmann::json council_review_schema();

// A session as stored: agenda items, attendance by member id, lifecycle.
nlohmann::json council_session_json(const CouncilSession& s);
nlohmann::json council_session_schema();
// A session in a list: its title, dates and status.
nlohmann::json session_summary_json(const CouncilSession& s);
nlohmann::json session_summary_schema();
// A session with its agenda in the approved words, attendance by pseudonym and proposals.
nlohmann::json session_detail_json(const SessionDetail& d);
nlohmann::json session_detail_schema();
nlohmann::json proposal_json(const CouncilProposal& p);
nlohmann::json proposal_schema();

}  // namespace ln::api
