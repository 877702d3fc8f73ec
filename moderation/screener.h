#pragma once
// The automatic text screener. It never publishes and never rejects: it annotates a child's text
// (personal information, rude words, possible disclosures of harm, spam) and picks the
// moderation queue it goes to.
//
// Two signals: the lexicons (rules written as data, moderation/lexicons/) and, when a model is
// given, a learned second opinion (classifier.h) that may add a label — and so raise the route.
// Spans are the lexicons' findings, each naming its rule; the model's opinions are listed apart
// (they are about the whole text, not a part a moderator could hide), and the verdict lists the
// signals that fired.
//
// The model never hides what the lexicons found, but it may hold a possible disclosure back when
// it finds the text wholly unlike any disclosure: the finding is then `held`, shown to the
// moderator as a hint, without the label or the safeguarding route. On the development part (out
// of fold) and on the test part, such findings were almost all stories, lessons and games. Each
// finding has its line in the model's thresholds file, and a text's findings are held only when
// its probability is under the line of every one of them:
// - bullying, violence, trafficking, neglect, exploitation, grooming or eating problems told of
//   someone else: `disclosure_held_below`;
// - the same told in the first person ("em", "tui", "mình", "con", "my"… in or just before the
//   finding): the far lower `disclosure_held_below_first_person`, and only in a text of at least
//   12 words. Children use "em" in nearly every sentence, so the pronoun alone says little, but
//   a short text is where the model reads least well ("ba lại đánh mẹ r, cứu mẹ e vs 😭");
// - thoughts of suicide, self-harm and sexual abuse told of someone else (a lesson, a book, a
//   request for counselling): the lowest, `disclosure_held_below_gravest`, in a text of at least
//   12 words. Told in the first person, or in a shorter text, they are never held: for them a
//   wait costs too much.
// The model may also hold rude words that, written with no diacritics, are everyday words too
// (lexicon flag "a": "ngu" is also "ngủ", sleep; "deo" is also "đeo", wear, and "đèo", a pass),
// when every rude finding of the text is such a word, written bare, and the model's rude
// probability is under `rude_held_below`. Written with diacritics ("đéo"), broken up ("n.g.u") or
// beside any other rude word, they are never held.
//
// Routing: "safeguarding" when any possible disclosure is found; otherwise "priority" when any
// annotation has severity 5 or more — contact details and home addresses (anything that lets
// someone reach or find the child; the product never lets an adult contact a child), a name
// together with a school or class, the worst rude words — otherwise "normal".
#include <cstddef>
#include <filesystem>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "consult/screening_verdict.h"

namespace ln::moderation {

struct Span {
  std::size_t start = 0, end = 0;  // Unicode code points of the original text, end exclusive
  std::size_t byte_start = 0, byte_end = 0;  // the same span in UTF-8 bytes of the original
  std::string label;                         // "personal_info" | "rude" | "disclosure" | "spam"
  std::string rule;                          // stable rule id, e.g. "pi.phone.vn", "rude.vi.dm"
  std::string category;  // e.g. "phone", "email", "address", "insult", "self_harm"
  int severity = 0;      // 0–7
};

struct Verdict {
  std::vector<std::string> labels;   // distinct labels present, sorted
  std::string route;                 // "safeguarding" | "priority" | "normal"
  std::vector<Span> spans;           // sorted by start
  std::vector<Span> held;            // findings the model doubted (see above), by start
  std::vector<std::string> signals;  // which fired: "lexicon", "model"
  struct ModelOpinion {
    std::string label;
    double probability = 0, threshold = 0;
  };
  std::vector<ModelOpinion> model;  // the labels the model gave, with how sure it was
  std::string lexicon_version;
};

class Screener {
 public:
  // Loads lexicons and rules from `data_dir`; throws std::runtime_error naming the file (and
  // line) when one is missing or malformed.
  explicit Screener(const std::filesystem::path& data_dir);
  // The same with the learned second opinion from `model_file` (and `<model_file>.thresholds`);
  // throws std::runtime_error naming the file when either is missing or unreadable.
  Screener(const std::filesystem::path& data_dir, const std::filesystem::path& model_file);
  ~Screener();
  Screener(Screener&&) noexcept;
  Screener& operator=(Screener&&) noexcept;

  // Thread-safe. Throws ln::Invalid (code "invalid_utf8") when the text is not valid UTF-8.
  Verdict screen(std::string_view utf8_text) const;

  const std::string& lexicon_version() const;

 private:
  struct Detectors;
  std::unique_ptr<const Detectors> detectors_;
};

// The verdict as it is kept with the text (Submission::screening) and routes it (its queue).
// Labels and a route outside the known words are left out (none is ever made).
Screening screening_of(const Verdict& verdict);

// The lexicon folder of the source tree, fixed at compile time.
std::filesystem::path default_lexicon_dir();
// The model trained by the build (moderation/model/), fixed at compile time.
std::filesystem::path default_model_file();

}  // namespace ln::moderation
