// `make eval-screener`: precision and recall of the screener on one part of the hand-written
// corpus (tests/moderation/corpus/), per label and per kind, for the lexicons alone, the model
// alone and both together, and whether both together meet the targets: disclosure recall
// (labelled and routed to safeguarding) >= 0.95 in every kind, personal information >= 0.95,
// rude >= 0.90, clean texts flagged <= 5 %. With --check FLOORS it exits 1 when a figure is
// worse than its floor in the FLOORS file (corpus/floors.tsv), so nothing that lands makes the
// screener worse while the targets are not all met. With --misses it prints every
// text one signal (lexicons, model or both) missed or flagged wrongly: use it on the development
// part only.
//
//   screener_eval --part DIR [--lexicons DIR] [--model FILE] [--check FLOORS] [--misses SIGNAL]
#include <algorithm>
#include <cstring>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <optional>
#include <set>

#include "moderation/classifier.h"
#include "moderation/model/corpus.h"
#include "moderation/screener.h"

namespace ln::moderation {
namespace {

enum Signal { kLexicons, kModel, kBoth, kSignals };
const char* const kSignalNames[kSignals] = {"lexicons", "model", "both"};

struct Targets {
  double disclosure_per_kind = 0.95, personal_info = 0.95, rude = 0.90, clean_flagged = 0.05;
};

// What one signal said about one text: its labels, and whether a disclosure went to safeguarding.
using Said = std::set<std::string>;

Said said_by_screener(const Verdict& v) {
  Said said;
  for (const auto& l : v.labels) {
    if (l != "disclosure" || v.route == "safeguarding") said.insert(l);
    if (l == "disclosure" && v.route != "safeguarding") said.insert("disclosure_not_routed");
  }
  return said;
}

struct Tally {
  int positives = 0, found = 0;  // texts carrying the label / of them found
  int flagged = 0, correct = 0;  // texts the signal gave the label / of them carrying it
  void add(bool is, bool says) {
    positives += is;
    found += is && says;
    flagged += says;
    correct += is && says;
  }
  double recall() const { return positives ? double(found) / positives : 1.0; }
  double precision() const { return flagged ? double(correct) / flagged : 1.0; }
};

struct KindTally {
  std::string label;  // the kind's label ("clean" for clean kinds)
  int texts = 0;
  int hit[kSignals] = {};  // positives found, or clean texts flagged
  double share(Signal s) const { return texts ? double(hit[s]) / texts : 0.0; }
};

int run(const std::filesystem::path& part, const std::filesystem::path& lexicons,
        const std::filesystem::path& model, const std::filesystem::path& floors_file,
        std::optional<Signal> misses) {
  const auto texts = corpus::read_part(part);
  const Screener lexicons_only(lexicons);
  const Screener both(lexicons, model);
  const Classifier classifier(model);

  std::map<std::string, Tally> tallies[kSignals];
  Tally clean[kSignals];  // positives = clean texts, found = of them flagged with anything
  std::map<std::string, KindTally> kinds;
  std::vector<std::string> missed, false_alarms;
  for (const auto& t : texts) {
    Said said[kSignals];
    said[kLexicons] = said_by_screener(lexicons_only.screen(t.text));
    const Verdict verdict = both.screen(t.text);
    said[kBoth] = said_by_screener(verdict);
    for (const auto& o : classifier.judge(*normalise(t.text))) said[kModel].insert(o.label);

    const std::string kind_label =
        t.labels.empty() ? "clean"
                         : (t.labels.contains("disclosure") ? "disclosure" : *t.labels.begin());
    KindTally& kind = kinds[kind_label + "/" + t.kind];
    kind.label = kind_label;
    ++kind.texts;
    for (int s = 0; s < kSignals; ++s) {
      for (const auto& label : corpus::measured_labels()) {
        tallies[s][label].add(t.labels.contains(label), said[s].contains(label));
      }
      const bool flagged = !said[s].empty();
      if (t.labels.empty()) clean[s].add(true, flagged);
      kind.hit[s] += t.labels.empty() ? flagged : said[s].contains(kind_label);
    }
    if (misses) {
      for (const auto& label : t.labels) {
        if (!said[*misses].contains(label)) missed.push_back(label + "\t" + t.kind + "\t" + t.text);
      }
      if (t.labels.empty() && !said[*misses].empty()) {
        std::string labels;
        for (const auto& l : said[*misses]) labels += (labels.empty() ? "" : ",") + l;
        std::string rules;
        for (const auto& m : verdict.model) rules += " model." + m.label;
        for (const auto& s : verdict.spans) {
          rules +=
              " " + s.rule + "{" + t.text.substr(s.byte_start, s.byte_end - s.byte_start) + "}";
        }
        false_alarms.push_back(t.kind + "\t" + labels + "\t" + t.text + "\t[" + rules + " ]");
      }
    }
  }

  std::cout << std::fixed << std::setprecision(3);
  std::cout << "Screener on " << part.string() << ": " << texts.size() << " texts\n\n";
  std::cout << "label          | signal   | recall | precision | positives\n";
  for (const auto& label : corpus::measured_labels()) {
    for (int s = 0; s < kSignals; ++s) {
      const Tally& t = tallies[s][label];
      std::cout << std::left << std::setw(14) << (s == 0 ? label : "") << " | " << std::setw(8)
                << kSignalNames[s] << " | " << std::right << std::setw(6) << t.recall() << " | "
                << std::setw(9) << t.precision() << " | " << t.positives << "\n";
    }
  }
  for (int s = 0; s < kSignals; ++s) {
    std::cout << std::left << std::setw(14) << (s == 0 ? "clean flagged" : "") << " | "
              << std::setw(8) << kSignalNames[s] << " | " << std::right << std::setw(6)
              << clean[s].recall() << " |           | " << clean[s].positives << "\n";
  }
  std::cout << "\nper kind (recall; for clean kinds, the share flagged)\n";
  std::cout << "kind                              | texts | lexicons | model | both\n";
  for (const auto& [name, k] : kinds) {
    std::cout << std::left << std::setw(33) << name << " | " << std::right << std::setw(5)
              << k.texts << " | " << std::setw(8) << k.share(kLexicons) << " | " << std::setw(5)
              << k.share(kModel) << " | " << std::setw(5) << k.share(kBoth) << "\n";
  }

  if (misses) {
    std::cout << "\nmissed (label, kind, text)\n";
    for (const auto& m : missed) std::cout << "  " << m << "\n";
    std::cout << "\nclean texts flagged (kind, labels, text, rules)\n";
    for (const auto& f : false_alarms) std::cout << "  " << f << "\n";
  }

  const Targets targets;
  double worst_kind = 1.0;
  std::vector<std::string> unmet;
  auto target = [&](bool ok, const std::string& what) {
    if (!ok) unmet.push_back(what);
  };
  for (const auto& [name, k] : kinds) {
    if (k.label != "disclosure") continue;
    worst_kind = std::min(worst_kind, k.share(kBoth));
    target(k.share(kBoth) >= targets.disclosure_per_kind, "disclosure recall in " + name);
  }
  const double disclosure = tallies[kBoth]["disclosure"].recall(),
               personal_info = tallies[kBoth]["personal_info"].recall(),
               rude = tallies[kBoth]["rude"].recall(), clean_flagged = clean[kBoth].recall();
  target(personal_info >= targets.personal_info, "personal information recall >= 0.95");
  target(rude >= targets.rude, "rude recall >= 0.90");
  target(clean_flagged <= targets.clean_flagged, "clean texts flagged <= 5 %");
  std::cout << "\n";
  for (const auto& u : unmet) std::cout << "target not met yet: " << u << "\n";
  if (unmet.empty()) std::cout << "Every target met.\n";
  if (floors_file.empty()) return 0;

  const std::map<std::string, double> measured{{"disclosure", disclosure},
                                               {"disclosure_every_kind", worst_kind},
                                               {"personal_info", personal_info},
                                               {"rude", rude},
                                               {"clean_flagged", clean_flagged}};
  std::ifstream in(floors_file);
  if (!in) throw std::runtime_error("floors file missing: " + floors_file.string());
  std::string line;
  int failures = 0, floors = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto tab = line.find('\t');
    const auto it = measured.find(line.substr(0, tab));
    if (tab == std::string::npos || it == measured.end()) {
      throw std::runtime_error("floors file: unknown line '" + line + "'");
    }
    const double floor = std::stod(line.substr(tab + 1));
    const bool at_most = it->first == "clean_flagged";
    const bool ok = at_most ? it->second <= floor : it->second >= floor;
    ++floors;
    if (!ok) {
      ++failures;
      std::cout << "WORSE THAN ITS FLOOR: " << it->first << " " << it->second
                << (at_most ? " > " : " < ") << floor << "\n";
    }
  }
  if (floors != static_cast<int>(measured.size())) {
    throw std::runtime_error("floors file: expected a floor for each of the five measures");
  }
  if (failures == 0) std::cout << "No figure is worse than its floor.\n";
  return failures == 0 ? 0 : 1;
}

}  // namespace
}  // namespace ln::moderation

