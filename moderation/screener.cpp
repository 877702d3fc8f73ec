#include "moderation/screener.h"

#include <algorithm>
#include <cmath>
#include <istream>
#include <optional>
#include <ostream>
#include <set>
#include <tuple>

#include "base/errors.h"
#include "moderation/classifier.h"
#include "moderation/detectors.h"
#include "moderation/first_person.h"

namespace ln::moderation {

namespace {
constexpr int kPrioritySeverity = 5;

// What a model opinion weighs, as a lexicon finding of its kind would: a disclosure goes to
// safeguarding whatever its severity; personal information to the priority queue.
int model_severity(const std::string& label) {
  if (label == "disclosure") return 6;
  if (label == "personal_info") return kPrioritySeverity;
  return 3;
}

// Thoughts of suicide, self-harm and sexual abuse: held only when told of someone else, under the
// lowest line of all (screener.h).
bool gravest(const Finding& f) {
  static const std::set<std::string, std::less<>> kinds{"suicide", "self_harm", "sexual_abuse"};
  return kinds.contains(f.category);
}

// Whether a first-person word lies inside the finding or among the four words before it: a child
// telling their own harm ("Em bị bố đánh…") is held only when the model is all but certain the
// text is no disclosure; what is held more readily is harm told of strangers, characters and
// anyone ("một bạn nhỏ ở tỉnh khác bị…").
bool told_in_first_person(const Finding& f, const NormalisedText& text) {
  const View& plain = text.plain;
  const auto begin = static_cast<std::size_t>(
      std::lower_bound(plain.from.begin(), plain.from.end(), f.range.begin) - plain.from.begin());
  const auto end = static_cast<std::size_t>(
      std::lower_bound(plain.from.begin(), plain.from.end(), f.range.end) - plain.from.begin());
  int words_before = 0;
  std::size_t i = end;
  while (i > 0 && words_before <= 3) {
    while (i > 0 && !is_letter(plain.chars[i - 1])) --i;
    std::size_t start = i;
    while (start > 0 && is_letter(plain.chars[start - 1])) --start;
    if (start == i) break;
    if (first_person(std::u32string_view(plain.chars).substr(start, i - start))) return true;
    if (start < begin) ++words_before;
    i = start;
  }
  return false;
}

// The words of a text, in its plain view.
std::size_t word_count(const View& plain) {
  std::size_t words = 0;
  bool in_word = false;
  for (const char32_t c : plain.chars) {
    const bool letter = is_letter(c) || (c >= U'0' && c <= U'9');
    if (letter && !in_word) ++words;
    in_word = letter;
  }
  return words;
}

// A finding told in the first person, or of the gravest kinds, may be held only in a text this
// long (screener.h).
constexpr std::size_t kHeldFromWords = 12;

// The line under which the model's disclosure probability holds one disclosure finding back
// (screener.h); 0 when nothing may hold it.
float held_line(const Finding& f, const Classifier& model, const NormalisedText& text,
                bool long_text) {
  const bool own = told_in_first_person(f, text);
  if (gravest(f)) return own || !long_text ? 0.0f : model.disclosure_held_below_gravest();
  if (!own) return model.disclosure_held_below();
  return long_text ? model.disclosure_held_below_first_person() : 0.0f;
}

// The findings of `label`, taken out of `findings`, when the model's probability of `label` is
// under the line of every one of them (`line_of`, 0 for a finding nothing may hold); otherwise
// nothing.
template <typename LineOf>
std::vector<Finding> held_back(std::vector<Finding>& findings, const std::string& label,
                               const std::map<std::string, float>& p, LineOf line_of) {
  const auto it = p.find(label);
  const float probability = it == p.end() ? 0.0f : it->second;
  bool any = false;
  for (const auto& f : findings) {
    if (f.label != label) continue;
    if (probability >= line_of(f)) return {};
    any = true;
  }
  if (!any) return {};
  std::vector<Finding> held;
  std::erase_if(findings, [&](const Finding& f) {
    if (f.label != label) return false;
    held.push_back(f);
    return true;
  });
  return held;
}

// Possible disclosures the model doubted: each under its line (held_line).
std::vector<Finding> disclosures_held_back(std::vector<Finding>& findings, const Classifier& model,
                                           const std::map<std::string, float>& p,
                                           const NormalisedText& text) {
  std::optional<bool> long_text;
  return held_back(findings, "disclosure", p, [&](const Finding& f) {
    if (!long_text) long_text = word_count(text.plain) >= kHeldFromWords;
    return held_line(f, model, text, *long_text);
  });
}

// Rude words the model doubted: only words that are also everyday words, written as the child
// wrote them ("ngu": ngủ), and only when every rude finding of the text is one.
std::vector<Finding> rude_held_back(std::vector<Finding>& findings, const Classifier& model,
                                    const std::map<std::string, float>& p) {
  return held_back(findings, "rude", p,
                   [&](const Finding& f) { return f.everyday ? model.rude_held_below() : 0.0f; });
}

Span span_of(const Finding& f, const NormalisedText& text) {
  return {
      f.range.begin, f.range.end, text.byte(f.range.begin), text.byte(f.range.end), f.label, f.rule,
      f.category,    f.severity};
}

bool by_start(const Span& a, const Span& b) {
  return std::tie(a.start, a.end, a.label, a.rule) < std::tie(b.start, b.end, b.label, b.rule);
}
}  // namespace

struct Screener::Detectors {
  explicit Detectors(const Lexicon& lexicon)
      : version(lexicon.version), personal_info(lexicon), rude(lexicon), disclosure(lexicon) {
    for (const auto* detector_set :
         {&personal_info.plain_prefilter(), &disclosure.plain_prefilter()}) {
      for (const std::string& source : detector_set->sources()) {
        plain_prefilter.add(source, "prefilter");
      }
    }
    plain_prefilter.finish();
  }
  std::string version;
  PersonalInfoDetector personal_info;
  RudeDetector rude;
  DisclosureDetector disclosure;
  SpamDetector spam;
  // Both detectors' patterns over the plain view (personal information first): one RE2::Set
  // pass tells each which of its patterns can match.
  PatternSet plain_prefilter;
  std::optional<Classifier> model;
};

Screener::Screener(const std::filesystem::path& data_dir)
    : detectors_(std::make_unique<const Detectors>(load_lexicon(data_dir))) {}
Screener::Screener(const std::filesystem::path& data_dir, const std::filesystem::path& model_file) {
  auto detectors = std::make_unique<Detectors>(load_lexicon(data_dir));
  detectors->model.emplace(model_file);
  detectors_ = std::move(detectors);
}
Screener::~Screener() = default;
Screener::Screener(Screener&&) noexcept = default;
Screener& Screener::operator=(Screener&&) noexcept = default;

const std::string& Screener::lexicon_version() const {
  return detectors_->version;
}

Verdict Screener::screen(std::string_view utf8_text) const {
  auto text = normalise(utf8_text);
  if (!text) throw Invalid("text", "The text is not valid UTF-8.", "invalid_utf8");

  const Detectors& d = *detectors_;
  std::vector<std::size_t> personal_info, disclosure;
  const std::size_t split = d.personal_info.plain_prefilter().size();
  for (std::size_t i : d.plain_prefilter.candidates(text->plain_utf8)) {
    if (i < split) {
      personal_info.push_back(i);
    } else {
      disclosure.push_back(i - split);
    }
  }
  std::vector<Finding> findings;
  d.personal_info.find(*text, personal_info, findings);
  d.rude.find(*text, findings);
  d.disclosure.find(*text, disclosure, findings);
  std::vector<Finding> spam;
  detectors_->spam.find(*text, findings, spam);
  findings.insert(findings.end(), spam.begin(), spam.end());
  Verdict verdict;
  std::set<std::string> labels;
  int worst = 0;
  if (d.model) {
    const auto probabilities = d.model->probabilities(*text);
    for (const Opinion& opinion : d.model->judge(probabilities)) {
      verdict.model.push_back({opinion.label, opinion.probability, opinion.threshold});
      labels.insert(opinion.label);
      worst = std::max(worst, model_severity(opinion.label));
    }
    if (!labels.contains("disclosure")) {
      for (const auto& f : disclosures_held_back(findings, *d.model, probabilities, *text)) {
        verdict.held.push_back(span_of(f, *text));
      }
    }
    if (!labels.contains("rude")) {
      for (const auto& f : rude_held_back(findings, *d.model, probabilities)) {
        verdict.held.push_back(span_of(f, *text));
      }
    }
    std::sort(verdict.held.begin(), verdict.held.end(), by_start);
  }
  if (!findings.empty()) verdict.signals.push_back("lexicon");
  if (!verdict.model.empty()) verdict.signals.push_back("model");
  verdict.lexicon_version = detectors_->version;
  for (const auto& f : findings) {
    labels.insert(f.label);
    worst = std::max(worst, f.severity);
    verdict.spans.push_back(span_of(f, *text));
  }
  std::sort(verdict.spans.begin(), verdict.spans.end(), by_start);
  verdict.labels.assign(labels.begin(), labels.end());
  verdict.route = labels.contains("disclosure") ? "safeguarding"
                  : worst >= kPrioritySeverity  ? "priority"
                                                : "normal";
  return verdict;
}

Screening screening_of(const Verdict& verdict) {
  Screening out;
  out.route = queue_named(verdict.route);
  out.signals = verdict.signals;
  out.lexicon_version = verdict.lexicon_version;
  for (const auto& label : verdict.labels)
    if (auto l = screener_label(label)) out.labels.push_back(*l);
  for (const auto& s : verdict.spans)
    if (auto l = screener_label(s.label))
      out.spans.push_back(
          {*l, s.start, s.end, s.byte_start, s.byte_end, s.rule, s.category, s.severity});
  out.held.emplace();
  for (const auto& s : verdict.held)
    if (auto l = screener_label(s.label))
      out.held->push_back(
          {*l, s.start, s.end, s.byte_start, s.byte_end, s.rule, s.category, s.severity});
  // Kept to a thousandth, as the verdict has always been written.
  for (const auto& m : verdict.model)
    if (auto l = screener_label(m.label))
      out.model.push_back(
          {*l, std::round(m.probability * 1000) / 1000, std::round(m.threshold * 1000) / 1000});
  return out;
}

std::filesystem::path default_lexicon_dir() {
  return LANGNGHE_LEXICON_DIR;
}

std::filesystem::path default_model_file() {
  return LANGNGHE_MODEL_FILE;
}

}  // namespace ln::moderation
