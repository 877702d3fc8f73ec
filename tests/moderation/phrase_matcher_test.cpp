#include "moderation/phrase_matcher.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace ln::moderation {
namespace {

std::vector<std::tuple<std::size_t, std::size_t, std::uint32_t>> all(const PhraseMatcher& m,
                                                                     std::u32string_view text,
                                                                     bool whole_words) {
  std::vector<std::tuple<std::size_t, std::size_t, std::uint32_t>> out;
  for (const auto& match : m.find_all(text, whole_words)) {
    out.emplace_back(match.begin, match.end, match.id);
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(PhraseMatcher, FindsOverlappingPhrasesInOnePass) {
  PhraseMatcher m;
  m.add(U"he", 1);
  m.add(U"she", 2);
  m.add(U"his", 3);
  m.add(U"hers", 4);
  m.finish();
  using T = std::tuple<std::size_t, std::size_t, std::uint32_t>;
  EXPECT_EQ(all(m, U"ushers", false), (std::vector<T>{{1, 4, 2}, {2, 4, 1}, {2, 6, 4}}));
  EXPECT_TRUE(all(m, U"", false).empty());
}

TEST(PhraseMatcher, PresentNamesEachPhraseOnceWhereverItOccurs) {
  PhraseMatcher m;
  m.add(U"he", 0);
  m.add(U"she", 1);
  m.add(U"hers", 2);
  m.add(U"xyz", 3);
  m.finish();
  // "she" holds "he"; both are present, inside words too, each named once however often.
  EXPECT_EQ(m.present(U"ushers and she and he", 4), (std::vector<std::uint32_t>{0, 1, 2}));
  EXPECT_EQ(m.present(U"nothing here matches x y z", 4), (std::vector<std::uint32_t>{0}));  // "here"
  EXPECT_TRUE(m.present(U"", 4).empty());
  EXPECT_THROW(m.present(U"xyz", 3), std::out_of_range);
}

TEST(PhraseMatcher, WholeWordsRespectBoundaries) {
  PhraseMatcher m;
  m.add(U"ass", 1);
  m.add(U"cc", 2);
  m.add(U"óc chó", 3);
  m.finish();
  EXPECT_TRUE(all(m, U"class accent", true).empty());
  EXPECT_EQ(all(m, U"an ass, cc!", true).size(), 2u);
  EXPECT_EQ(all(m, U"đồ óc chó", true).size(), 1u);
  EXPECT_EQ(all(m, U"class", false).size(), 1u);
}

TEST(PhraseMatcher, WorksOnNonLatinAndSharedPrefixes) {
  PhraseMatcher m;
  m.add(U"đánh", 1);
  m.add(U"đánh em", 2);
  m.add(U"😀😀", 3);
  m.add(U"", 4);  // ignored
  m.finish();
  EXPECT_EQ(m.size(), 3u);
  EXPECT_EQ(all(m, U"bố đánh em 😀😀😀", true).size(), 4u);  // đánh, đánh em, 😀😀 twice
}

// A matcher of more than 32,768 nodes keeps 32-bit states, a smaller one 16-bit states: both find
// exactly what a naive search finds (every occurrence, and each phrase present once).
TEST(PhraseMatcher, SmallAndLargeMatchersFindWhatANaiveSearchFinds) {
  std::mt19937 random(19);
  auto word = [&](std::size_t length) {
    std::u32string w;
    for (std::size_t i = 0; i < length; ++i) w.push_back(U"abcdeđêô "[random() % 9]);
    return w;
  };
  for (const std::size_t phrases : {300u, 8000u}) {
    std::vector<std::u32string> added;
    PhraseMatcher m;
    for (std::uint32_t id = 0; id < phrases; ++id) {
      added.push_back(word(4 + random() % 9));
      m.add(added.back(), id);
    }
    m.finish();
    EXPECT_EQ(m.state_bytes(), phrases < 1000 ? 2u : 4u);
    for (int round = 0; round < 20; ++round) {
      const std::u32string text = word(400);
      std::vector<std::tuple<std::size_t, std::size_t, std::uint32_t>> expected;
      std::vector<std::uint32_t> present;
      for (std::uint32_t id = 0; id < phrases; ++id) {
        const std::u32string& phrase = added[id];
        bool found = false;
        for (std::size_t at = text.find(phrase); at != std::u32string::npos;
             at = text.find(phrase, at + 1)) {
          expected.emplace_back(at, at + phrase.size(), id);
          found = true;
        }
        if (found) present.push_back(id);
      }
      std::sort(expected.begin(), expected.end());
      EXPECT_EQ(all(m, text, false), expected) << phrases << " phrases, round " << round;
      EXPECT_EQ(m.present(text, static_cast<std::uint32_t>(phrases)), present);
    }
  }
}

TEST(PhraseMatcher, RefusesMisuse) {
  PhraseMatcher m;
  m.add(U"a", 1);
  EXPECT_THROW(m.find_all(U"a", false), std::logic_error);
  m.finish();
  EXPECT_THROW(m.add(U"b", 2), std::logic_error);
}

TEST(PhraseMatcher, LinearOnRepetitiveInput) {
  PhraseMatcher m;
  m.add(std::u32string(50, U'a') + U"b", 1);
  m.add(U"aa", 2);
  m.finish();
  const std::u32string text(200000, U'a');
  EXPECT_EQ(m.find_all(text, false).size(), text.size() - 1);
}

}  // namespace
}  // namespace ln::moderation
