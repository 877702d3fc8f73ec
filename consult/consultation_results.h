#pragma once
// What a consultation publishes of its answers, as values: results with their breakdowns, the
// respondents by group, representativeness, and each class's count. A count is nullopt where it
// is hidden (consult/suppression.h); api/views/consultation_views.h turns them into their wire
// shapes.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "consult/records.h"

namespace ln {

using ShownCount = std::optional<std::int64_t>;  // none when hidden

struct OptionCount {
  std::string key;
  std::string text;
  ShownCount count;
};

struct BreakdownRow {
  std::string key;
  std::vector<ShownCount> counts;  // by group
  ShownCount total;
};

// One question's counts by the groups of one dimension (age_band, gender, unit, channel).
struct Breakdown {
  std::vector<std::string> groups;
  std::vector<BreakdownRow> rows;
  std::vector<ShownCount> totals;  // by group
};

struct RankScore {
  std::string key;
  std::string text;
  std::int64_t score = 0;
};

struct QuestionResult {
  std::string id;
  QuestionType type = QuestionType::kText;
  std::string text;
  ShownCount answered;
  std::vector<OptionCount> options;
  std::optional<double> mean;                    // scales, when every count is shown
  std::optional<std::vector<RankScore>> scores;  // rankings, when every count is shown
  std::map<std::string, Breakdown> breakdowns;   // by dimension
};

struct ConsultationResults {
  std::string consultation_id;
  std::string title;
  ConsultationStatus status = ConsultationStatus::kDraft;
  std::int64_t threshold = 0;
  ShownCount respondents;
  std::vector<QuestionResult> questions;  // empty while children are still answering
};

// The respondents as the results publish them, for the publications that count the same
// children. `count` is the true total, never published by itself.
struct PublishedRespondents {
  ShownCount total;
  std::map<std::string, std::map<std::string, ShownCount>> by;  // dimension → group → count
  std::int64_t count = 0;
};

// Everything computed from one reading of the counters, protected together.
struct ComputedResults {
  ConsultationResults results;
  PublishedRespondents respondents;
  std::map<std::string, ShownCount> classes;  // class id → online answers
};

struct RepresentedGroup {
  std::string group;
  ShownCount respondents;
  // Only where enrolment is known (age band, unit):
  std::optional<ShownCount> enrolled;
  std::optional<std::optional<bool>> under_represented;  // inner none: not comparable
};

struct Representativeness {
  std::string consultation_id;
  std::int64_t threshold = 0;
  ShownCount respondents;
  ShownCount enrolled;
  std::vector<RepresentedGroup> age_band, unit, gender, channel;
};

struct ClassAnswered {
  std::string class_id;
  std::string school_id;
  std::string name;
  int grade = 0;
  ShownCount answered;
};

struct ClassesAnswered {
  std::string consultation_id;
  ConsultationStatus status = ConsultationStatus::kDraft;
  std::int64_t threshold = 0;
  std::vector<ClassAnswered> classes;
};

}  // namespace ln
