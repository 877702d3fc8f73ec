#pragma once
// The parts of a consultation kept as JSON text in a column (questions, information cards,
// lifecycle, feedback, answers, a forum's participants), turned into their types and back. Shared
// by both backends; the column format is the wire format of the same parts, so api/ reads requests
// and writes views with the same functions.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "consult/records.h"

namespace ln::store {

// Questions as sent or stored; throws Invalid("questions[2].type") on the first bad part.
std::vector<Question> parse_questions(const nlohmann::json& value);
nlohmann::json questions_json(const std::vector<Question>& questions);
// Read through a cache keyed by the text: the same text gives the same shared questions.
QuestionList questions_from_column(const std::string& text);
std::string questions_column(const std::vector<Question>& questions);

nlohmann::json info_card_json(const InfoCard& card);
nlohmann::json info_cards_json(const std::map<std::string, InfoCard>& cards);
std::map<std::string, InfoCard> info_cards_from_column(const std::string& text);

nlohmann::json lifecycle_json(const std::vector<LifecycleStep>& steps);
std::vector<LifecycleStep> lifecycle_from_column(const std::string& text);

nlohmann::json band_feedback_json(const BandFeedback& feedback);
nlohmann::json feedback_json(const std::map<std::string, BandFeedback>& feedback);
std::map<std::string, BandFeedback> feedback_from_column(const std::string& text);

// One answer: a string, a list of strings (anything else in a list reads as ""), a whole number
// or a boolean; any other value is OtherValue, shown as null.
AnswerValue answer_of(const nlohmann::json& value);
nlohmann::json answer_json(const AnswerValue& value);
nlohmann::json answers_json(const Answers& answers);
Answers answers_from_column(const std::string& text);

nlohmann::json participants_json(const std::map<std::string, std::int64_t>& by_band);
std::map<std::string, std::int64_t> participants_from_column(const std::string& text);

}  // namespace ln::store
