#pragma once
// The six-monthly (by 20 June) and yearly (by 10–15 December) reports of a unit: children
// consulted by age band and gender, consultations held, children's submissions by outcome,
// Council sessions and events held, and progress against targets. Counts only, protected as one
// publication (consult/suppression.h), together with the consultation it reports on when its
// children are that consultation's respondents.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "consult/consultations.h"
#include "consult/councils.h"
#include "consult/events.h"
#include "consult/recommendations.h"
#include "consult/targets.h"

namespace ln {

struct ReportPeriod {
  std::string label;  // 2026-H1 | 2026-H2 | 2026
  std::string from;   // first day, YYYY-MM-DD
  std::string to;     // the day after the last, YYYY-MM-DD
  int year = 0;
};

// "2026-H1", "2026-H2" or "2026"; Invalid("period") otherwise.
ReportPeriod parse_period(const std::string& text);

// A count of children as published: nullopt when hidden (a group under the minimum size, or a
// figure that would give one away).
using ShownCount = std::optional<std::int64_t>;

// Children consulted: age band × gender, every channel together.
struct ConsultedRow {
  std::string age_band;
  std::vector<ShownCount> counts;  // one per gender, in the order of `genders`
  ShownCount total;
};
struct ChildrenConsulted {
  ShownCount total;
  ShownCount online, paper, forum;
  std::vector<std::string> genders;  // the configured genders, then "unknown"
  std::vector<ConsultedRow> rows;
  std::vector<ShownCount> totals;  // per gender, then all of them
};

// Children's submissions by outcome (escalated is shown once the period is over).
struct SubmissionFigures {
  ShownCount received, approved, returned, rejected, escalated;
};

struct CouncilFigures {
  std::string id;
  std::string name;
  std::string unit_id;
  std::int64_t sessions_held = 0;          // in the period
  int sessions_held_in_year = 0;           // in the period's calendar year
  std::optional<std::string> warning;      // fewer than two sessions that year, within its term
};

struct EventFigures {
  CouncilEvent event;
  ShownCount participants;
};

struct BandParticipants {
  std::string age_band;
  ShownCount participants;
};

// Children's reactions to one recommendation's answer.
struct ReactionFigures {
  std::string recommendation_id;
  std::string title;
  ShownCount agree, disagree;
};

// Recommendations forwarded in the period from the unit and those under it.
struct RecommendationFigures {
  std::int64_t forwarded = 0;
  std::int64_t answered = 0;
  std::int64_t overdue_now = 0;
  std::map<RecommendationStatus, int> by_status;
  std::vector<AuthorityFigures> authorities;
  ShownCount agree, disagree;  // reactions of every child, protected with the per-item counts
  std::vector<ReactionFigures> reactions;
};

// A unit's report for a period: counts only, every count of children protected.
struct Report {
  Unit unit;
  ReportPeriod period;
  std::string generated_at;
  std::int64_t threshold = 0;  // the minimum group size
  ChildrenConsulted children_consulted;
  std::vector<Consultation> consultations;  // open at some time in the period
  SubmissionFigures submissions;
  std::int64_t sessions_held = 0;
  std::vector<CouncilFigures> councils;
  std::vector<EventFigures> events;
  std::map<EventKind, std::int64_t> events_by_kind;
  ShownCount participants = 0;                     // children present at the events
  std::vector<BandParticipants> participants_by_band;  // empty when there were no events
  RecommendationFigures recommendations;
  std::vector<TargetProgress> targets;  // of the unit and those under it
};

class Reports {
 public:
  Reports(Storage& storage, const Clock& clock, AuditLog& audit, Organisation& organisation,
          Councils& councils, Targets& targets, Recommendations& recommendations,
          Consultations& consultations, std::int64_t suppression_threshold)
      : storage_(storage),
        clock_(clock),
        audit_(audit),
        organisation_(organisation),
        councils_(councils),
        targets_(targets),
        recommendations_(recommendations),
        consultations_(consultations),
        rule_(suppression_threshold) {}

  // `format` is only recorded in the audit log (json, csv or html).
  Report report(const Principal& actor, const std::string& unit_id, const std::string& period,
                const std::string& format);

 private:
  Storage& storage_;
  const Clock& clock_;
  AuditLog& audit_;
  Organisation& organisation_;
  Councils& councils_;
  Targets& targets_;
  Recommendations& recommendations_;
  Consultations& consultations_;
  SmallGroupRule rule_;
};

}  // namespace ln
