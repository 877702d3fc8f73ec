#pragma once
// The four detectors behind Screener. Each is built once from the lexicon and is then read-only,
// so screening is thread-safe. Findings are in original code points.
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "moderation/lexicon.h"
#include "moderation/normalise.h"
#include "moderation/pattern.h"
#include "moderation/phrase_matcher.h"

namespace ln::moderation {

struct Finding {
  Range range;
  std::string label;
  std::string rule;
  std::string category;
  int severity = 0;
  // A rude word written with no diacritics that is also an everyday word so written (lexicon flag
  // "a": "ngu" is also "ngủ", sleep): the model may hold it back (screener.h).
  bool everyday = false;
};

// Answers "does this range overlap (or lie inside) any of these?" in O(log n).
class RangeIndex {
 public:
  explicit RangeIndex(std::vector<Range> ranges) : ranges_(std::move(ranges)) { index(); }
  template <typename Keep>
  RangeIndex(const std::vector<Finding>& findings, Keep keep) {
    for (const auto& f : findings) {
      if (keep(f)) ranges_.push_back(f.range);
    }
    index();
  }
  bool overlaps(const Range& r) const;
  bool contains(const Range& r) const;

 private:
  void index();
  std::vector<Range> ranges_;             // sorted by begin
  std::vector<std::size_t> running_end_;  // max end of ranges_[0..i]
};

// Removes exact duplicates and findings lying inside a larger one of the same label and category.
void drop_contained(std::vector<Finding>& findings);

class PersonalInfoDetector {
 public:
  explicit PersonalInfoDetector(const Lexicon& lexicon);
  void find(const NormalisedText& text, std::vector<Finding>& out) const;
  // The same, given which of plain_prefilter()'s patterns match the plain view somewhere.
  void find(const NormalisedText& text, const std::vector<std::size_t>& candidates,
            std::vector<Finding>& out) const;
  const PatternSet& plain_prefilter() const { return pattern_set_; }

 private:
  // Patterns that serve the code rather than name a rule; they follow the rules in pattern_set_.
  // `may_match` has bit 1 << Helper set when the prefilter says that helper can match.
  enum Helper : std::uint32_t { kDate, kPhoneKeyword, kNameIntro, kNameIs, kSchoolOrClass };
  std::vector<Pattern::Match> find_helper(Helper which, const Pattern& pattern,
                                          const Utf8View& plain, std::uint32_t may_match) const;
  void find_phones(const NormalisedText& text, const Utf8View& plain, std::uint32_t may_match,
                   std::vector<Finding>& out) const;
  void find_self_identification(const NormalisedText& text, const Utf8View& plain,
                                std::uint32_t may_match, std::vector<Finding>& out) const;

  std::map<std::u32string, char, std::less<>> digit_words_;  // spelled digits, no diacritics
  std::uint32_t digit_word_initials_ = 0;  // a bit per letter a–z starting a spelled digit
  std::size_t longest_digit_word_ = 0;
  std::vector<std::pair<std::uint64_t, char>> packed_digit_words_;  // sorted by packed()
  static std::uint64_t packed(std::u32string_view word);
  bool could_be_digit_word(std::u32string_view word) const;
  const char* digit_of_word(std::u32string_view word) const;  // its digit, or null
  std::vector<Pattern> patterns_;  // contact, address and identity patterns
  PatternSet pattern_set_;         // the same, as a prefilter
  Pattern date_;                   // dates, never phone numbers
  Pattern phone_keyword_;
  Pattern name_intro_;
  Pattern name_is_;
  Pattern school_or_class_;
  bool names_a_school(const NormalisedText& text, std::size_t b, std::size_t e) const;

  std::map<std::string, std::set<std::u32string>> not_names_;  // "vi", "en", "question"
  std::set<std::u32string> school_words_;
};

class RudeDetector {
 public:
  explicit RudeDetector(const Lexicon& lexicon);
  void find(const NormalisedText& text, std::vector<Finding>& out) const;

 private:
  struct Entry {
    std::string rule, category;
    int severity;
    bool everyday;  // flag "a"
  };
  std::vector<Entry> entries_;
  PhraseMatcher folded_;           // accented forms, exactly
  PhraseMatcher plain_;            // forms flagged unambiguous without diacritics, marks removed
  PhraseMatcher squeezed_folded_;  // the accented forms, squeezed
  PhraseMatcher squeezed_plain_;   // the unambiguous forms, marks removed, squeezed
  PhraseMatcher exceptions_;       // innocent phrases that contain a listed form
};

class DisclosureDetector {
 public:
  explicit DisclosureDetector(const Lexicon& lexicon);
  void find(const NormalisedText& text, std::vector<Finding>& out) const;
  // The same, given which of plain_prefilter()'s patterns match the plain view somewhere.
  void find(const NormalisedText& text, const std::vector<std::size_t>& candidates,
            std::vector<Finding>& out) const;
  const PatternSet& plain_prefilter() const { return idiom_set_; }

 private:
  struct Rule {
    std::string rule, category;
    int severity;
  };
  std::vector<Rule> rules_;
  PhraseMatcher phrases_;
  std::vector<std::pair<std::size_t, Pattern>> patterns_;  // (rule index, pattern)
  PatternSet pattern_set_;                                 // the same patterns, as a prefilter
  // The idioms' phrases (ids with kIdiom) and the rules' phrases: one pass over the plain text
  // finds both; phrases_ runs again only over a text with idioms blanked.
  static constexpr std::uint32_t kIdiom = 1u << 31;
  // Words that read as harm only without diacritics (ids with kAccent): the folded forms that
  // do mean harm, per word; written with diacritics in any other form, they are blanked.
  static constexpr std::uint32_t kAccent = 1u << 30;
  std::vector<std::vector<std::u32string>> accent_harm_forms_;
  bool written_otherwise(const NormalisedText& text, std::size_t b, std::size_t e,
                         std::uint32_t accent) const;
  PhraseMatcher plain_phrases_;
  std::vector<Pattern> idiom_patterns_;
  std::vector<IdiomRule::Blanked> idiom_blanked_;  // per idiom pattern (lexicon.h)
  PatternSet idiom_set_;  // the idioms' patterns, then the rules' (one pass while none is blanked)
};

class SpamDetector {
 public:
  // Uses the links the personal-information detector already found in `so_far`.
  void find(const NormalisedText& text, const std::vector<Finding>& so_far,
            std::vector<Finding>& out) const;
};

}  // namespace ln::moderation
