#include <gtest/gtest.h>

#include "tests/moderation/test_support.h"

namespace ln::moderation {
namespace {

std::vector<std::string> spam_rules(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& s : testing::screener().screen(text).spans) {
    if (s.label == "spam") out.push_back(s.rule);
  }
  return out;
}

TEST(Spam, LowInformation) {
  EXPECT_EQ(spam_rules("aaaaaaa"), std::vector<std::string>{"spam.low_information"});
  EXPECT_EQ(spam_rules("hahahahaha"), std::vector<std::string>{"spam.low_information"});
  EXPECT_EQ(spam_rules("asdfasdf"), std::vector<std::string>{"spam.keyboard_mash"});
  EXPECT_EQ(spam_rules("sdfghjkl qwerty"), std::vector<std::string>{"spam.keyboard_mash"});
  EXPECT_EQ(spam_rules("😀😀😀!!!"), std::vector<std::string>{"spam.no_words"});
  EXPECT_EQ(spam_rules("..."), std::vector<std::string>{"spam.no_words"});
}

TEST(Spam, Repetition) {
  EXPECT_FALSE(spam_rules("mua ngay mua ngay mua ngay mua ngay mua ngay mua ngay").empty());
  EXPECT_FALSE(spam_rules("hay hay hay hay hay quá").empty());
  EXPECT_TRUE(spam_rules("rất rất rất thích thư viện mới").empty());
}

TEST(Spam, SeveralLinks) {
  const auto rules = spam_rules("a.com b.com c.com xem đi");
  EXPECT_NE(std::find(rules.begin(), rules.end(), "spam.links"), rules.end());
  EXPECT_TRUE(spam_rules("xem trang a.com nhé").empty());
}

TEST(Spam, OrdinaryIdeasAreNotSpam) {
  for (const char* text : {"Em mong trường có thêm cây xanh.", "ok", "Cảm ơn ạ", "", "   ",
                           "I want a bigger library", "lớp 6A cần thêm quạt"}) {
    EXPECT_TRUE(spam_rules(text).empty()) << text;
  }
}

}  // namespace
}  // namespace ln::moderation
