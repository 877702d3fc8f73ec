#include "moderation/screener.h"

#include <algorithm>
#include <cmath>
#include <istream>
#include <optional>
#include <ostream>
#include <set>
#include <tuple>

#include "consult/errors.h"
#include "moderation/classifier.h"
#include "moderation/detectors.h"

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
  if (!findings.empty()) verdict.signals.push_back("lexicon");
  std::set<std::string> labels;
  int worst = 0;
  if (d.model) {
    for (const Opinion& opinion : d.model->judge(*text)) {
      verdict.model.push_back({opinion.label, opinion.probability, opinion.threshold});
      labels.insert(opinion.label);
      worst = std::max(worst, model_severity(opinion.label));
    }
    if (!verdict.model.empty()) verdict.signals.push_back("model");
  }
  verdict.lexicon_version = detectors_->version;
  for (const auto& f : findings) {
    labels.insert(f.label);
    worst = std::max(worst, f.severity);
    verdict.spans.push_back({f.range.begin, f.range.end, text->byte(f.range.begin),
                             text->byte(f.range.end), f.label, f.rule, f.category, f.severity});
  }
  std::sort(verdict.spans.begin(), verdict.spans.end(), [](const Span& a, const Span& b) {
    return std::tie(a.start, a.end, a.label, a.rule) < std::tie(b.start, b.end, b.label, b.rule);
  });
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
      out.spans.push_back({*l, s.start, s.end, s.byte_start, s.byte_end, s.rule, s.category,
                           s.severity});
  // Kept to a thousandth, as the verdict has always been written.
  for (const auto& m : verdict.model)
    if (auto l = screener_label(m.label))
      out.model.push_back(
          {*l, std::round(m.probability * 1000) / 1000, std::round(m.threshold * 1000) / 1000});
  return out;
}

nlohmann::json to_json(const Verdict& verdict) {
  nlohmann::json spans = nlohmann::json::array();
  for (const auto& s : verdict.spans) {
    spans.push_back({{"label", s.label},
                     {"start", s.start},
                     {"end", s.end},
                     {"byte_start", s.byte_start},
                     {"byte_end", s.byte_end},
                     {"rule", s.rule},
                     {"category", s.category},
                     {"severity", s.severity}});
  }
  nlohmann::json model = nlohmann::json::array();
  for (const auto& m : verdict.model) {
    model.push_back({{"label", m.label},
                     {"probability", std::round(m.probability * 1000) / 1000},
                     {"threshold", std::round(m.threshold * 1000) / 1000}});
  }
  return {{"labels", verdict.labels},   {"route", verdict.route},
          {"signals", verdict.signals}, {"model", std::move(model)},
          {"spans", std::move(spans)},  {"lexicon_version", verdict.lexicon_version}};
}

int screen_lines(const Screener& screener, std::istream& in, std::ostream& out) {
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!is_valid_utf8(line)) {
      out << nlohmann::json{{"error", "invalid_utf8"}, {"line", number}}.dump() << '\n';
      continue;
    }
    out << to_json(screener.screen(line)).dump() << '\n';
  }
  out.flush();
  return 0;
}

std::filesystem::path default_lexicon_dir() {
  return LANGNGHE_LEXICON_DIR;
}

std::filesystem::path default_model_file() {
  return LANGNGHE_MODEL_FILE;
}

}  // namespace ln::moderation
