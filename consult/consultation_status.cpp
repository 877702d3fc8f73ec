#include "consult/consultation_status.h"

#include "base/word_table.h"

namespace ln {
namespace {

constexpr WordTable<ConsultationStatus, 5> kStatuses{{{
    {ConsultationStatus::kDraft, "draft"},
    {ConsultationStatus::kPublished, "published"},
    {ConsultationStatus::kClosed, "closed"},
    {ConsultationStatus::kResultsPublished, "results_published"},
    {ConsultationStatus::kFeedbackGiven, "feedback_given"},
}}};

constexpr WordTable<Channel, 3> kChannels{{{
    {Channel::kOnline, "online"},
    {Channel::kPaper, "paper"},
    {Channel::kForum, "forum"},
}}};

}  // namespace

std::string_view word(ConsultationStatus status) {
  return kStatuses.word(status);
}

std::optional<ConsultationStatus> consultation_status(std::string_view word) {
  return kStatuses.value(word);
}

bool results_out(ConsultationStatus status) {
  return status == ConsultationStatus::kResultsPublished ||
         status == ConsultationStatus::kFeedbackGiven;
}

std::string_view word(Channel channel) {
  return kChannels.word(channel);
}

std::optional<Channel> channel(std::string_view word) {
  return kChannels.value(word);
}

}  // namespace ln
