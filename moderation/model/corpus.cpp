#include "moderation/model/corpus.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace ln::moderation::corpus {

namespace {

std::vector<std::string> split(const std::string& line, char separator) {
  std::vector<std::string> fields;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, separator)) fields.push_back(field);
  if (!line.empty() && line.back() == separator) fields.emplace_back();
  return fields;
}

const std::set<std::string> kForms{"vi", "vi_plain", "teen", "en", "mixed"};

}  // namespace

std::vector<Text> read_part(const std::filesystem::path& part_dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(part_dir)) {
    if (entry.path().extension() == ".tsv") files.push_back(entry.path());
  }
  if (files.empty()) throw std::runtime_error("no corpus files (*.tsv) in " + part_dir.string());
  std::sort(files.begin(), files.end());
  std::vector<Text> texts;
  for (const auto& file : files) {
    std::ifstream in(file);
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
      if (line.empty() || line[0] == '#') continue;
      const std::string where = file.filename().string() + ":" + std::to_string(number);
      const auto fields = split(line, '\t');
      if (fields.size() != 4 || fields[3].empty()) {
        throw std::runtime_error(where + ": expected labels<TAB>kind<TAB>form<TAB>text");
      }
      Text t{{}, fields[1], fields[2], fields[3], where};
      if (fields[0] != "clean") {
        for (const auto& label : split(fields[0], ',')) {
          if (std::find(measured_labels().begin(), measured_labels().end(), label) ==
              measured_labels().end()) {
            throw std::runtime_error(where + ": unknown label '" + label + "'");
          }
          t.labels.insert(label);
        }
      }
      if (!kForms.contains(t.form))
        throw std::runtime_error(where + ": unknown form '" + t.form + "'");
      texts.push_back(std::move(t));
    }
  }
  return texts;
}

}  // namespace ln::moderation::corpus