int main(int argc, char** argv) {
  std::filesystem::path part, lexicons = ln::moderation::default_lexicon_dir(),
                              model = ln::moderation::default_model_file();
  std::filesystem::path floors;
  std::optional<ln::moderation::Signal> misses;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--part" && has_value) {
      part = argv[++i];
    } else if (arg == "--lexicons" && has_value) {
      lexicons = argv[++i];
    } else if (arg == "--model" && has_value) {
      model = argv[++i];
    } else if (arg == "--check" && has_value) {
      floors = argv[++i];
    } else if (arg == "--misses" && has_value) {
      const std::string signal = argv[++i];
      if (signal == "lexicons") misses = ln::moderation::kLexicons;
      if (signal == "model") misses = ln::moderation::kModel;
      if (signal == "both") misses = ln::moderation::kBoth;
      if (!misses) {
        std::cerr << "screener_eval: --misses takes lexicons, model or both\n";
        return 2;
      }
    } else {
      std::cerr
          << "usage: screener_eval --part DIR [--lexicons DIR] [--model FILE] [--check FLOORS] "
             "[--misses lexicons|model|both]\n";
      return 2;
    }
  }
  if (part.empty()) {
    std::cerr << "screener_eval: --part is required\n";
    return 2;
  }
  try {
    return ln::moderation::run(part, lexicons, model, floors, misses);
  } catch (const std::exception& e) {
    std::cerr << "screener_eval: " << e.what() << "\n";
    return 1;
  }
}
