#pragma once
// The screener corpus (tests/moderation/corpus/): hand-written texts, one per line,
// `labels<TAB>kind<TAB>form<TAB>text`, split once into a development and a test part.
#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace ln::moderation::corpus {

struct Text {
  std::set<std::string> labels;  // empty for a clean text
  std::string kind;              // e.g. "grooming", "idiom", "phone"
  std::string form;              // "vi" | "vi_plain" | "teen" | "en" | "mixed"
  std::string text;
  std::string source;  // file:line, for reports
};

// The labels the screener is measured on.
inline const std::vector<std::string>& measured_labels() {
  static const std::vector<std::string> labels{"disclosure", "personal_info", "rude"};
  return labels;
}

// Every *.tsv file in `part_dir`, in name order. Throws std::runtime_error naming the file and
// line when a line is malformed.
std::vector<Text> read_part(const std::filesystem::path& part_dir);

}  // namespace ln::moderation::corpus
