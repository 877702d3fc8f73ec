// Rude and hurtful words, diacritic-aware. A word written with diacritics is matched only by the
// same accented lexicon form ("lồn" is rude, "lớn" and "lon" are not); the form without marks is
// matched only when the child wrote the word without any diacritics and the lexicon says the
// bare form is unambiguous (flag "p"). Squeezed views catch "đ.m", "d m", "dmmm", "ng0".
#include <unicode/uchar.h>

#include "moderation/detectors.h"

namespace ln::moderation {
namespace {

std::string slug(std::u32string_view plain) {
  std::string out;
  for (char32_t c : plain) {
    if ((c >= U'a' && c <= U'z') || (c >= U'0' && c <= U'9')) {
      out.push_back(static_cast<char>(c));
    } else if (!out.empty() && out.back() != '_') {
      out.push_back('_');
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out.empty() ? "x" : out;
}

// A squeezed key is only worth matching when squeezing did not shrink it to something short
// ("cc" → "c", "ass" → "as").
bool squeezable(const std::u32string& key, const std::u32string& squeezed) {
  return squeezed == key || squeezed.size() >= 3;
}

}  // namespace

RudeDetector::RudeDetector(const Lexicon& lexicon) {
  for (std::size_t i = 0; i < lexicon.rude.size(); ++i) {
    const RudeWord& word = lexicon.rude[i];
    const auto id = static_cast<std::uint32_t>(i);
    const std::u32string folded = fold(word.form);
    const std::u32string plain = strip_diacritics(folded);
    entries_.push_back(
        {"rude." + word.language + "." + slug(plain), word.category, word.severity, word.everyday});
    folded_.add(folded, id);
    const std::u32string squeezed = squeeze(folded);
    if (!word.exact && squeezable(folded, squeezed)) squeezed_folded_.add(squeezed, id);
    if (plain != folded && word.plain_ok) {
      plain_.add(plain, id);
      const std::u32string squeezed_plain = squeeze(plain);
      if (!word.exact && squeezable(plain, squeezed_plain)) squeezed_plain_.add(squeezed_plain, id);
    }
  }
  std::uint32_t id = 0;
  for (const auto& phrase : lexicon.rude_exceptions) {
    const std::u32string folded = fold(phrase);
    exceptions_.add(folded, id);
    const std::u32string plain = strip_diacritics(folded);
    if (plain != folded) exceptions_.add(plain, id);
    ++id;
  }
  folded_.finish();
  plain_.finish();
  squeezed_folded_.finish();
  squeezed_plain_.finish();
  exceptions_.finish();
}

void RudeDetector::find(const NormalisedText& text, std::vector<Finding>& out) const {
  struct Pass {
    const View* view;
    const PhraseMatcher* matcher;
    bool needs_bare_word;  // the original must carry no diacritics
    bool squeezed;         // only what obfuscation hid (the rest the plain passes decide)
  };
  std::vector<Pass> passes = {{&text.folded, &folded_, false, false},
                              {&text.plain, &plain_, true, false}};
  for (const auto& v : text.squeezed_folded) passes.push_back({&v, &squeezed_folded_, false, true});
  for (const auto& v : text.squeezed_plain) passes.push_back({&v, &squeezed_plain_, true, true});

  struct Candidate {
    Range range;
    std::uint32_t id;
    bool bare;  // written as the plain word: no diacritics, no obfuscation undone
  };
  std::vector<Candidate> candidates;
  for (const Pass& pass : passes) {
    if (pass.matcher->size() == 0) continue;
    for (const auto& m : pass.matcher->find_all(pass.view->chars, true)) {
      if (pass.squeezed) {
        bool changed = false;
        for (std::size_t i = m.begin; i < m.end; ++i) changed = changed || pass.view->changed[i];
        if (!changed) continue;
      }
      const Range range = pass.view->original(m.begin, m.end);
      const bool marked = text.has_diacritics(range);
      if (pass.needs_bare_word && marked) continue;
      candidates.push_back({range, m.id, !pass.squeezed && !marked});
    }
  }
  if (candidates.empty()) return;  // most texts: the innocent phrases need not be sought

  std::vector<Range> innocent_ranges;
  for (const View* view : {&text.folded, &text.plain}) {
    for (const auto& m : exceptions_.find_all(view->chars, true)) {
      innocent_ranges.push_back(view->original(m.begin, m.end));
    }
  }
  const RangeIndex innocent(std::move(innocent_ranges));
  std::vector<Finding> found;
  for (const Candidate& c : candidates) {
    if (innocent.contains(c.range)) continue;
    const Entry& entry = entries_[c.id];
    found.push_back({text.widen(c.range), "rude", entry.rule, entry.category, entry.severity,
                     entry.everyday && c.bare});
  }
  // Overlapping words ("đm" inside "đmm"): keep the widest.
  drop_contained(found);
  out.insert(out.end(), found.begin(), found.end());
}

}  // namespace ln::moderation
