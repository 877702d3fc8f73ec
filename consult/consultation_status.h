#pragma once
// A consultation's status (Circular 36's steps) and the channels its answers come by, each with
// the one place that turns it into its wire and database word and back.
#include <optional>
#include <string_view>

namespace ln {

enum class ConsultationStatus { kDraft, kPublished, kClosed, kResultsPublished, kFeedbackGiven };
std::string_view word(ConsultationStatus status);
std::optional<ConsultationStatus> consultation_status(std::string_view word);
// Officials and the public read a consultation once its results are out.
bool results_out(ConsultationStatus status);

enum class Channel { kOnline, kPaper, kForum };
std::string_view word(Channel channel);
std::optional<Channel> channel(std::string_view word);

}  // namespace ln
