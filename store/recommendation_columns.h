#pragma once
// The parts of a recommendation that grow (quotes, answer, commitments, feedback, history,
// reminders) are JSON documents in their columns, on both backends. This is the one place they
// turn into the typed record and back; the column format is the one the database already holds.
#include <string>
#include <string_view>

#include "consult/records.h"

namespace ln::store {

RecommendationStatus status_column(std::string_view text);

std::string quotes_column(const std::vector<Quote>& quotes);
std::vector<Quote> quotes_of_column(std::string_view text);

std::string answer_column(const std::optional<Answer>& answer);
std::optional<Answer> answer_of_column(std::string_view text);

std::string commitments_column(const std::vector<Commitment>& commitments);
std::vector<Commitment> commitments_of_column(std::string_view text);

std::string feedback_column(const std::optional<Feedback>& feedback);
std::optional<Feedback> feedback_of_column(std::string_view text);

std::string history_column(const std::vector<HistoryEntry>& history);
std::vector<HistoryEntry> history_of_column(std::string_view text);

std::string reminders_column(const Reminders& reminders);
Reminders reminders_of_column(std::string_view text);

}  // namespace ln::store
