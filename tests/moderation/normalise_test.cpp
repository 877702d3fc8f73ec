#include "moderation/normalise.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "moderation/squeeze.h"
#include "tests/moderation/test_support.h"

namespace ln::moderation {
namespace {

std::string folded(std::string_view text) {
  return to_utf8(normalise(text)->folded.chars);
}
std::string plain(std::string_view text) {
  return to_utf8(normalise(text)->plain.chars);
}
std::string squeezed(std::string_view text) {
  return to_utf8(normalise(text)->squeezed_plain.front().chars);
}

TEST(Normalise, RejectsInvalidUtf8) {
  EXPECT_FALSE(normalise("abc\xff").has_value());
  EXPECT_FALSE(normalise("\xc3").has_value());          // truncated
  EXPECT_FALSE(normalise("\xc0\xaf").has_value());      // overlong "/"
  EXPECT_FALSE(normalise("\xed\xa0\x80").has_value());  // a surrogate
  EXPECT_TRUE(normalise("").has_value());
  EXPECT_TRUE(is_valid_utf8("Tiếng Việt 😀"));
  EXPECT_FALSE(is_valid_utf8("\xe1\xba"));
}

TEST(Normalise, ComposesCaseFoldsAndCollapsesSpaces) {
  // "Hồ" written with combining marks composes to the same folded text as the precomposed form.
  EXPECT_EQ(folded("Ho\u0302\u0300 Gươm"), folded("Hồ Gươm"));
  EXPECT_EQ(folded("HỒ   GƯƠM\t"), "hồ gươm ");
  EXPECT_EQ(plain("Đường Hồ Gươm"), "duong ho guom");
}

TEST(Normalise, RemovesInvisibleCharactersAndMapsLookAlikes) {
  EXPECT_EQ(folded("d\u200bm\u00ad"), "dm");       // zero-width space, soft hyphen
  EXPECT_EQ(folded("a\u0007b"), "ab");             // control character
  EXPECT_EQ(folded("\u0430\u0441\u0435"), "ace");  // Cyrillic а с е
  EXPECT_EQ(folded("\u03BF\u03BA"), "ok");         // Greek ο κ
  EXPECT_EQ(folded("ＦＵＣＫ ０９"), "fuck 09");   // full-width forms
  EXPECT_EQ(folded("I\u2019m"), "i'm");
}

TEST(Normalise, SqueezedViewUndoesSpacingLeetAndRepeats) {
  EXPECT_EQ(squeezed("đ.m"), "dm");
  EXPECT_EQ(squeezed("d m"), "dm");
  EXPECT_EQ(squeezed("dmmm"), "dm");
  EXPECT_EQ(squeezed("đ m m"), "dm");
  EXPECT_EQ(squeezed("n-g-u"), "ngu");
  EXPECT_EQ(squeezed("sh1t"), "shit");
  EXPECT_EQ(squeezed("f@ck"), "fack");
  EXPECT_EQ(squeezed("$h17"), "shit");
  // Words are not glued together, and numbers stay numbers.
  EXPECT_EQ(squeezed("học bài 2024"), "hoc bai 2024");
  // "1" reads as "i" in one squeezed view and as "l" in another.
  const auto one = normalise("l1on");
  ASSERT_EQ(one->squeezed_plain.size(), 2u);
  EXPECT_EQ(to_utf8(one->squeezed_plain[0].chars), "lion");
  EXPECT_EQ(to_utf8(one->squeezed_plain[1].chars), "lon");
}

TEST(Normalise, StripsDiacriticsOfLexiconForms) {
  EXPECT_EQ(to_utf8(strip_diacritics(fold("Đéo"))), "deo");
  EXPECT_EQ(to_utf8(strip_diacritics(fold("cặc"))), "cac");
  EXPECT_EQ(strip_diacritics_utf8("bố (?:đánh|tát)"), "bo (?:danh|tat)");
  EXPECT_EQ(to_utf8(squeeze(U"dmm")), "dm");
}

TEST(Normalise, EveryViewMapsBackToTheOriginal) {
  // "Bố" with a combining acute, an emoji, then "đ.m".
  const std::string text = "Bo\u0302\u0301 😀 đ.m";
  auto t = normalise(text);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->original.size(), 10u);
  const View& p = t->plain;
  ASSERT_EQ(to_utf8(p.chars), "bo 😀 d.m");
  EXPECT_EQ(p.original(0, 2), (Range{0, 4}));  // "bố" covers B, o and both marks
  EXPECT_EQ(p.original(3, 4), (Range{5, 6}));  // the emoji
  const View& s = t->squeezed_plain.front();
  ASSERT_EQ(to_utf8(s.chars), "bo 😀 dm");
  EXPECT_EQ(s.original(5, 7), (Range{7, 10}));
  EXPECT_EQ(t->byte(7), text.find("đ"));
}

// The plain view's squeezed views of a text with diacritics are made from the folded view's
// (mapped, letters collapsed again): they must be what squeezing the plain view gives.
TEST(Normalise, SqueezedPlainViewsAreThoseOfThePlainView) {
  std::vector<std::string> texts = {
      "ồo",    "à a",   "ôô ô",   "Đ.đ",     "bố ố mẹ", "ố1ô",  "a ồ o",
      "đ-d d", "ơ ơ ơ", "ngủ đi", "tớ  ờ o", "ò0o",     "ê3e!", "Bố đánh em. Em sợ",
  };
  // And many short mixes of letters that lose their marks, separators, leetspeak and a
  // combining mark, from a fixed seed.
  const std::vector<std::string> pieces = {"ồ", "o", "ô", "ộ", "a", "à", "đ", "d", " ", ".", "-",
                                           "1", "0", "@", "e", "ê", "\u0301", "x", "!", "  "};
  std::mt19937 random(19);
  for (int i = 0; i < 4000; ++i) {
    std::string text;
    const auto length = 1 + random() % 10;
    for (std::size_t k = 0; k < length; ++k) text += pieces[random() % pieces.size()];
    texts.push_back(text);
  }
  std::size_t with_diacritics = 0;
  for (const std::string& text : texts) {
    SCOPED_TRACE(text);
    auto t = normalise(text);
    ASSERT_TRUE(t);
    if (t->plain.chars != t->folded.chars) ++with_diacritics;
    const std::vector<View> expected = squeeze_all(t->plain);
    ASSERT_EQ(t->squeezed_plain.size(), expected.size());
    for (std::size_t v = 0; v < expected.size(); ++v) {
      EXPECT_EQ(to_utf8(t->squeezed_plain[v].chars), to_utf8(expected[v].chars));
      EXPECT_EQ(t->squeezed_plain[v].from, expected[v].from);
      EXPECT_EQ(t->squeezed_plain[v].to, expected[v].to);
      EXPECT_EQ(t->squeezed_plain[v].changed, expected[v].changed);
    }
  }
  EXPECT_GT(with_diacritics, texts.size() / 2);
}

TEST(Normalise, WidenTakesInTrailingMarks) {
  // "u" + dot below + grave: NFC composes only one mark with "u"; a span on "u" still covers both.
  const std::string text = "đu\u0323\u0300 x";
  auto t = normalise(text);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->widen(Range{0, 2}), (Range{0, 4}));
  EXPECT_TRUE(t->has_diacritics(Range{0, 1}));
  EXPECT_FALSE(t->has_diacritics(Range{5, 6}));
}

}  // namespace
}  // namespace ln::moderation
