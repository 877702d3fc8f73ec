#pragma once
// Participation targets per unit and period (e.g. 50,000 children consulted in 2024–2027) and
// the progress towards them: distinct children who answered online, paper sheets and forum
// participants in the unit and every unit below it.
#include <nlohmann/json.hpp>

#include "consult/audit.h"
#include "consult/organisation.h"

namespace ln {

struct TargetInput {
  std::string unit_id;
  std::string kind;
  std::string period_start;
  std::string period_end;
  std::int64_t target = 0;
};

class Targets {
 public:
  Targets(Storage& storage, const Clock& clock, AuditLog& audit, Organisation& organisation)
      : storage_(storage), clock_(clock), audit_(audit), organisation_(organisation) {}

  Target create(const Principal& actor, const TargetInput& input);
  // Every target the principal's units cover, each with its progress.
  nlohmann::json with_progress(const Principal& actor);

 private:
  Storage& storage_;
  const Clock& clock_;
  AuditLog& audit_;
  Organisation& organisation_;
};

}  // namespace ln
