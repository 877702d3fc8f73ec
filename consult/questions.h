#pragma once
// A consultation's questions, each worded for every age band of its audience, and the checks
// on them: what publishing requires, and what a child's answer must look like.
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "consult/errors.h"
#include "consult/records.h"

namespace ln {

using Wording = std::map<std::string, std::string>;  // age band → text

struct QuestionOption {
  std::string id;
  Wording text;
};

struct Question {
  std::string id;
  std::string type;  // single | multiple | scale | yes_no | ranking | text
  Wording text;
  std::vector<QuestionOption> options;                           // single, multiple, ranking
  int max_choices = 0;                                           // multiple
  int rank_count = 0;                                            // ranking: order up to N
  std::map<std::string, std::vector<std::string>> scale_labels;  // scale: band → 5 labels
  std::vector<std::string> faces;                                // scale: 5 faces for 7–10
  int max_length = 500;                                          // text, in characters
};

// Parses the questions of a request or of storage; throws Invalid("questions…") on bad shape.
std::vector<Question> parse_questions(const nlohmann::json& value);
nlohmann::json questions_json(const std::vector<Question>& questions);
// The question as a child of `band` sees it: one wording, no other bands.
nlohmann::json question_for_band(const Question& q, const std::string& band);

// A stored answer as the child of `band` reads it: the option's words (a list for multiple and
// ranking, in the child's order), the scale point's label, "Có"/"Không", or the text itself.
// An answer that no longer fits its question is given back as it was stored.
nlohmann::json answer_in_words(const Question& q, const nlohmann::json& value,
                               const std::string& band);

// Everything that must hold before publishing, for these audience bands. Each problem names
// its field, e.g. "questions[2].options[1].text.7-10".
std::vector<Unprocessable::Problem> question_problems(const std::vector<Question>& questions,
                                                      const std::vector<std::string>& bands);
// The meaning of the questions (types, ids, limits) without their wording: once answers exist,
// this must not change.
std::string question_structure(const std::vector<Question>& questions);

struct CheckedAnswers {
  nlohmann::json answers;  // question id → value, skipped ones absent
  std::vector<std::pair<std::string, std::string>> keys;   // (question id, option key) to count
  std::vector<std::pair<std::string, std::string>> texts;  // (question id, free text)
};

// Checks a child's answers against the questions; throws Unprocessable naming every bad field
// ("answers.q3"). Missing or null answers are skips.
CheckedAnswers check_answers(const std::vector<Question>& questions, const nlohmann::json& answers);
// The counter keys an already-checked answer set contributes (used to undo a replaced answer).
std::vector<std::pair<std::string, std::string>> answer_keys(const std::vector<Question>& questions,
                                                             const nlohmann::json& answers);

}  // namespace ln
