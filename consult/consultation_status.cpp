#include "consult/consultation_status.h"

#include <array>
#include <utility>

namespace ln {
namespace {

constexpr std::array<std::pair<ConsultationStatus, std::string_view>, 5> kStatuses = {{
    {ConsultationStatus::kDraft, "draft"},
    {ConsultationStatus::kPublished, "published"},
    {ConsultationStatus::kClosed, "closed"},
    {ConsultationStatus::kResultsPublished, "results_published"},
    {ConsultationStatus::kFeedbackGiven, "feedback_given"},
}};

constexpr std::array<std::pair<Channel, std::string_view>, 3> kChannels = {{
    {Channel::kOnline, "online"},
    {Channel::kPaper, "paper"},
    {Channel::kForum, "forum"},
}};

template <typename Table, typename Enum>
std::string_view word_in(const Table& table, Enum value) {
  for (const auto& [v, w] : table)
    if (v == value) return w;
  return {};
}

template <typename Enum, typename Table>
std::optional<Enum> value_in(const Table& table, std::string_view word) {
  for (const auto& [v, w] : table)
    if (w == word) return v;
  return std::nullopt;
}

}  // namespace

std::string_view word(ConsultationStatus status) {
  return word_in(kStatuses, status);
}

std::optional<ConsultationStatus> consultation_status(std::string_view word) {
  return value_in<ConsultationStatus>(kStatuses, word);
}

bool results_out(ConsultationStatus status) {
  return status == ConsultationStatus::kResultsPublished ||
         status == ConsultationStatus::kFeedbackGiven;
}

std::string_view word(Channel channel) {
  return word_in(kChannels, channel);
}

std::optional<Channel> channel(std::string_view word) {
  return value_in<Channel>(kChannels, word);
}

}  // namespace ln
