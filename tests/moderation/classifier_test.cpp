// The learned second opinion reads texts its own way (each word's n-grams once, the hidden vector
// summed in the classifier, repeated windows read once) for speed; its probabilities must be,
// to the bit, what fastText gives for the same windows read through its own dictionary.
#include <fasttext/fasttext.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "moderation/classifier.h"
#include "moderation/model/corpus.h"
#include "moderation/model_text.h"

namespace ln::moderation {
namespace {

// Every window of the text through fastText's getLine and predict, the highest per label.
std::map<std::string, float> fasttext_reading(const fasttext::FastText& model,
                                              const NormalisedText& text) {
  const auto dictionary = model.getDictionary();
  std::map<std::string, float> best;
  for (std::int32_t i = 0; i < dictionary->nlabels(); ++i) {
    best[dictionary->getLabel(i).substr(std::string("__label__").size())] = 0;
  }
  for (const std::string& window :
       model_windows(model_words(text), Classifier::kWindowWords, Classifier::kWindowStride)) {
    std::istringstream in(window + "\n");
    std::vector<std::int32_t> words, labels;
    dictionary->getLine(in, words, labels);
    fasttext::Predictions predictions;
    model.predict(dictionary->nlabels(), words, predictions, 0.0);
    for (const auto& [log_probability, id] : predictions) {
      float& p = best[dictionary->getLabel(id).substr(std::string("__label__").size())];
      p = std::max(p, std::exp(log_probability));
    }
  }
  return best;
}

class ClassifierReading : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    classifier_ = new Classifier(LANGNGHE_MODEL_FILE);
    fasttext_ = new fasttext::FastText();
    fasttext_->loadModel(LANGNGHE_MODEL_FILE);
  }
  static void TearDownTestSuite() {
    delete classifier_;
    delete fasttext_;
  }
  static void expect_same(const std::string& utf8) {
    const auto text = normalise(utf8);
    ASSERT_TRUE(text.has_value());
    EXPECT_EQ(classifier_->probabilities(*text), fasttext_reading(*fasttext_, *text))
        << utf8.substr(0, 200);
  }
  static Classifier* classifier_;
  static fasttext::FastText* fasttext_;
};
Classifier* ClassifierReading::classifier_ = nullptr;
fasttext::FastText* ClassifierReading::fasttext_ = nullptr;

TEST_F(ClassifierReading, EveryCorpusTextGetsFastTextsOwnProbabilities) {
  std::size_t texts = 0;
  for (const char* part : {"dev", "test"}) {
    for (const auto& t : corpus::read_part(std::string(LANGNGHE_CORPUS_DIR) + "/" + part)) {
      expect_same(t.text);
      ++texts;
    }
  }
  EXPECT_GT(texts, 2000u);
}

TEST_F(ClassifierReading, LongAndRepeatedTextsGetFastTextsOwnProbabilities) {
  const std::string disclosure = "bo em danh em dau lam, em khong muon ve nha nua. ";
  std::string repeated, mixed;
  for (int i = 0; i < 60; ++i) repeated += disclosure;
  for (int i = 0; i < 60; ++i) {
    mixed += (i % 7 == 3 ? disclosure : "Em muon phuong lam them san bong cho tui em choi. ");
  }
  expect_same(repeated);
  expect_same(mixed);
  expect_same(mixed + "ko dc ngta sdt 0912345678 @ mk " + std::string(300, 'a'));
  expect_same("");
  expect_same("!!! ??? ...");
}

TEST(ModelWords, SpellDigitsChatWordsAndCapLongWords) {
  const auto text =
      normalise("E ko dc đi học, gọi 0912.345.678 hoặc mk@Gmail " + std::string(50, 'x') + " Ngta");
  ASSERT_TRUE(text.has_value());
  const std::vector<std::string> expected = {
      "em",      "khong", "duoc", "di",   "hoc", "goi",   "0000",
      "000",     "000",   "hoac", "minh", "@",   "gmail", std::string(40, 'x'),
      "nguoi ta"};
  EXPECT_EQ(model_words(*text), expected);
}

}  // namespace
}  // namespace ln::moderation
