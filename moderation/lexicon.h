#pragma once
// The screener's data: word lists and rules read from the lexicon folder (format in
// moderation/lexicons/README.md). Loading checks every line and names the file and line of the
// first problem.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace ln::moderation {

struct RudeWord {
  std::string form;       // as written in the file, with its diacritics
  std::string language;   // "vi" | "en"
  std::string category;   // "profanity", "insult", "sexual", "slur", "threat"
  int severity = 0;       // 0–7
  bool plain_ok = false;  // unambiguous without diacritics: also match the form with marks removed
  bool exact = false;     // never match through obfuscation (squeezed views)
  bool everyday = false;  // written with no diacritics it is also an everyday word ("ngu": ngủ,
                          // sleep; "deo": đeo, wear): the model may hold such a finding back
};

struct DisclosureRule {
  std::string category;  // "violence_home", "sexual_abuse", "bullying", "self_harm", …
  std::string language;
  int severity = 0;
  bool is_pattern = false;  // RE2 pattern over the text without diacritics; otherwise a phrase
  std::string text;
  std::string where;  // "disclosure.tsv:12", for error messages
};

struct IdiomRule {
  bool is_pattern = false;
  std::string text;
  std::string where;
  // kind `accent`: `text` is words that read as harm once diacritics are gone ("tu tu"); written
  // WITH diacritics they mean harm only as one of these forms ("tự tử"), and any other way
  // ("từ từ", slowly) they are blanked like an idiom. Written without diacritics they stay.
  std::vector<std::string> harm_forms;
  // Where a pattern is blanked, by its kind:
  // - `re`: wherever it matches;
  // - `bare`: only where the words it matched were written without any diacritics ("cat tu tu",
  //   cutting slowly, when "cắt tự tử" would keep its diacritics);
  // - `frame`: a context that makes harm words a lesson, a story or someone else's ("trong phim
  //   nhân vật bị đánh"), only where the words it matched tell no harm of the child's own
  //   (first_person.h: "em bị", "bố em", "đánh em"). "Bài văn của em kể thật: mẹ kế nhốt em"
  //   stays a disclosure.
  enum class Blanked { always, only_bare, unless_own_harm };
  Blanked blanked = Blanked::always;
};

struct Lexicon {
  std::string version;
  std::vector<RudeWord> rude;
  std::vector<std::string> rude_exceptions;
  std::vector<DisclosureRule> disclosures;
  std::vector<IdiomRule> disclosure_exceptions;
  // personal_info.tsv: list name → entries (value, word). E.g. "digit" → ("9", "chín").
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> lists;

  // The words of one list (throws if the list is missing or empty).
  std::vector<std::string> words(const std::string& list) const;
};

// Throws std::runtime_error naming the file (and line) when a file is missing or malformed.
Lexicon load_lexicon(const std::filesystem::path& dir);

}  // namespace ln::moderation
