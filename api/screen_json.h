#pragma once
// `langnghe screen` and the screener fuzzer: the screener's verdict as one line of JSON,
// {"labels":[…],"route":"…","signals":[…],"model":[{"label","probability","threshold"}],
//  "spans":[{"label","start","end","byte_start","byte_end","rule","category","severity"}],
//  "held":[…as spans…],"lexicon_version":"…"}
#include <iosfwd>
#include <nlohmann/json.hpp>

#include "moderation/screener.h"

namespace ln::api {

nlohmann::json verdict_json(const moderation::Verdict& verdict);

// One compact JSON verdict per input line, in order. A line that is not valid UTF-8 gets
// {"error":"invalid_utf8","line":N} instead (lines count from 1). A trailing "\r" is not part of
// the line. Returns 0.
int screen_lines(const moderation::Screener& screener, std::istream& in, std::ostream& out);

}  // namespace ln::api
