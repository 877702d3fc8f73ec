#include "moderation/measures.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "consult/errors.h"
#include "moderation/screening_record.h"

namespace ln::moderation {
namespace {

double minutes_between(const std::string& from, const std::string& to) {
  auto a = parse_time(from), b = parse_time(to);
  if (!a || !b) return -1;
  return std::chrono::duration<double>(*b - *a).count() / 60.0;
}

nlohmann::json timing_json(std::vector<double> minutes, int late, int waiting) {
  std::sort(minutes.begin(), minutes.end());
  auto rounded = [&](double share) {
    return minutes.empty() ? nlohmann::json()
                           : nlohmann::json(std::round(percentile(minutes, share) * 10) / 10);
  };
  return {{"count", minutes.size()},
          {"p50_minutes", rounded(0.5)},
          {"p90_minutes", rounded(0.9)},
          {"late", late},
          {"waiting", waiting}};
}

// What moderators made of the screener's labels on one decided item.
struct Judged {
  std::vector<std::string> labels, wrong;
  bool confirmed = false;  // not approved as it was
  bool missed_disclosure = false;
};

std::optional<Judged> judged(const Submission& s) {
  const DecisionRecord d = decision_of(s.decision_json);
  if (d.decision.empty()) return std::nullopt;
  const auto screening = nlohmann::json::parse(s.screening_json, nullptr, false);
  Judged j{labels_of(screening), d.wrong_flags, d.decision != "approve", false};
  j.missed_disclosure = d.decision == "escalate" &&
                        (!screening.is_object() || screening.value("route", "") != "safeguarding");
  return j;
}

bool has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// Per label: decided items it was on, how many moderators confirmed or marked wrong (or approved
// as they were), and for disclosures the items a moderator escalated that it had not routed.
nlohmann::json screener_json(const std::vector<Submission>& items) {
  struct Tally {
    int flagged = 0, confirmed = 0, wrong = 0, missed = 0;
  };
  std::map<std::string, Tally> by_label;
  for (const std::string label : {"disclosure", "personal_info", "rude", "spam"}) by_label[label];
  for (const auto& s : items) {
    const auto j = judged(s);
    if (!j) continue;
    for (const auto& label : j->labels) {
      Tally& t = by_label[label];
      ++t.flagged;
      (j->confirmed && !has(j->wrong, label) ? t.confirmed : t.wrong)++;
    }
    if (j->missed_disclosure) ++by_label["disclosure"].missed;
  }
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [label, t] : by_label) {
    const int judged_flags = t.confirmed + t.wrong;
    out.push_back(
        {{"label", label},
         {"flagged", t.flagged},
         {"confirmed", t.confirmed},
         {"wrong", t.wrong},
         {"missed", t.missed},
         {"agreement",
          judged_flags == 0
              ? nlohmann::json()
              : nlohmann::json(std::round(1000.0 * t.confirmed / judged_flags) / 1000.0)}});
  }
  return out;
}

}  // namespace

double percentile(const std::vector<double>& sorted, double share) {
  if (sorted.empty()) return 0;
  auto rank = static_cast<std::size_t>(std::ceil(share * static_cast<double>(sorted.size())));
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

nlohmann::json Measures::of(const Principal& actor, int days) {
  if (days < 1 || days > 366) throw Invalid("days", "days is between 1 and 366.");
  const std::string now = clock_.now_text();
  const std::string since = format_time(clock_.now() - std::chrono::hours(24 * days));
  // Only safeguarding leads learn anything of the safeguarding queue: a moderator or an admin who
  // saw its figures move would know, live, that some child had just disclosed harm (admins never
  // reach a safeguarding item, and a session is not the token `/metrics` asks for). Their
  // measures leave out what the screener sent there; what a moderator escalated, they know of
  // already, and it stays in their decisions.
  const bool sees_safeguarding = actor.role == Role::kSafeguardingLead;
  auto items = storage_.submissions().screened_since(actor.unit_ids, actor.is_admin(), since,
                                                     kMeasuredItemsMax);
  const bool capped = items.size() >= static_cast<std::size_t>(kMeasuredItemsMax);
  if (!sees_safeguarding)
    std::erase_if(items, [](const Submission& s) {
      return s.queue == "safeguarding" && decision_of(s.decision_json).decision != "escalate";
    });
  const double review_limit = settings_.first_review_hours * 60.0;
  const double ack_limit = settings_.safeguarding_ack_minutes;
  std::vector<double> review, ack;
  int review_late = 0, review_waiting = 0, ack_late = 0, ack_waiting = 0;
  std::map<std::string, int> decisions;
  for (const auto& s : items) {
    const bool safeguarding = s.queue == "safeguarding";
    const std::string sent = s.resent_at.value_or(s.created_at);
    const double limit = safeguarding ? ack_limit : review_limit;
    auto& times = safeguarding ? ack : review;
    int& late = safeguarding ? ack_late : review_late;
    int& waiting = safeguarding ? ack_waiting : review_waiting;
    if (s.first_reviewed_at) {
      const double m = minutes_between(sent, *s.first_reviewed_at);
      if (m >= 0) times.push_back(m);
      if (m > limit) ++late;
    } else if (s.status == "queued" || s.status == "claimed") {
      ++waiting;
      if (minutes_between(sent, now) > limit) ++late;
    }
    if (const DecisionRecord d = decision_of(s.decision_json); !d.decision.empty())
      ++decisions[d.decision];
  }
  nlohmann::json rules = nlohmann::json::array();
  for (const auto& r : storage_.submissions().rule_outcomes(actor.unit_ids, actor.is_admin())) {
    const auto total = r.agreed + r.disagreed;
    rules.push_back(
        {{"rule", r.rule},
         {"agreed", r.agreed},
         {"disagreed", r.disagreed},
         {"agreement", total == 0
                           ? nlohmann::json()
                           : nlohmann::json(std::round(1000.0 * r.agreed / total) / 1000.0)}});
  }
  nlohmann::json out = {
      {"days", days},
      {"since", since},
      {"items", items.size()},
      {"items_capped", capped},
      {"first_review", timing_json(std::move(review), review_late, review_waiting)},
      {"first_review_deadline_hours", settings_.first_review_hours},
      {"decisions", decisions},
      {"screener", screener_json(items)},
      {"rules", rules}};
  if (sees_safeguarding) {
    out["safeguarding_acknowledgement"] = timing_json(std::move(ack), ack_late, ack_waiting);
    out["safeguarding_deadline_minutes"] = settings_.safeguarding_ack_minutes;
  }
  return out;
}

std::vector<ScreenerMiss> Measures::screener_misses(int days) {
  if (days < 1 || days > 366) throw Invalid("days", "days is between 1 and 366.");
  const std::string since = format_time(clock_.now() - std::chrono::hours(24 * days));
  std::vector<ScreenerMiss> out;
  for (const auto& s : storage_.submissions().screened_since({}, true, since, kMeasuredItemsMax)) {
    const auto j = judged(s);
    if (!j || s.status == "withdrawn") continue;  // a child who took a text back keeps it out
    if (j->missed_disclosure) out.push_back({"missed", "disclosure", s.text});
    for (const auto& label : j->wrong) out.push_back({"wrong_flag", label, s.text});
  }
  return out;
}

}  // namespace ln::moderation
