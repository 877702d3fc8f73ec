#pragma once
// How each record looks on the wire. Secrets (password hashes, token hashes, sign-in lookups)
// and identity never appear here.
#include <nlohmann/json.hpp>
#include <optional>

#include "consult/principal.h"
#include "consult/records.h"

namespace ln::api {

// Each view comes with the JSON Schema of what it builds (shape.h), for the OpenAPI description.
nlohmann::json to_json(const Unit& u);
nlohmann::json unit_schema();
nlohmann::json to_json(const School& s);
nlohmann::json school_schema();
nlohmann::json to_json(const SchoolClass& c);
nlohmann::json class_schema();
nlohmann::json to_json(const JoinCode& j);
nlohmann::json join_code_schema();
nlohmann::json to_json(const Authority& a);
nlohmann::json authority_schema();
nlohmann::json to_json(const Account& a);
nlohmann::json account_schema();
nlohmann::json to_json(const Session& s, const std::string& current_session_id);
nlohmann::json session_schema();
nlohmann::json to_json(const Consent& c);
nlohmann::json consent_schema();
nlohmann::json to_json(const DataRequest& r);
nlohmann::json data_request_schema();
// A pupil as the adults in their units see them (pseudonym, band, consent), never identity.
nlohmann::json to_json(const Pupil& p, const std::vector<Consent>& consents);
nlohmann::json pupil_schema();
nlohmann::json me_json(const Principal& p);
nlohmann::json me_schema();
// A pupil's own submission as they see it: their words, its status in words for children, why it
// came back, and where to get help when it went to a safeguarding lead.
nlohmann::json own_submission_json(const Submission& s);
nlohmann::json own_submission_schema();
// The 111 hotline and a supportive message, for a child whose words suggest they may be at risk.
nlohmann::json support_json();
nlohmann::json support_schema();

inline constexpr auto as_json = [](const auto& item) { return to_json(item); };
// An optional field on the wire: its value, or null.
template <typename T>
nlohmann::json or_null(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json();
}
nlohmann::json consent_status(const std::vector<Consent>& consents);
nlohmann::json consent_status_schema();

}  // namespace ln::api
