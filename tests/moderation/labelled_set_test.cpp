// The labelled test set (tests/moderation/data/screening_cases.tsv, made by generate_cases.py):
// precision and recall per category, with the misses printed so a failure says what to look at.
#include <gtest/gtest.h>

#include <fstream>
#include <iomanip>
#include <iostream>
#include <string>
#include <vector>

#include "tests/moderation/test_support.h"

namespace ln::moderation {
namespace {

struct Case {
  std::string category;
  bool expected;
  std::string text;
};

std::vector<Case> load_cases() {
  std::ifstream in(std::string(LANGNGHE_MODERATION_DATA_DIR) + "/screening_cases.tsv");
  EXPECT_TRUE(in) << "screening_cases.tsv is missing";
  std::vector<Case> cases;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto a = line.find('\t'), b = line.find('\t', a + 1);
    cases.push_back({line.substr(0, a), line.substr(a + 1, b - a - 1) == "1", line.substr(b + 1)});
  }
  return cases;
}

struct Score {
  int true_positive = 0, false_positive = 0, false_negative = 0, true_negative = 0;
  std::vector<std::string> misses, false_alarms;
  double precision() const {
    const int flagged = true_positive + false_positive;
    return flagged == 0 ? 1.0 : double(true_positive) / flagged;
  }
  double recall() const {
    const int positives = true_positive + false_negative;
    return positives == 0 ? 1.0 : double(true_positive) / positives;
  }
  double false_alarm_rate() const {
    const int negatives = false_positive + true_negative;
    return negatives == 0 ? 0.0 : double(false_positive) / negatives;
  }
};

Score score(const std::string& category) {
  Score s;
  for (const auto& c : load_cases()) {
    if (c.category != category) continue;
    const bool flagged = testing::has_label(testing::screener().screen(c.text), category);
    if (c.expected && flagged) ++s.true_positive;
    if (c.expected && !flagged) {
      ++s.false_negative;
      s.misses.push_back(c.text);
    }
    if (!c.expected && flagged) {
      ++s.false_positive;
      s.false_alarms.push_back(c.text);
    }
    if (!c.expected && !flagged) ++s.true_negative;
  }
  std::cout << std::fixed << std::setprecision(3) << "[" << category << "] positives "
            << s.true_positive + s.false_negative << ", negatives "
            << s.false_positive + s.true_negative << ": precision " << s.precision() << ", recall "
            << s.recall() << ", false alarms " << s.false_alarm_rate() << "\n";
  for (const auto& m : s.misses) std::cout << "  missed: " << m << "\n";
  for (const auto& f : s.false_alarms) std::cout << "  false alarm: " << f << "\n";
  return s;
}

TEST(LabelledSet, HasTheAgreedSize) {
  int pi_pos = 0, pi_neg = 0, dis_pos = 0, dis_neg = 0;
  for (const auto& c : load_cases()) {
    if (c.category == "personal_info") (c.expected ? pi_pos : pi_neg)++;
    if (c.category == "disclosure") (c.expected ? dis_pos : dis_neg)++;
  }
  EXPECT_GE(pi_pos, 300);
  EXPECT_GE(pi_neg, 1000);
  EXPECT_GE(dis_pos, 200);
  EXPECT_GE(dis_neg, 500);
}

TEST(LabelledSet, PersonalInformation) {
  const Score s = score("personal_info");
  EXPECT_GE(s.recall(), 0.98);
  EXPECT_GE(s.precision(), 0.95);
}

TEST(LabelledSet, Disclosure) {
  const Score s = score("disclosure");
  EXPECT_GE(s.recall(), 0.95);
  EXPECT_LE(s.false_alarm_rate(), 0.05);
}

TEST(LabelledSet, RudeWordsAndTheirInnocentLookAlikes) {
  const Score s = score("rude");
  EXPECT_EQ(s.false_positive, 0) << "an innocent look-alike was flagged";
  EXPECT_GE(s.recall(), 0.95);
}

}  // namespace
}  // namespace ln::moderation
