#pragma once
// The learned second opinion: a fastText classifier trained at build time on the development part
// of the screener corpus (moderation/model/). It reads model_words() of a text in windows and
// gives each label the highest probability any window reached. A label counts when that
// probability reaches the label's threshold, chosen on the development part for recall and stored
// beside the model (`<model>.thresholds`: `label<TAB>threshold` lines).
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "moderation/normalise.h"

namespace ln::moderation {

struct Opinion {
  std::string label;  // "disclosure" | "personal_info" | "rude"
  float probability = 0;
  float threshold = 0;
};

class Classifier {
 public:
  static constexpr std::size_t kWindowWords = 40, kWindowStride = 20;

  // Throws std::runtime_error naming the file when the model or its thresholds are missing or
  // unreadable.
  explicit Classifier(const std::filesystem::path& model_file);
  ~Classifier();
  Classifier(Classifier&&) noexcept;
  Classifier& operator=(Classifier&&) noexcept;

  // Thread-safe. Every label the model knows, with its probability (the highest of any window).
  std::map<std::string, float> probabilities(const NormalisedText& text) const;
  // The labels whose probability reaches their threshold.
  std::vector<Opinion> judge(const NormalisedText& text) const;
  // The same from probabilities already read (probabilities() above), so a caller that needs them
  // too reads the text once.
  std::vector<Opinion> judge(const std::map<std::string, float>& probabilities) const;
  // Below this disclosure probability the screener holds back some lexicon findings (screener.h):
  // the thresholds file's `disclosure_held_below` line, 0 (never) when it has none.
  float disclosure_held_below() const;
  // The same for findings told in the first person: the `disclosure_held_below_first_person` line,
  // 0 (never) when the file has none.
  float disclosure_held_below_first_person() const;
  // The same for thoughts of suicide, self-harm and sexual abuse told of someone else: the
  // `disclosure_held_below_gravest` line, 0 (never) when the file has none.
  float disclosure_held_below_gravest() const;
  // Under this rude probability the screener holds back rude words that are also everyday words
  // when written with no diacritics (moderation/screener.h): the `rude_held_below` line, 0 (never)
  // when the file has none.
  float rude_held_below() const;

 private:
  struct Model;
  std::unique_ptr<const Model> model_;
  std::map<std::string, float, std::less<>> thresholds_;

  // The thresholds file's line of that name, 0 when it has none.
  float line(std::string_view name) const;
};

// Reads a thresholds file; throws std::runtime_error naming the file and line when malformed.
std::map<std::string, float, std::less<>> read_thresholds(const std::filesystem::path& file);

}  // namespace ln::moderation
