#pragma once
// A consultation's questions, each worded for every age band of its audience, and the checks
// on them: what publishing requires, and what a child's answer must look like. Every rule that
// depends on a question's type is a row of one table (consult/questions.cpp).
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/errors.h"
#include "consult/question_types.h"

namespace ln {

// The question as a child of `band` sees it: one wording, no other bands.
struct BandOption {
  std::string id;
  std::string text;
};
struct BandQuestion {
  std::string id;
  QuestionType type = QuestionType::kText;
  std::string text;
  std::optional<std::vector<BandOption>> options;
  std::optional<int> max_choices, rank_count, max_length;
  std::optional<std::vector<std::string>> labels, faces;
};
BandQuestion question_for_band(const Question& q, const std::string& band);

// A stored answer as the child of `band` reads it: the option's words (a list for multiple and
// ranking, in the child's order), the scale point's label, "Có"/"Không", or the text itself.
// An answer that no longer fits its question is given back as it was stored.
AnswerValue answer_in_words(const Question& q, const AnswerValue& value, const std::string& band);

// Everything that must hold before publishing, for these audience bands. Each problem names
// its field, e.g. "questions[2].options[1].text.7-10".
std::vector<Unprocessable::Problem> question_problems(const std::vector<Question>& questions,
                                                      const std::vector<std::string>& bands);
// The meaning of the questions (types, ids, limits) without their wording: once answers exist,
// it must not change.
bool same_structure(const std::vector<Question>& a, const std::vector<Question>& b);

using CounterKeys = std::vector<std::pair<std::string, std::string>>;  // (question id, key)

struct CheckedAnswers {
  Answers answers;   // question id → value, skipped ones absent
  CounterKeys keys;  // (question id, option key) to count
  std::vector<std::pair<std::string, std::string>> texts;  // (question id, free text)
};

// Checks a child's answers against the questions; throws Unprocessable naming every bad field
// ("answers.q3"). Skipped questions are simply absent.
CheckedAnswers check_answers(const std::vector<Question>& questions, const Answers& answers);
// The counter keys an already-checked answer set contributes (used to undo a replaced answer).
CounterKeys answer_keys(const std::vector<Question>& questions, const Answers& answers);

// One row of a question's results: the counter key it sums, the key shown, and its words.
struct ResultRow {
  std::string counter_key;
  std::string key;
  std::string text;
};
std::vector<ResultRow> result_rows(const Question& q, const std::string& band);
// Every child who answers gives exactly one key: the rows add up to the number who answered.
bool one_key_each(QuestionType type);
// What results add to the counts of a type: a mean of its points, or scores by rank.
enum class ResultSummary { kNone, kMean, kScores };
ResultSummary result_summary(QuestionType type);
// The keys a forum may tally for this question (none for types a show of hands cannot count).
std::vector<std::string> tally_keys(const Question& q);

}  // namespace ln
