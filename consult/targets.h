#pragma once
// Participation targets per unit and period (e.g. 50,000 children consulted in 2024–2027) and
// the progress towards them: distinct children who answered online, paper sheets and forum
// participants in the unit and every unit below it, over the period and year by year.
#include "consult/audit.h"
#include "consult/consultations.h"
#include "consult/organisation.h"
#include "consult/suppression.h"

namespace ln {

struct TargetInput {
  std::string unit_id;
  std::string kind;
  std::string period_start;
  std::string period_end;
  std::int64_t target = 0;
};

// One stretch of a target's period (the whole period, or one calendar year of it) and its counts.
struct ProgressFigures {
  Participation counts;
  Publication::Figure online{}, paper{}, forum{}, total{};
};

// A target and its progress over the whole period and in each calendar year of it, and which of
// the counts are published. Each target's counts are one publication: online + paper + forum =
// total in each stretch, and the paper sheets and forum participants of the years add up to the
// period's. (Online children are distinct children: one who answered in two years counts once in
// the period, so the years' online counts do not add up to it and no such sum is declared.)
struct TargetProgress {
  Target target;
  Participation counts;
  Publication published;
  Publication::Figure online{}, paper{}, forum{}, total{};
  std::vector<std::pair<int, ProgressFigures>> years;
};

class Targets {
 public:
  Targets(Storage& storage, const Clock& clock, AuditLog& audit, Organisation& organisation,
          Consultations& consultations, std::int64_t suppression_threshold)
      : storage_(storage),
        clock_(clock),
        audit_(audit),
        organisation_(organisation),
        consultations_(consultations),
        rule_(suppression_threshold) {}

  Target create(const Principal& actor, const TargetInput& input);
  // Every target the principal's units cover, each with its progress, protected (what is
  // published of it: `published.shown(...)`).
  std::vector<TargetProgress> progress(const Principal& actor);

 private:
  Storage& storage_;
  const Clock& clock_;
  AuditLog& audit_;
  Organisation& organisation_;
  Consultations& consultations_;
  SmallGroupRule rule_;
};

}  // namespace ln
