#include "api/screen_json.h"

#include <cmath>
#include <istream>
#include <ostream>

#include "moderation/normalise.h"

namespace ln::api {
namespace {

nlohmann::json spans_json(const std::vector<moderation::Span>& spans) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : spans) {
    out.push_back({{"label", s.label},
                   {"start", s.start},
                   {"end", s.end},
                   {"byte_start", s.byte_start},
                   {"byte_end", s.byte_end},
                   {"rule", s.rule},
                   {"category", s.category},
                   {"severity", s.severity}});
  }
  return out;
}

}  // namespace

nlohmann::json verdict_json(const moderation::Verdict& verdict) {
  nlohmann::json model = nlohmann::json::array();
  for (const auto& m : verdict.model) {
    model.push_back({{"label", m.label},
                     {"probability", std::round(m.probability * 1000) / 1000},
                     {"threshold", std::round(m.threshold * 1000) / 1000}});
  }
  return {{"labels", verdict.labels},
          {"route", verdict.route},
          {"signals", verdict.signals},
          {"model", std::move(model)},
          {"spans", spans_json(verdict.spans)},
          {"held", spans_json(verdict.held)},
          {"lexicon_version", verdict.lexicon_version}};
}

int screen_lines(const moderation::Screener& screener, std::istream& in, std::ostream& out) {
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!moderation::is_valid_utf8(line)) {
      out << nlohmann::json{{"error", "invalid_utf8"}, {"line", number}}.dump() << '\n';
      continue;
    }
    out << verdict_json(screener.screen(line)).dump() << '\n';
  }
  out.flush();
  return 0;
}

}  // namespace ln::api
