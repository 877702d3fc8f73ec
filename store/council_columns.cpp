#include "store/council_columns.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace ln::store {
namespace {

using nlohmann::json;

template <typename Enum>
Enum known(std::optional<Enum> value, const char* column, const std::string& text) {
  if (!value) throw std::runtime_error(std::string("Unknown ") + column + " '" + text + "'.");
  return *value;
}

}  // namespace

std::string agenda_text(const std::vector<AgendaItem>& agenda) {
  json out = json::array();
  for (const auto& item : agenda) out.push_back({{"kind", word(item.kind)}, {"id", item.id}});
  return out.dump();
}

std::vector<AgendaItem> agenda_of(const std::string& text) {
  std::vector<AgendaItem> out;
  for (const auto& item : json::parse(text)) {
    std::string kind = item.at("kind");
    out.push_back({known(agenda_kind(kind), "agenda kind", kind), item.at("id")});
  }
  return out;
}

std::string attendance_text(const std::vector<std::string>& attendance) {
  return json(attendance).dump();
}

std::vector<std::string> attendance_of(const std::string& text) {
  return json::parse(text).get<std::vector<std::string>>();
}

std::string lifecycle_text(const std::vector<SessionStep>& lifecycle) {
  json out = json::array();
  for (const auto& step : lifecycle)
    out.push_back({{"status", word(step.status)}, {"at", step.at}, {"by", step.by}});
  return out.dump();
}

std::vector<SessionStep> lifecycle_of(const std::string& text) {
  std::vector<SessionStep> out;
  for (const auto& step : json::parse(text)) {
    std::string status = step.at("status");
    out.push_back({session_status_column(status), step.value("at", ""), step.value("by", "")});
  }
  return out;
}

std::string votes_text(const std::map<std::string, VoteChoice>& votes) {
  json out = json::object();
  for (const auto& [member, choice] : votes) out[member] = word(choice);
  return out.dump();
}

std::map<std::string, VoteChoice> votes_of(const std::string& text) {
  std::map<std::string, VoteChoice> out;
  const json votes = json::parse(text);
  for (const auto& [member, choice] : votes.items()) {
    std::string w = choice;
    out.emplace(member, known(vote_choice(w), "vote", w));
  }
  return out;
}

std::string outcomes_text(const std::vector<std::string>& outcomes) {
  return json(outcomes).dump();
}

std::vector<std::string> outcomes_of(const std::string& text) {
  return json::parse(text).get<std::vector<std::string>>();
}

std::string column(CouncilSessionStatus status) {
  return std::string(word(status));
}
std::string column(CouncilRole role) {
  return std::string(word(role));
}
std::string column(CouncilJoining joining) {
  return std::string(word(joining));
}

std::string column(EventKind kind) {
  return std::string(word(kind));
}

CouncilSessionStatus session_status_column(const std::string& text) {
  return known(council_session_status(text), "session status", text);
}
CouncilRole role_column(const std::string& text) {
  return known(council_role(text), "member role", text);
}
CouncilJoining joining_column(const std::string& text) {
  return known(council_joining(text), "joined_by", text);
}

EventKind event_kind_column(const std::string& text) {
  return known(event_kind(text), "event kind", text);
}

}  // namespace ln::store
