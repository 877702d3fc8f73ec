#include "store/recommendation_columns.h"

#include <nlohmann/json.hpp>

namespace ln::store {
namespace {

using nlohmann::json;

json parsed(std::string_view text, json fallback) {
  if (text.empty()) return fallback;
  json j = json::parse(text, nullptr, false);
  return j.is_discarded() ? fallback : j;
}

std::string text_of(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<std::string> optional_text_of(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

}  // namespace

RecommendationStatus status_column(std::string_view text) {
  return recommendation_status(text).value_or(RecommendationStatus::kDraft);
}

std::string quotes_column(const std::vector<Quote>& quotes) {
  json out = json::array();
  for (const auto& q : quotes) out.push_back({{"submission_id", q.submission_id}, {"text", q.text}});
  return out.dump();
}

std::vector<Quote> quotes_of_column(std::string_view text) {
  std::vector<Quote> out;
  for (const auto& q : parsed(text, json::array()))
    if (q.is_object()) out.push_back({text_of(q, "submission_id"), text_of(q, "text")});
  return out;
}

std::string answer_column(const std::optional<Answer>& answer) {
  if (!answer) return "{}";
  json out = {{"decision", word(answer->decision)},
              {"reasons", answer->reasons},
              {"by", answer->by},
              {"at", answer->at}};
  if (answer->referred_to)
    out["referred_to"] = {{"id", answer->referred_to->id}, {"name", answer->referred_to->name}};
  return out.dump();
}

std::optional<Answer> answer_of_column(std::string_view text) {
  json a = parsed(text, json::object());
  if (!a.is_object() || !a.contains("decision")) return std::nullopt;
  Answer out;
  out.decision = decision(text_of(a, "decision")).value_or(Decision::kAccepted);
  out.reasons = text_of(a, "reasons");
  out.by = text_of(a, "by");
  out.at = text_of(a, "at");
  if (auto to = a.find("referred_to"); to != a.end() && to->is_object())
    out.referred_to = ReferredTo{text_of(*to, "id"), text_of(*to, "name")};
  return out;
}

std::string commitments_column(const std::vector<Commitment>& commitments) {
  json out = json::array();
  for (const auto& c : commitments) {
    json updates = json::array();
    for (const auto& u : c.updates) {
      json update = {{"note", u.note}, {"at", u.at}, {"by", u.by}};
      if (u.status) update["status"] = word(*u.status);
      updates.push_back(update);
    }
    out.push_back({{"id", c.id},
                   {"text", c.text},
                   {"owner", c.owner},
                   {"due_date", c.due_date},
                   {"status", word(c.status)},
                   {"updates", updates}});
  }
  return out.dump();
}

std::vector<Commitment> commitments_of_column(std::string_view text) {
  std::vector<Commitment> out;
  for (const auto& c : parsed(text, json::array())) {
    if (!c.is_object()) continue;
    Commitment commitment{text_of(c, "id"),       text_of(c, "text"), text_of(c, "owner"),
                          text_of(c, "due_date"),
                          commitment_status(text_of(c, "status")).value_or(CommitmentStatus::kPlanned),
                          {}};
    if (auto updates = c.find("updates"); updates != c.end() && updates->is_array())
      for (const auto& u : *updates) {
        if (!u.is_object()) continue;
        auto status = optional_text_of(u, "status");
        commitment.updates.push_back({text_of(u, "note"), text_of(u, "at"), text_of(u, "by"),
                                      status ? commitment_status(*status) : std::nullopt});
      }
    out.push_back(std::move(commitment));
  }
  return out;
}

std::string feedback_column(const std::optional<Feedback>& feedback) {
  if (!feedback) return "{}";
  json bands = json::object();
  for (const auto& [band, t] : feedback->bands)
    bands[band] = {
        {"you_said", t.you_said}, {"we_did", t.we_did}, {"why", t.why}, {"what_next", t.what_next}};
  return json{{"bands", bands}, {"by", feedback->by}, {"at", feedback->at}}.dump();
}

std::optional<Feedback> feedback_of_column(std::string_view text) {
  json f = parsed(text, json::object());
  if (!f.is_object() || !f.contains("bands") || !f["bands"].is_object()) return std::nullopt;
  Feedback out;
  for (const auto& [band, t] : f["bands"].items())
    if (t.is_object())
      out.bands[band] = {text_of(t, "you_said"), text_of(t, "we_did"), text_of(t, "why"),
                         text_of(t, "what_next")};
  out.by = text_of(f, "by");
  out.at = text_of(f, "at");
  return out;
}

std::string history_column(const std::vector<HistoryEntry>& history) {
  json out = json::array();
  for (const auto& h : history)
    out.push_back({{"action", h.action}, {"status", word(h.status)}, {"at", h.at}, {"by", h.by}});
  return out.dump();
}

std::vector<HistoryEntry> history_of_column(std::string_view text) {
  std::vector<HistoryEntry> out;
  for (const auto& h : parsed(text, json::array()))
    if (h.is_object())
      out.push_back({text_of(h, "action"), status_column(text_of(h, "status")), text_of(h, "at"),
                     text_of(h, "by")});
  return out;
}

std::string reminders_column(const Reminders& reminders) {
  json out = json::object();
  if (reminders.due_soon) out["due_soon"] = *reminders.due_soon;
  if (reminders.overdue) out["overdue"] = *reminders.overdue;
  if (reminders.escalated) out["escalated"] = *reminders.escalated;
  return out.dump();
}

Reminders reminders_of_column(std::string_view text) {
  json r = parsed(text, json::object());
  if (!r.is_object()) return {};
  return {optional_text_of(r, "due_soon"), optional_text_of(r, "overdue"),
          optional_text_of(r, "escalated")};
}

}  // namespace ln::store
