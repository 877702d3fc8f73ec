#pragma once
// Participation targets per unit and period (e.g. 50,000 children consulted in 2024–2027) and
// the progress towards them: distinct children who answered online, paper sheets and forum
// participants in the unit and every unit below it.
#include <nlohmann/json.hpp>

#include "consult/audit.h"
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

// A target and its progress: the counts, and which of them are published (each target's counts
// are one small publication: online + paper + forum = total).
struct TargetProgress {
  Target target;
  Participation counts;
  Publication published;
  Publication::Figure online{}, paper{}, forum{}, total{};
};

class Targets {
 public:
  Targets(Storage& storage, const Clock& clock, AuditLog& audit, Organisation& organisation,
          std::int64_t suppression_threshold)
      : storage_(storage),
        clock_(clock),
        audit_(audit),
        organisation_(organisation),
        rule_(suppression_threshold) {}

  Target create(const Principal& actor, const TargetInput& input);
  // Every target the principal's units cover, each with its progress, protected.
  std::vector<TargetProgress> progress(const Principal& actor);
  // The same as published: hidden counts are null, and so is the percent of a hidden total.
  nlohmann::json with_progress(const Principal& actor);
  static nlohmann::json to_json(const TargetProgress& p);

 private:
  Storage& storage_;
  const Clock& clock_;
  AuditLog& audit_;
  Organisation& organisation_;
  SmallGroupRule rule_;
};

}  // namespace ln
