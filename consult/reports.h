#pragma once
// The six-monthly (by 20 June) and yearly (by 10–15 December) reports of a unit: children
// consulted by age band and gender, consultations held, children's submissions by outcome,
// Council sessions and events held, and progress against targets. Counts only, protected as one
// publication (consult/suppression.h), together with the consultation it reports on when its
// children are that consultation's respondents.
#include <nlohmann/json.hpp>
#include <string>

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
  nlohmann::json report(const Principal& actor, const std::string& unit_id,
                        const std::string& period, const std::string& format);
  // The report as CSV rows: section, metric, group, value (hidden counts read "hidden").
  std::string csv(const nlohmann::json& report) const;

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
