#include "moderation/measures.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "base/errors.h"

namespace ln::moderation {
namespace {

double minutes_between(const std::string& from, const std::string& to) {
  auto a = parse_time(from), b = parse_time(to);
  if (!a || !b) return -1;
  return std::chrono::duration<double>(*b - *a).count() / 60.0;
}

ReviewTiming timing_of(std::vector<double> minutes, int late, int waiting) {
  std::sort(minutes.begin(), minutes.end());
  auto rounded = [&](double share) -> std::optional<double> {
    if (minutes.empty()) return std::nullopt;
    return std::round(percentile(minutes, share) * 10) / 10;
  };
  return {minutes.size(), rounded(0.5), rounded(0.9), late, waiting};
}

std::optional<double> share_of(std::int64_t part, std::int64_t whole) {
  if (whole == 0) return std::nullopt;
  return std::round(1000.0 * static_cast<double>(part) / static_cast<double>(whole)) / 1000.0;
}

// What moderators made of the screener's labels on one decided item.
struct Judged {
  std::vector<ScreenerLabel> labels, wrong;
  bool confirmed = false;  // not approved as it was
  bool missed_disclosure = false;
};

std::optional<Judged> judged(const Submission& s) {
  if (!s.decision) return std::nullopt;
  const DecisionRecord& d = *s.decision;
  Judged j{s.screening.labels, d.wrong_flags, d.decision != ModeratorDecision::kApprove, false};
  j.missed_disclosure = d.decision == ModeratorDecision::kEscalate &&
                        s.screening.route != Queue::kSafeguarding;
  return j;
}

bool has(const std::vector<ScreenerLabel>& v, ScreenerLabel x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// Per label: decided items it was on, how many moderators confirmed or marked wrong (or approved
// as they were), and for disclosures the items a moderator escalated that it had not routed.
std::vector<LabelAgreement> label_agreement(const std::vector<Submission>& items) {
  std::vector<LabelAgreement> out;
  for (const ScreenerLabel label : kScreenerLabels) out.push_back({label, 0, 0, 0, 0, std::nullopt});
  auto tally = [&](ScreenerLabel label) -> LabelAgreement& {
    return out[static_cast<std::size_t>(label)];
  };
  for (const auto& s : items) {
    const auto j = judged(s);
    if (!j) continue;
    for (const auto label : j->labels) {
      LabelAgreement& t = tally(label);
      ++t.flagged;
      (j->confirmed && !has(j->wrong, label) ? t.confirmed : t.wrong)++;
    }
    if (j->missed_disclosure) ++tally(ScreenerLabel::kDisclosure).missed;
  }
  for (auto& t : out) t.agreement = share_of(t.confirmed, t.confirmed + t.wrong);
  return out;
}

}  // namespace

double percentile(const std::vector<double>& sorted, double share) {
  if (sorted.empty()) return 0;
  auto rank = static_cast<std::size_t>(std::ceil(share * static_cast<double>(sorted.size())));
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

ModerationMeasures Measures::of(const Principal& actor, int days) {
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
      return s.queue == Queue::kSafeguarding &&
             !(s.decision && s.decision->decision == ModeratorDecision::kEscalate);
    });
  const double review_limit = settings_.first_review_hours * 60.0;
  const double ack_limit = settings_.safeguarding_ack_minutes;
  std::vector<double> review, ack;
  int review_late = 0, review_waiting = 0, ack_late = 0, ack_waiting = 0;
  std::map<ModeratorDecision, int> decisions;
  for (const auto& s : items) {
    const bool safeguarding = s.queue == Queue::kSafeguarding;
    const std::string sent = s.resent_at.value_or(s.created_at);
    const double limit = safeguarding ? ack_limit : review_limit;
    auto& times = safeguarding ? ack : review;
    int& late = safeguarding ? ack_late : review_late;
    int& waiting = safeguarding ? ack_waiting : review_waiting;
    if (s.first_reviewed_at) {
      const double m = minutes_between(sent, *s.first_reviewed_at);
      if (m >= 0) times.push_back(m);
      if (m > limit) ++late;
    } else if (is_waiting(s.status)) {
      ++waiting;
      if (minutes_between(sent, now) > limit) ++late;
    }
    if (s.decision) ++decisions[s.decision->decision];
  }
  std::vector<RuleAgreement> rules;
  for (auto& r : storage_.submissions().rule_outcomes(actor.unit_ids, actor.is_admin())) {
    const auto agreement = share_of(r.agreed, r.agreed + r.disagreed);
    rules.push_back({std::move(r), agreement});
  }
  ModerationMeasures out{days,
                         since,
                         items.size(),
                         capped,
                         timing_of(std::move(review), review_late, review_waiting),
                         settings_.first_review_hours,
                         std::move(decisions),
                         label_agreement(items),
                         std::move(rules),
                         std::nullopt,
                         std::nullopt};
  if (sees_safeguarding) {
    out.safeguarding_acknowledgement = timing_of(std::move(ack), ack_late, ack_waiting);
    out.safeguarding_deadline_minutes = settings_.safeguarding_ack_minutes;
  }
  return out;
}

std::vector<ScreenerMiss> Measures::screener_misses(int days) {
  if (days < 1 || days > 366) throw Invalid("days", "days is between 1 and 366.");
  const std::string since = format_time(clock_.now() - std::chrono::hours(24 * days));
  std::vector<ScreenerMiss> out;
  for (const auto& s : storage_.submissions().screened_since({}, true, since, kMeasuredItemsMax)) {
    const auto j = judged(s);
    if (!j || s.status == SubmissionStatus::kWithdrawn) continue;  // a child who took a text back keeps it out
    if (j->missed_disclosure) out.push_back({"missed", "disclosure", s.text});
    for (const auto label : j->wrong) out.push_back({"wrong_flag", std::string(word(label)), s.text});
  }
  return out;
}

}  // namespace ln::moderation
