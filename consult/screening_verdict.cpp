#include "consult/screening_verdict.h"

#include <algorithm>

#include "base/word_table.h"

namespace ln {
namespace {

constexpr WordTable<ScreenerLabel, 4> kLabelWords{{{
    {ScreenerLabel::kDisclosure, "disclosure"},
    {ScreenerLabel::kPersonalInfo, "personal_info"},
    {ScreenerLabel::kRude, "rude"},
    {ScreenerLabel::kSpam, "spam"},
}}};

}  // namespace

std::string_view word(ScreenerLabel label) { return kLabelWords.word(label); }
std::optional<ScreenerLabel> screener_label(std::string_view text) {
  return kLabelWords.value(text);
}

bool Screening::has(ScreenerLabel label) const {
  return std::find(labels.begin(), labels.end(), label) != labels.end();
}

void Screening::add_label(ScreenerLabel label) {
  if (has(label)) return;
  labels.push_back(label);
  // Sorted as their words are, as the screener sorts them.
  std::sort(labels.begin(), labels.end(),
            [](ScreenerLabel a, ScreenerLabel b) { return word(a) < word(b); });
}

std::vector<std::string> Screening::rules() const {
  std::vector<std::string> out;
  for (const auto& span : spans) out.push_back(span.rule);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace ln
