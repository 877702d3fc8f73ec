#include "store/submission_columns.h"

#include <stdexcept>

#include <nlohmann/json.hpp>

namespace ln::store {
namespace {

using nlohmann::json;

json parsed(std::string_view text) {
  return json::parse(text.begin(), text.end(), nullptr, false);
}

std::string text_in(const json& o, const char* key) {
  auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<std::string> optional_text_in(const json& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

template <class T>
T number_in(const json& o, const char* key) {
  auto it = o.find(key);
  return it != o.end() && it->is_number() ? it->get<T>() : T{};
}

std::vector<ScreenerLabel> labels_in(const json& list) {
  std::vector<ScreenerLabel> out;
  if (!list.is_array()) return out;
  for (const auto& v : list)
    if (v.is_string())
      if (auto l = screener_label(v.get<std::string>())) out.push_back(*l);
  return out;
}

json label_words(const std::vector<ScreenerLabel>& labels) {
  json out = json::array();
  for (auto l : labels) out.push_back(word(l));
  return out;
}

json spans_json(const std::vector<ScreeningSpan>& spans) {
  json out = json::array();
  for (const auto& x : spans)
    out.push_back({{"label", word(x.label)},
                   {"start", x.start},
                   {"end", x.end},
                   {"byte_start", x.byte_start},
                   {"byte_end", x.byte_end},
                   {"rule", x.rule},
                   {"category", x.category},
                   {"severity", x.severity}});
  return out;
}

std::vector<ScreeningSpan> spans_in(const json& list) {
  std::vector<ScreeningSpan> out;
  if (!list.is_array()) return out;
  for (const auto& x : list) {
    if (!x.is_object()) continue;
    auto label = screener_label(text_in(x, "label"));
    if (!label) continue;
    out.push_back({*label, number_in<std::size_t>(x, "start"), number_in<std::size_t>(x, "end"),
                   number_in<std::size_t>(x, "byte_start"), number_in<std::size_t>(x, "byte_end"),
                   text_in(x, "rule"), text_in(x, "category"), number_in<int>(x, "severity")});
  }
  return out;
}

json decision_json(const DecisionRecord& d) {
  json out = {{"decision", word(d.decision)}, {"by", d.by}, {"at", d.at}};
  if (d.reason) out["reason"] = *d.reason;
  if (d.note) out["note"] = *d.note;
  if (!d.wrong_flags.empty()) out["wrong_flags"] = label_words(d.wrong_flags);
  return out;
}

std::optional<DecisionRecord> decision_of(const json& d) {
  if (!d.is_object()) return std::nullopt;
  auto decision = moderator_decision(text_in(d, "decision"));
  if (!decision) return std::nullopt;
  DecisionRecord out;
  out.decision = *decision;
  out.by = text_in(d, "by");
  out.at = text_in(d, "at");
  out.reason = optional_text_in(d, "reason");
  out.note = optional_text_in(d, "note");
  if (d.contains("wrong_flags")) out.wrong_flags = labels_in(d["wrong_flags"]);
  return out;
}

}  // namespace

std::string screening_column(const Screening& s) {
  json out = json::object();
  if (s.route) {
    out["route"] = word(*s.route);
    out["signals"] = s.signals;
    json model = json::array();
    for (const auto& m : s.model)
      model.push_back(
          {{"label", word(m.label)}, {"probability", m.probability}, {"threshold", m.threshold}});
    out["model"] = std::move(model);
    out["lexicon_version"] = s.lexicon_version;
  }
  if (s.route || !s.labels.empty()) out["labels"] = label_words(s.labels);
  if (s.route || !s.spans.empty()) out["spans"] = spans_json(s.spans);
  if (s.held) out["held"] = spans_json(*s.held);
  if (s.alike_from_other_children) out["alike_from_other_children"] = *s.alike_from_other_children;
  return out.dump();
}

Screening screening_from_column(std::string_view text) {
  Screening s;
  const json v = parsed(text);
  if (!v.is_object()) return s;
  if (auto route = optional_text_in(v, "route")) s.route = queue_named(*route);
  if (auto it = v.find("signals"); it != v.end() && it->is_array())
    for (const auto& x : *it)
      if (x.is_string()) s.signals.push_back(x.get<std::string>());
  if (auto it = v.find("model"); it != v.end() && it->is_array())
    for (const auto& m : *it) {
      if (!m.is_object()) continue;
      auto label = screener_label(text_in(m, "label"));
      if (label)
        s.model.push_back({*label, number_in<double>(m, "probability"),
                           number_in<double>(m, "threshold")});
    }
  s.lexicon_version = text_in(v, "lexicon_version");
  if (v.contains("labels")) s.labels = labels_in(v["labels"]);
  if (auto it = v.find("spans"); it != v.end()) s.spans = spans_in(*it);
  if (auto it = v.find("held"); it != v.end() && it->is_array()) s.held = spans_in(*it);
  if (auto it = v.find("alike_from_other_children"); it != v.end() && it->is_number_integer())
    s.alike_from_other_children = it->get<std::int64_t>();
  return s;
}

std::string decision_column(const std::optional<DecisionRecord>& decision) {
  return decision ? decision_json(*decision).dump() : std::string("{}");
}

std::optional<DecisionRecord> decision_from_column(std::string_view text) {
  return decision_of(parsed(text));
}

std::string safeguarding_column(const SafeguardingCase& c) {
  json out = json::object();
  if (c.acknowledged_at) out["acknowledged_at"] = *c.acknowledged_at;
  if (c.acknowledged_by) out["acknowledged_by"] = *c.acknowledged_by;
  for (const auto& a : c.actions)
    out["actions"].push_back({{"kind", word(a.kind)},
                              {"date", a.date},
                              {"reference", a.reference},
                              {"note", a.note},
                              {"by", a.by},
                              {"at", a.at}});
  for (const auto& r : c.reveals)
    out["reveals"].push_back({{"by", r.by}, {"at", r.at}, {"reason", r.reason}});
  if (c.closure) {
    json closure = {{"outcome", word(c.closure->outcome)},
                    {"reason", c.closure->reason},
                    {"proposed_by", c.closure->proposed_by},
                    {"proposed_at", c.closure->proposed_at}};
    if (c.closure->confirmed_by) closure["confirmed_by"] = *c.closure->confirmed_by;
    if (c.closure->confirmed_at) closure["confirmed_at"] = *c.closure->confirmed_at;
    out["closure"] = std::move(closure);
  }
  if (c.closed_at) out["closed_at"] = *c.closed_at;
  if (c.withdrawal_request) {
    json request = {{"at", c.withdrawal_request->at}, {"by", c.withdrawal_request->by}};
    if (c.withdrawal_request->code_issued_by)
      request["code_issued_by"] = *c.withdrawal_request->code_issued_by;
    out["withdrawal_request"] = std::move(request);
  }
  return out.dump();
}

SafeguardingCase safeguarding_from_column(std::string_view text) {
  SafeguardingCase c;
  const json v = parsed(text);
  if (!v.is_object()) return c;
  c.acknowledged_at = optional_text_in(v, "acknowledged_at");
  c.acknowledged_by = optional_text_in(v, "acknowledged_by");
  if (auto it = v.find("actions"); it != v.end() && it->is_array())
    for (const auto& a : *it) {
      if (!a.is_object()) continue;
      c.actions.push_back({safeguarding_action_kind(text_in(a, "kind"))
                               .value_or(SafeguardingActionKind::kOther),
                           text_in(a, "date"), text_in(a, "reference"), text_in(a, "note"),
                           text_in(a, "by"), text_in(a, "at")});
    }
  if (auto it = v.find("reveals"); it != v.end() && it->is_array())
    for (const auto& r : *it)
      if (r.is_object())
        c.reveals.push_back({text_in(r, "by"), text_in(r, "at"), text_in(r, "reason")});
  if (auto it = v.find("closure"); it != v.end() && it->is_object()) {
    const json& x = *it;
    c.closure = CaseClosure{case_outcome(text_in(x, "outcome")).value_or(CaseOutcome::kResolved),
                            text_in(x, "reason"),
                            text_in(x, "proposed_by"),
                            text_in(x, "proposed_at"),
                            optional_text_in(x, "confirmed_by"),
                            optional_text_in(x, "confirmed_at")};
  }
  c.closed_at = optional_text_in(v, "closed_at");
  if (auto it = v.find("withdrawal_request"); it != v.end() && it->is_object())
    c.withdrawal_request = WithdrawalRequest{text_in(*it, "at"), text_in(*it, "by"),
                                             optional_text_in(*it, "code_issued_by")};
  return c;
}

std::string revisions_column(const std::vector<Revision>& revisions) {
  json out = json::array();
  for (const auto& r : revisions)
    out.push_back({{"text", r.text},
                   {"sent_at", r.sent_at},
                   {"decision", r.decision ? decision_json(*r.decision) : json::object()}});
  return out.dump();
}

std::vector<Revision> revisions_from_column(std::string_view text) {
  std::vector<Revision> out;
  const json v = parsed(text);
  if (!v.is_array()) return out;
  for (const auto& r : v) {
    if (!r.is_object() || !r.contains("text")) continue;
    Revision revision{text_in(r, "text"), text_in(r, "sent_at"), std::nullopt};
    if (auto it = r.find("decision"); it != r.end()) revision.decision = decision_of(*it);
    out.push_back(std::move(revision));
  }
  return out;
}

SubmissionStatus status_from_column(std::string_view text) {
  if (auto s = submission_status(text)) return *s;
  throw std::runtime_error("unknown submission status in the database: " + std::string(text));
}

SubmissionKind kind_from_column(std::string_view text) {
  if (auto k = submission_kind(text)) return *k;
  throw std::runtime_error("unknown submission kind in the database: " + std::string(text));
}

std::optional<std::string> kind_column(const std::optional<SubmissionKind>& kind) {
  if (!kind) return std::nullopt;
  return std::string(word(*kind));
}

std::optional<Queue> queue_from_column(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  if (auto q = queue_named(*text)) return q;
  throw std::runtime_error("unknown moderation queue in the database: " + *text);
}

std::optional<std::string> queue_column(const std::optional<Queue>& queue) {
  if (!queue) return std::nullopt;
  return std::string(word(*queue));
}

}  // namespace ln::store
