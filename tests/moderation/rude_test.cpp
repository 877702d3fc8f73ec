#include <gtest/gtest.h>

#include "tests/moderation/test_support.h"

namespace ln::moderation {
namespace {

using testing::found;
using Texts = std::vector<std::string>;

TEST(Rude, TeencodeAndSpacingTricks) {
  EXPECT_EQ(found("đ.m lớp này", "rude"), Texts{"đ.m"});
  EXPECT_EQ(found("d m ai làm bẩn", "rude"), Texts{"d m"});
  EXPECT_EQ(found("dmmm", "rude"), Texts{"dmmm"});
  EXPECT_EQ(found("đ m m", "rude"), Texts{"đ m m"});
  EXPECT_EQ(found("vl thật", "rude"), Texts{"vl"});
  EXPECT_EQ(found("mày ngu thế", "rude"), Texts{"ngu"});
  EXPECT_EQ(found("đồ óc chó", "rude"), Texts{"óc chó"});
  EXPECT_EQ(found("sh1t", "rude"), Texts{"sh1t"});
  EXPECT_EQ(found("Ｆｕｃｋ", "rude"), Texts{"Ｆｕｃｋ"});
  EXPECT_EQ(found("đ\u200bm", "rude"), Texts{"đ\u200bm"});
}

// Typed without diacritics, "deo", "dit", "ngu", "cho de" and "con di" are most often "đeo" (wear),
// "đít" (bottom), "ngủ" (sleep) or "ngữ" (language), "cho dễ" (to make it easy) and "con đi" (I go);
// the same words stay rude where they are the swear word.
TEST(Rude, PlainWordsForWearingSleepingAndFallingAreNotRude) {
  for (const std::string innocent : {
           "hoc nghe han phai deo mat na, tui em deo het",
           "em gai minh nga dap dit xuong san roi lai chay di choi",
           "ngoi ghe go 5 tiet te het ca dit",
           "em de xuat dan bang ten song ngu Khmer Viet",
           "troi nong qua ca dem ngu khong noi",
           "ban em di xe lan, cua lop rong hon de ban ay vao cho de",
           "chu nhat cha cho tui con di cam trai",
       }) {
    EXPECT_TRUE(found(innocent, "rude").empty()) << innocent;
  }
  EXPECT_EQ(found("dit me thang nao lay xe dap cua tao", "rude"), Texts{"dit"});
  EXPECT_EQ(found("deo hieu sao phuong lai xay cai do", "rude"), Texts{"deo"});
  EXPECT_EQ(found("may ngu vai", "rude"), Texts{"ngu"});
}

TEST(Rude, PlainWordsForPassesClassNewThingsAndCountingAreNotRude) {
  for (const std::string innocent : {
           "hom nay em di dam cuoi, duoc an xoi ngu sac ngon lam",
           "me em nuoi em trong vien phai ngu duoi dat may dem",
           "xe khach bi lat o deo Bao Loc, em thay thuong qua",
           "an trua xong la vo hoc lien, buon ngu lam",
           "ba dan em ra do moi sang ma khong co cho ngoi",
           "sau bao ba con di vot ca ve lam phan bon",
           "co tai lieu nao cho hoc sinh doc khong a",
           "dem den bi zombie giet may lan, mat het do",
       }) {
    EXPECT_TRUE(found(innocent, "rude").empty()) << innocent;
  }
  EXPECT_EQ(found("tao giet may day", "rude"), Texts{"tao giet may"});
  EXPECT_EQ(found("thang do vo hoc", "rude"), Texts{"vo hoc"});
  EXPECT_EQ(found("deo can may lo", "rude"), Texts{"deo"});
}

TEST(Rude, DiacriticAware) {
  // The accented rude word is found; its innocent look-alikes are not.
  EXPECT_EQ(found("lồn", "rude"), Texts{"lồn"});
  EXPECT_EQ(found("cặc", "rude"), Texts{"cặc"});
  EXPECT_EQ(found("buồi", "rude"), Texts{"buồi"});
  EXPECT_EQ(found("đụ", "rude"), Texts{"đụ"});
  for (const char* innocent : {"lon nước ngọt", "lớn lên", "các bạn", "cắc kè", "quả bưởi",
                               "buổi sáng", "đi du lịch", "đi học", "cặp sách", "đeo khẩu trang",
                               "deo khau trang", "em di ngu som", "đội ngũ", "đù đờ"}) {
    EXPECT_TRUE(found(innocent, "rude").empty()) << innocent;
  }
  // "đéo" is unambiguous without marks ("deo"), but only when the child wrote no marks at all.
  EXPECT_EQ(found("deo thich", "rude"), Texts{"deo"});
  EXPECT_TRUE(found("đeo kính", "rude").empty());
  // Combining marks typed separately are the same word, and the span takes them in.
  EXPECT_EQ(found("lo\u0302\u0300n", "rude"), Texts{"lo\u0302\u0300n"});
}

TEST(Rude, WordBoundaries) {
  for (const char* innocent :
       {"class 5B", "accent", "assignment", "pass the ball", "Scunthorpe", "cocktail", "Dickens"}) {
    EXPECT_TRUE(found(innocent, "rude").empty()) << innocent;
  }
  EXPECT_EQ(found("you ass", "rude"), Texts{"ass"});
  EXPECT_EQ(found("cc", "rude"), Texts{"cc"});
}

TEST(Rude, SpansCarryCategoryAndSeverity) {
  const auto verdict = testing::screener().screen("đm mày, đồ óc chó");
  ASSERT_EQ(verdict.spans.size(), 2u);
  EXPECT_EQ(verdict.spans[0].rule, "rude.vi.dm");
  EXPECT_EQ(verdict.spans[0].category, "profanity");
  EXPECT_EQ(verdict.spans[1].category, "insult");
  EXPECT_GT(verdict.spans[1].severity, 0);
  EXPECT_EQ(verdict.labels, std::vector<std::string>{"rude"});
}

}  // namespace
}  // namespace ln::moderation
