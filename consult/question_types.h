#pragma once
// A consultation's questions and a child's answers to them, as plain values. What each question
// type means (its word, its parts, how an answer is checked, counted and read back) is one row of
// the table in consult/questions.cpp.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ln {

enum class QuestionType { kSingle, kMultiple, kScale, kYesNo, kRanking, kText };
std::string_view word(QuestionType type);
std::optional<QuestionType> question_type(std::string_view word);
// Every type, in the table's order, and their words as a list: "single, multiple, … or text".
std::vector<QuestionType> question_types();
std::string question_type_words();

using Wording = std::map<std::string, std::string>;  // age band → text

struct QuestionOption {
  std::string id;
  Wording text;
  bool operator==(const QuestionOption&) const = default;
};

struct Question {
  std::string id;
  QuestionType type = QuestionType::kText;
  Wording text;
  std::vector<QuestionOption> options;                           // single, multiple, ranking
  int max_choices = 0;                                           // multiple
  int rank_count = 0;                                            // ranking: order up to N
  std::map<std::string, std::vector<std::string>> scale_labels;  // scale: band → 5 labels
  std::vector<std::string> faces;                                // scale: 5 faces for 7–10
  int max_length = 500;                                          // text, in characters
  bool operator==(const Question&) const = default;
};

// Parsed once and shared: a consultation is copied on every answer, its questions are not.
using QuestionList = std::shared_ptr<const std::vector<Question>>;

// The parts a question of a type carries besides its id, type and wording.
struct QuestionParts {
  bool options = false;      // options
  bool max_choices = false;  // max_choices
  bool rank_count = false;   // rank_count
  bool scale = false;        // scale_labels and faces
  bool max_length = false;   // max_length
};
QuestionParts parts_of(QuestionType type);

// A value that is none of the kinds an answer can take (a fraction, an object, …): kept so that
// the question's own check can say what it expects.
struct OtherValue {
  bool operator==(const OtherValue&) const = default;
};
// One answer: an option or a text, a list of options, a scale point, yes (true) or no (false).
using AnswerValue =
    std::variant<OtherValue, bool, std::int64_t, std::string, std::vector<std::string>>;
using Answers = std::map<std::string, AnswerValue>;  // question id → answer, skipped ones absent

}  // namespace ln
