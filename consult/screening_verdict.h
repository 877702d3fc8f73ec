#pragma once
// What the automatic screener made of a child's text, as it is kept with the text: its labels,
// the queue it chose, the parts it flagged (each naming its rule), the model's opinions, and what
// repeat detection added. Read and written as a column by store/submission_columns.h.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "consult/submission_status.h"

namespace ln {

enum class ScreenerLabel { kDisclosure, kPersonalInfo, kRude, kSpam };
inline constexpr ScreenerLabel kScreenerLabels[] = {
    ScreenerLabel::kDisclosure, ScreenerLabel::kPersonalInfo, ScreenerLabel::kRude,
    ScreenerLabel::kSpam};
std::string_view word(ScreenerLabel label);
std::optional<ScreenerLabel> screener_label(std::string_view word);

// A flagged part of the text.
struct ScreeningSpan {
  ScreenerLabel label = ScreenerLabel::kSpam;
  std::size_t start = 0, end = 0;            // characters of the text, end exclusive
  std::size_t byte_start = 0, byte_end = 0;  // the same in UTF-8 bytes
  std::string rule;                          // stable rule id, e.g. "pi.phone.vn", "spam.repeat"
  std::string category;                      // e.g. "phone", "insult", "repeat"
  int severity = 0;                          // 0–7
};

// A label the learned model gave the whole text, with how sure it was.
struct ModelOpinion {
  ScreenerLabel label = ScreenerLabel::kSpam;
  double probability = 0;
  double threshold = 0;
};

struct Screening {
  // The verdict's own parts: set when the screener saw the text (none for a text kept before the
  // screener existed or written with no screener).
  std::optional<Queue> route;
  std::vector<std::string> signals;  // which fired: "lexicon", "model"
  std::vector<ModelOpinion> model;
  std::string lexicon_version;
  // Distinct, sorted; repeat detection may add kSpam.
  std::vector<ScreenerLabel> labels;
  std::vector<ScreeningSpan> spans;
  // Possible disclosures the model doubted: a hint for the moderator, with no label or route.
  // None for a verdict written before the screener held findings back.
  std::optional<std::vector<ScreeningSpan>> held;
  // How many recent texts of other children say the same (set once repeats were looked for).
  std::optional<std::int64_t> alike_from_other_children;

  bool has(ScreenerLabel label) const;
  // Adds `label` to the labels, keeping them distinct and sorted.
  void add_label(ScreenerLabel label);
  // The distinct rule ids of its spans, sorted.
  std::vector<std::string> rules() const;
};

}  // namespace ln
