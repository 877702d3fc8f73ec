// Possible disclosures of harm. Rules are data (lexicons/disclosure.tsv): phrases and RE2
// patterns over the text without diacritics, since children often type without them and a
// missed disclosure costs far more than a false alarm. Idioms ("mệt muốn chết", "this homework
// is killing me") are blanked out first, so a rule never sees them.
#include <algorithm>

#include "moderation/detectors.h"
#include "moderation/first_person.h"

namespace ln::moderation {

DisclosureDetector::DisclosureDetector(const Lexicon& lexicon) {
  std::vector<std::string> rule_sources;
  for (std::size_t i = 0; i < lexicon.disclosures.size(); ++i) {
    const DisclosureRule& rule = lexicon.disclosures[i];
    rules_.push_back(
        {"disclosure." + rule.category + "." + rule.language, rule.category, rule.severity});
    if (rule.is_pattern) {
      const std::string source = strip_diacritics_utf8(rule.text);
      patterns_.emplace_back(i, Pattern(source, rule.where));
      pattern_set_.add(source, rule.where);
      rule_sources.push_back(source);
    } else {
      const std::u32string phrase = strip_diacritics(fold(rule.text));
      phrases_.add(phrase, static_cast<std::uint32_t>(i));
      plain_phrases_.add(phrase, static_cast<std::uint32_t>(i));
    }
  }
  std::uint32_t id = 0;
  for (const IdiomRule& idiom : lexicon.disclosure_exceptions) {
    if (!idiom.harm_forms.empty()) {
      std::vector<std::u32string> forms;
      for (const auto& form : idiom.harm_forms) forms.push_back(fold(form));
      plain_phrases_.add(strip_diacritics(fold(idiom.text)),
                         kAccent | static_cast<std::uint32_t>(accent_harm_forms_.size()));
      accent_harm_forms_.push_back(std::move(forms));
    } else if (idiom.is_pattern) {
      const std::string source = strip_diacritics_utf8(idiom.text);
      idiom_patterns_.emplace_back(source, idiom.where);
      idiom_blanked_.push_back(idiom.blanked);
      idiom_set_.add(source, idiom.where);
    } else {
      plain_phrases_.add(strip_diacritics(fold(idiom.text)), kIdiom | id++);
    }
  }
  // The rules after the idioms: while no idiom is blanked, one pass over the text serves both.
  for (std::size_t i = 0; i < rule_sources.size(); ++i) {
    idiom_set_.add(rule_sources[i], lexicon.disclosures[patterns_[i].first].where);
  }
  phrases_.finish();
  plain_phrases_.finish();
  // Searched only in a text with an idiom blanked: built then, once (most servers' tests never
  // send one; the first text that has one waits for it, about 6 ms).
  pattern_set_.finish_when_used();
  // The screener searches its own set of these patterns and personal information's at once
  // (plain_prefilter()), so this one is built only if find() without candidates is called.
  idiom_set_.finish_when_used();
}

// Whether the words at plain view [b, e) were written with diacritics, and not as a form that
// means harm ("từ từ" where the rule reads "tu tu" as "tự tử").
bool DisclosureDetector::written_otherwise(const NormalisedText& text, std::size_t b, std::size_t e,
                                           std::uint32_t accent) const {
  const Range r = text.plain.original(b, e);
  if (!text.has_diacritics(r)) return false;
  // The same words in the folded view (its characters map to the same original range): no
  // second normalisation on the screening path.
  const View& folded = text.folded;
  const auto first = std::lower_bound(folded.from.begin(), folded.from.end(), r.begin);
  std::u32string written;
  for (auto i = static_cast<std::size_t>(first - folded.from.begin());
       i < folded.size() && folded.to[i] <= r.end; ++i) {
    written.push_back(folded.chars[i]);
  }
  const auto& forms = accent_harm_forms_[accent];
  return std::find(forms.begin(), forms.end(), written) == forms.end();
}

void DisclosureDetector::find(const NormalisedText& text, std::vector<Finding>& out) const {
  find(text, idiom_set_.candidates(text.plain_utf8), out);
}

void DisclosureDetector::find(const NormalisedText& text,
                              const std::vector<std::size_t>& candidates,
                              std::vector<Finding>& out) const {
  // The plain text with idioms blanked out; a copy only once something is blanked.
  std::u32string blanked;
  auto blank = [&](std::size_t b, std::size_t e) {
    if (blanked.empty()) blanked = text.plain.chars;
    for (std::size_t i = b; i < e; ++i) blanked[i] = U'#';
  };
  const std::size_t idioms = idiom_patterns_.size();
  std::vector<PhraseMatcher::Match> rule_phrases;  // found in the text before any blanking
  for (const auto& m : plain_phrases_.find_all(text.plain.chars, true)) {
    if ((m.id & kIdiom) != 0) {
      blank(m.begin, m.end);
    } else if ((m.id & kAccent) != 0) {
      if (written_otherwise(text, m.begin, m.end, m.id & ~kAccent)) blank(m.begin, m.end);
    } else {
      rule_phrases.push_back(m);
    }
  }
  for (std::size_t i : candidates) {
    if (i >= idioms) break;  // the rules come after the idioms
    for (const auto& m : idiom_patterns_[i].find_all(text.plain_utf8)) {
      using Blanked = IdiomRule::Blanked;
      if (idiom_blanked_[i] == Blanked::only_bare &&
          text.has_diacritics(text.plain.original(m.begin, m.end))) {
        continue;
      }
      if (idiom_blanked_[i] == Blanked::unless_own_harm &&
          tells_own_harm(text.plain.chars, m.begin, m.end)) {
        continue;
      }
      blank(m.begin, m.end);
    }
  }
  const bool masked = !blanked.empty();
  const std::u32string& chars = masked ? blanked : text.plain.chars;

  std::vector<Finding> found;
  auto report = [&](std::size_t rule_index, std::size_t b, std::size_t e) {
    const Rule& rule = rules_[rule_index];
    found.push_back({text.widen(text.plain.original(b, e)), "disclosure", rule.rule, rule.category,
                     rule.severity});
  };
  if (masked) rule_phrases = phrases_.find_all(chars, true);
  for (const auto& m : rule_phrases) report(m.id, m.begin, m.end);
  Utf8View blanked_utf8;
  if (masked) blanked_utf8 = utf8_view(chars);
  const Utf8View& utf8 = masked ? blanked_utf8 : text.plain_utf8;
  std::vector<std::size_t> rules;
  if (masked) {
    rules = pattern_set_.candidates(utf8);
  } else {
    for (std::size_t i : candidates) {
      if (i >= idioms) rules.push_back(i - idioms);
    }
  }
  for (std::size_t i : rules) {
    const auto& [rule_index, pattern] = patterns_[i];
    for (const auto& m : pattern.find_all(utf8)) report(rule_index, m.begin, m.end);
  }
  drop_contained(found);
  out.insert(out.end(), found.begin(), found.end());
}

}  // namespace ln::moderation
