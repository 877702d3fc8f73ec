#include "moderation/classifier.h"

#include <fasttext/fasttext.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "moderation/model_text.h"

namespace ln::moderation {

namespace {
constexpr std::string_view kLabelPrefix = "__label__";
}

struct Classifier::Model {
  fasttext::FastText fasttext;
  std::vector<std::string> labels;  // by fastText label id, without the prefix
};

std::map<std::string, float> read_thresholds(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("screener model thresholds missing: " + file.string());
  std::map<std::string, float> thresholds;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.empty() || line[0] == '#') continue;
    const auto tab = line.find('\t');
    float value = -1;
    try {
      if (tab != std::string::npos) value = std::stof(line.substr(tab + 1));
    } catch (const std::exception&) {
    }
    if (tab == std::string::npos || tab == 0 || !(value >= 0 && value <= 1)) {
      throw std::runtime_error(file.string() + ":" + std::to_string(number) +
                               ": expected label<TAB>threshold between 0 and 1");
    }
    thresholds[line.substr(0, tab)] = value;
  }
  return thresholds;
}

Classifier::Classifier(const std::filesystem::path& model_file) {
  if (!std::filesystem::is_regular_file(model_file)) {
    throw std::runtime_error("screener model missing: " + model_file.string());
  }
  auto model = std::make_unique<Model>();
  try {
    model->fasttext.loadModel(model_file.string());
  } catch (const std::exception& e) {
    throw std::runtime_error("screener model unreadable: " + model_file.string() + ": " + e.what());
  }
  const auto dictionary = model->fasttext.getDictionary();
  for (std::int32_t i = 0; i < dictionary->nlabels(); ++i) {
    std::string label = dictionary->getLabel(i);
    if (label.starts_with(kLabelPrefix)) label.erase(0, kLabelPrefix.size());
    model->labels.push_back(std::move(label));
  }
  thresholds_ = read_thresholds(model_file.string() + ".thresholds");
  model_ = std::move(model);
}

Classifier::~Classifier() = default;
Classifier::Classifier(Classifier&&) noexcept = default;
Classifier& Classifier::operator=(Classifier&&) noexcept = default;

std::map<std::string, float> Classifier::probabilities(const NormalisedText& text) const {
  std::map<std::string, float> best;
  for (const auto& label : model_->labels) best[label] = 0;
  const auto dictionary = model_->fasttext.getDictionary();
  const auto k = static_cast<std::int32_t>(model_->labels.size());
  std::vector<std::int32_t> words, labels;
  fasttext::Predictions predictions;
  for (const std::string& window : model_windows(model_words(text), kWindowWords, kWindowStride)) {
    std::istringstream in(window + "\n");
    words.clear();
    labels.clear();
    dictionary->getLine(in, words, labels);
    predictions.clear();
    model_->fasttext.predict(k, words, predictions, 0.0);
    for (const auto& [log_probability, id] : predictions) {
      float& p = best[model_->labels[static_cast<std::size_t>(id)]];
      p = std::max(p, std::exp(log_probability));
    }
  }
  return best;
}

std::vector<Opinion> Classifier::judge(const NormalisedText& text) const {
  std::vector<Opinion> opinions;
  for (const auto& [label, probability] : probabilities(text)) {
    const auto it = thresholds_.find(label);
    if (it != thresholds_.end() && probability >= it->second) {
      opinions.push_back({label, probability, it->second});
    }
  }
  return opinions;
}

}  // namespace ln::moderation
