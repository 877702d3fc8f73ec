// Possible disclosures of harm. Rules are data (lexicons/disclosure.tsv): phrases and RE2
// patterns over the text without diacritics, since children often type without them and a
// missed disclosure costs far more than a false alarm. Idioms ("mệt muốn chết", "this homework
// is killing me") are blanked out first, so a rule never sees them.
#include "moderation/detectors.h"

namespace ln::moderation {

DisclosureDetector::DisclosureDetector(const Lexicon& lexicon) {
  for (std::size_t i = 0; i < lexicon.disclosures.size(); ++i) {
    const DisclosureRule& rule = lexicon.disclosures[i];
    rules_.push_back(
        {"disclosure." + rule.category + "." + rule.language, rule.category, rule.severity});
    if (rule.is_pattern) {
      const std::string source = strip_diacritics_utf8(rule.text);
      patterns_.emplace_back(i, Pattern(source, rule.where));
      pattern_set_.add(source, rule.where);
    } else {
      phrases_.add(strip_diacritics(fold(rule.text)), static_cast<std::uint32_t>(i));
    }
  }
  std::uint32_t id = 0;
  for (const IdiomRule& idiom : lexicon.disclosure_exceptions) {
    if (idiom.is_pattern) {
      const std::string source = strip_diacritics_utf8(idiom.text);
      idiom_patterns_.emplace_back(source, idiom.where);
      idiom_set_.add(source, idiom.where);
    } else {
      idiom_phrases_.add(strip_diacritics(fold(idiom.text)), id++);
    }
  }
  phrases_.finish();
  idiom_phrases_.finish();
  pattern_set_.finish();
  idiom_set_.finish();
}

void DisclosureDetector::find(const NormalisedText& text, std::vector<Finding>& out) const {
  View masked = text.plain;
  {
    const Utf8View& plain = text.plain_utf8;
    auto blank = [&](std::size_t b, std::size_t e) {
      for (std::size_t i = b; i < e; ++i) masked.chars[i] = U'#';
    };
    for (const auto& m : idiom_phrases_.find_all(text.plain.chars, true)) blank(m.begin, m.end);
    for (std::size_t i : idiom_set_.candidates(plain)) {
      for (const auto& m : idiom_patterns_[i].find_all(plain)) blank(m.begin, m.end);
    }
  }
  std::vector<Finding> found;
  auto report = [&](std::size_t rule_index, std::size_t b, std::size_t e) {
    const Rule& rule = rules_[rule_index];
    found.push_back(
        {text.widen(masked.original(b, e)), "disclosure", rule.rule, rule.category, rule.severity});
  };
  for (const auto& m : phrases_.find_all(masked.chars, true)) report(m.id, m.begin, m.end);
  const Utf8View masked_utf8 = to_utf8(masked);
  for (std::size_t i : pattern_set_.candidates(masked_utf8)) {
    const auto& [rule_index, pattern] = patterns_[i];
    for (const auto& m : pattern.find_all(masked_utf8)) report(rule_index, m.begin, m.end);
  }
  drop_contained(found);
  out.insert(out.end(), found.begin(), found.end());
}

}  // namespace ln::moderation
