// A megabyte of garbage, repetition and near-matches is screened without crashing. No timing
// assertion here (shared machines); RE2 and the phrase matcher are linear by construction.
#include <gtest/gtest.h>

#include <random>

#include "moderation/simhash.h"
#include "tests/moderation/test_support.h"

namespace ln::moderation {
namespace {

std::string hostile_megabyte() {
  const std::vector<std::string> pieces = {
      "đ.m ",       "0912 ",   "a còng ", "chấm ",    "bố em ", "đánh ",          "em ",
      "muốn chết ", "@@@@",    "...",     "aaaaaaaa", "😀",      "\u200b",         "o\u0302\u0300",
      "Ｆｕｃｋ",   "ngõ 12/", "47/9B ",  "((((",     "\\",     "lớp 6A trường ", "em tên là ",
      "http://",    "x.com/",  "1",       " ",        "\t",     "\xe1\xba\xa1"};
  std::mt19937 rng(42);
  std::string text;
  while (text.size() < (1u << 20)) {
    text += pieces[rng() % pieces.size()];
    if (rng() % 50 == 0) text += std::string(1000, 'a');
    if (rng() % 80 == 0) text += std::string(500, '0');
  }
  return text;
}

TEST(HostileInput, AMegabyteOfMixedGarbage) {
  const std::string text = hostile_megabyte();
  const auto verdict = testing::screener().screen(text);
  EXPECT_FALSE(verdict.labels.empty());
  std::size_t previous = 0;
  for (const auto& span : verdict.spans) {
    EXPECT_LE(previous, span.start);
    EXPECT_LT(span.start, span.end);
    EXPECT_LE(span.byte_end, text.size());
    previous = span.start;
  }
  EXPECT_NE(simhash(normalised_for_duplicates(text)), 0u);
}

TEST(HostileInput, LongRunsOfOneCharacter) {
  for (const std::string& text : {std::string(1 << 20, 'a'), std::string(1 << 20, '0'),
                                  std::string(1 << 20, ' '), std::string(1 << 19, '.'), [] {
                                    std::string s;
                                    while (s.size() < (1u << 20))
                                      s += "\u0301";  // a megabyte of combining marks
                                    return s;
                                  }()}) {
    EXPECT_NO_THROW(testing::screener().screen(text));
  }
}

}  // namespace
}  // namespace ln::moderation
