#pragma once
// A submission's columns that hold a document (screening, decision, safeguarding, revisions) and
// its status and queue words, turned to and from the text both backends keep. The column format
// is the one written before these were typed, so existing databases read the same.
// Malformed or missing parts read as empty; a word no version wrote is an error.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "consult/records.h"

namespace ln::store {

std::string screening_column(const Screening& screening);
Screening screening_from_column(std::string_view text);

std::string decision_column(const std::optional<DecisionRecord>& decision);  // "{}" when none
std::optional<DecisionRecord> decision_from_column(std::string_view text);

std::string safeguarding_column(const SafeguardingCase& c);
SafeguardingCase safeguarding_from_column(std::string_view text);

std::string revisions_column(const std::vector<Revision>& revisions);
std::vector<Revision> revisions_from_column(std::string_view text);

SubmissionStatus status_from_column(std::string_view text);
SubmissionKind kind_from_column(std::string_view text);
std::optional<std::string> kind_column(const std::optional<SubmissionKind>& kind);
std::optional<Queue> queue_from_column(const std::optional<std::string>& text);
std::optional<std::string> queue_column(const std::optional<Queue>& queue);

}  // namespace ln::store
