#include <gtest/gtest.h>

#include "tests/moderation/test_support.h"

namespace ln::moderation {
namespace {

std::string category(std::string_view text) {
  for (const auto& s : testing::screener().screen(text).spans) {
    if (s.label == "disclosure") return s.category;
  }
  return "";
}

TEST(Disclosure, FirstPersonAndIndirect) {
  EXPECT_EQ(category("bố em hay đánh em"), "violence_home");
  EXPECT_EQ(category("bo em hay danh em"), "violence_home");
  EXPECT_EQ(category("em bị bạn bắt nạt"), "bullying");
  EXPECT_EQ(category("em không muốn sống nữa"), "self_harm");
  EXPECT_EQ(category("có người lớn sờ vào người em"), "sexual_abuse");
  EXPECT_EQ(category("my friend says her uncle touches her"), "sexual_abuse");
  EXPECT_EQ(category("i want to die"), "self_harm");
  EXPECT_EQ(category("sợ về nhà"), "violence_home");
  EXPECT_EQ(category("nhà em không có gì để ăn"), "neglect");
}

TEST(Disclosure, IdiomsAreNotDisclosures) {
  for (const char* idiom :
       {"mệt muốn chết", "cười chết mất", "đói chết đi được", "nóng chết", "I'm dying of laughter",
        "this homework is killing me", "bố em đánh cầu lông", "cô đánh giá bài em", "em đánh răng",
        "em sợ về nhà muộn", "trường nên phòng chống xâm hại trẻ em"}) {
    EXPECT_EQ(category(idiom), "") << idiom;
  }
}

TEST(Disclosure, AnIdiomDoesNotHideARealDisclosure) {
  EXPECT_EQ(category("em mệt muốn chết, bố em lại đánh em"), "violence_home");
}

TEST(Disclosure, RoutesToSafeguarding) {
  const auto verdict = testing::screener().screen("Bố em hay đánh em, đm");
  EXPECT_EQ(verdict.route, "safeguarding");
  EXPECT_EQ(verdict.labels, (std::vector<std::string>{"disclosure", "rude"}));
  ASSERT_FALSE(verdict.spans.empty());
  EXPECT_EQ(testing::span_text("Bố em hay đánh em, đm", verdict.spans.front()),
            "Bố em hay đánh em");
  EXPECT_EQ(verdict.spans.front().rule, "disclosure.violence_home.vi");
  EXPECT_EQ(verdict.spans.front().severity, 6);
}

}  // namespace
}  // namespace ln::moderation
