#pragma once
// Shared by the screener tests: one Screener loaded from the source lexicons, and helpers to
// look at what it found.
#include <string>
#include <string_view>
#include <vector>

#include "moderation/screener.h"

namespace ln::moderation::testing {

inline const Screener& screener() {
  static const Screener instance(LANGNGHE_LEXICON_DIR);
  return instance;
}

inline bool has_label(const Verdict& v, std::string_view label) {
  for (const auto& l : v.labels) {
    if (l == label) return true;
  }
  return false;
}

// The original text a span points at (by code points, checked against the byte offsets).
std::string span_text(std::string_view text, const Span& span);

// Texts of the spans with the given label, in order.
std::vector<std::string> found(std::string_view text, std::string_view label);

}  // namespace ln::moderation::testing
