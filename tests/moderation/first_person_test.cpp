// Whether a span of the plain view tells a harm of the child's own (moderation/first_person.h):
// what a `frame` exception and the held lines read.
#include "moderation/first_person.h"

#include <gtest/gtest.h>

#include <string>

#include "moderation/normalise.h"

namespace ln::moderation {
namespace {

bool own(const std::string& text) {
  const auto n = normalise(text);
  return tells_own_harm(n->plain.chars, 0, n->plain.chars.size());
}

TEST(FirstPerson, TheChildSaidOfWhoseOrDoneTo) {
  EXPECT_TRUE(own("vì em cũng bị bố đánh như trong đó"));
  EXPECT_TRUE(own("xem phim xong em nghĩ tới tự tử"));
  EXPECT_TRUE(own("bố vào giật sách rồi đánh em bằng roi"));
  EXPECT_TRUE(own("anh họ em tuyển người sang Campuchia"));
  EXPECT_TRUE(own("my dad hits me"));
}

TEST(FirstPerson, AWatcherOrAnyChildIsNotTheOneHarmed) {
  EXPECT_FALSE(own("phim Hàn em xem, cô gái bị bạn cùng lớp bắt nạt"));
  EXPECT_FALSE(own("bản tin nói có người dụ trẻ em bị bán sang Campuchia"));
  EXPECT_FALSE(own("cô dạy các em bị bắt nạt thì báo thầy"));
  EXPECT_FALSE(own("một em bé bị bỏ rơi ở cổng chùa"));
}

TEST(FirstPerson, OnlyWholeWordsInsideTheSpanCount) {
  const auto n = normalise("đánh em");
  const std::u32string& plain = n->plain.chars;
  EXPECT_TRUE(tells_own_harm(plain, 0, plain.size()));
  EXPECT_FALSE(tells_own_harm(plain, 0, plain.size() - 1)) << "\"e\" cut from \"em\" is no word";
  EXPECT_FALSE(tells_own_harm(plain, 1, plain.size())) << "\"anh\" cut from \"đánh\" is no word";
}

}  // namespace
}  // namespace ln::moderation
