#pragma once
// Measures for moderators' leads: how fast children's texts get a first review, how fast
// safeguarding leads acknowledge possible disclosures, what moderators decided, and how often
// they agreed with each of the screener's rules (to tune the lexicons).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "consult/principal.h"
#include "consult/settings.h"
#include "consult/storage.h"

namespace ln::moderation {

inline constexpr int kMeasuredItemsMax = 20000;  // the most recent items a measure looks at

// The value below which `share` (0–1) of the sorted values lie (nearest rank); 0 when empty.
double percentile(const std::vector<double>& sorted, double share);

// A text moderators found the screener wrong about: escalated to safeguarding although the
// screener had not routed it there ("missed", label "disclosure"), or with a label the moderator
// marked wrong ("wrong_flag"). The text only: no pseudonym, unit or id.
struct ScreenerMiss {
  std::string kind;  // "missed" | "wrong_flag"
  std::string label;
  std::string text;
};

// How fast items got their first look: the minutes it took (median, 90th percentile, to a tenth),
// how many were late, and how many still wait.
struct ReviewTiming {
  std::size_t count = 0;
  std::optional<double> p50_minutes;  // none when nothing was reviewed
  std::optional<double> p90_minutes;
  int late = 0;
  int waiting = 0;
};

// What moderators made of one screener label on the items they decided.
struct LabelAgreement {
  ScreenerLabel label = ScreenerLabel::kSpam;
  int flagged = 0, confirmed = 0, wrong = 0;
  int missed = 0;                   // disclosures a moderator escalated that it had not routed
  std::optional<double> agreement;  // confirmed / (confirmed + wrong), to a thousandth
};

// How often moderators agreed with one screener rule (RuleOutcome), to a thousandth.
struct RuleAgreement {
  RuleOutcome outcome;
  std::optional<double> agreement;
};

struct ModerationMeasures {
  int days = 0;
  std::string since;
  std::size_t items = 0;
  bool items_capped = false;
  ReviewTiming first_review;
  int first_review_deadline_hours = 0;
  std::map<ModeratorDecision, int> decisions;
  std::vector<LabelAgreement> screener;  // one per label, in the order of kScreenerLabels
  std::vector<RuleAgreement> rules;
  // Safeguarding leads only.
  std::optional<ReviewTiming> safeguarding_acknowledgement;
  std::optional<int> safeguarding_deadline_minutes;
};

class Measures {
 public:
  Measures(Storage& storage, const Clock& clock, const Settings& settings)
      : storage_(storage), clock_(clock), settings_(settings) {}

  // Over the last `days` days, in the units the principal works for (all units for admins).
  // Safeguarding acknowledgement times, and the items the screener sent to safeguarding, only
  // for safeguarding leads: moderators and admins never learn that such an item waits.
  ModerationMeasures of(const Principal& actor, int days);

  // Every unit's screener misses of the last `days` days, newest first (`langnghe screen
  // --misses`, for safeguarding leads to review and add to the corpus by hand).
  std::vector<ScreenerMiss> screener_misses(int days);

 private:
  Storage& storage_;
  const Clock& clock_;
  const Settings& settings_;
};

}  // namespace ln::moderation
