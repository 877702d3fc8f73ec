// PatternSet tells a detector which of its patterns can match a text: every pattern that matches
// must be among the candidates, whether the literal prefilter or an RE2 set decides for it.
#include "moderation/pattern.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "moderation/normalise.h"

namespace ln::moderation {
namespace {

Utf8View view(const std::string& text) {
  return normalise(text)->plain_utf8;
}

bool has(const std::vector<std::size_t>& v, std::size_t i) {
  return std::find(v.begin(), v.end(), i) != v.end();
}

TEST(PatternSet, EveryMatchingPatternIsACandidateAndMostOthersAreNot) {
  PatternSet set;
  const std::vector<std::string> sources = {
      R"(\b(?:bo|ba|cha) (?:danh|dap) (?:em|con)\b)",  // 0: words the prefilter can look for
      R"(\bkhong muon song nua\b)",                    // 1
      R"(\b0\d{9}\b)",                                 // 2: no literal of two bytes: a set decides
      R"([a-z]+@[a-z]+\.[a-z]{2,})",                   // 3: only "@" and "." — a set decides
      R"(\bbi (?:bat nat|danh) (?:hoai|suot)\b)",      // 4
  };
  for (const auto& s : sources) set.add(s, "test");
  set.finish();
  const std::vector<std::pair<std::string, std::vector<std::size_t>>> cases = {
      {"Bố đánh em mỗi tối", {0}},
      {"em không muốn sống nữa", {1}},
      {"gọi 0912345678 nhé", {2}},
      {"thư nam@abc.vn", {3}},
      {"ở trường em bị bắt nạt suốt, bố đánh con", {0, 4}},
      {"Em muốn có thêm sân bóng cho thiếu nhi", {}},
  };
  for (const auto& [text, matching] : cases) {
    const auto candidates = set.candidates(view(text));
    for (std::size_t i : matching) EXPECT_TRUE(has(candidates, i)) << text << " / pattern " << i;
    EXPECT_TRUE(std::is_sorted(candidates.begin(), candidates.end())) << text;
    // Patterns whose words are absent are ruled out, not merely run and found wanting.
    if (matching.empty()) {
      EXPECT_TRUE(candidates.empty()) << text;
    }
  }
  EXPECT_FALSE(has(set.candidates(view("em không muốn sống nữa")), 0));
  EXPECT_FALSE(has(set.candidates(view("em không muốn sống nữa")), 4));
}

// Rules written as alternatives of word pairs ("danh … em" or "chui … bo") need a word of each
// pair: a text holding one word of each alternative satisfies neither and is ruled out, while
// every text that matches stays a candidate, however the words are spread.
TEST(PatternSet, AlternativesOfWordPairsNeedBothWordsOfOnePair) {
  PatternSet set;
  set.add(R"(\bdanh\s+(?:\S+\s+){0,2}?em\b|\bchui\s+(?:\S+\s+){0,2}?bo\b)", "test");
  set.add(R"(\b(?:bo|ba) (?:danh|dap|tat)\b)", "test");
  set.finish();
  const std::vector<std::pair<std::string, std::vector<std::size_t>>> cases = {
      {"hôm qua nó đánh cả em", {0}},
      {"nó chửi cả bố", {0}},
      {"bố đánh", {1}},
      {"ba tát em mỗi tối", {1}},
      {"nó đánh bố", {}},  // "danh" of one pair, "bo" of the other: the first rule cannot match
      {"chửi em", {}},
  };
  for (const auto& [text, matching] : cases) {
    const auto candidates = set.candidates(view(text));
    for (std::size_t i : matching) EXPECT_TRUE(has(candidates, i)) << text << " / pattern " << i;
    EXPECT_FALSE(has(candidates, 0) && !has(matching, 0)) << text << ": rule 0 not ruled out";
  }
}

// A pattern made of common words that also needs a character most texts lack (a digit, "/",
// "@" or a spoken "a còng") is ruled out by a text without that character, however many of its
// words the text holds; a text that matches keeps it.
TEST(PatternSet, APatternThatNeedsACharacterIsNoCandidateWithoutIt) {
  PatternSet set;
  set.add(R"(\b(?:em|minh) o (?:so|duong) \d{1,4}\b)", "test");         // 0: a digit
  set.add(R"(\b[a-z]+\.(?:com|vn)/[a-z]+)", "test");                     // 1: "." and "/"
  set.add(R"(\b[a-z]+(?:@|\s+(?:acong|a cong)\s+)[a-z]+\.(?:com|vn)\b)", "test");  // 2
  set.finish();
  const std::vector<std::pair<std::string, std::vector<std::size_t>>> cases = {
      {"em ở số 12 phố Huế", {0}},
      {"em ở đường 3 tháng 2", {0}},
      {"em ở số nhà gần đường lớn, minh ở đường Láng", {}},
      {"xem ở abc.vn/tin nhé", {1}},
      {"abc.vn là trang hay, có tin com", {}},
      {"thư lan a còng gmail.com", {2}},
      {"thư lan@gmail.com", {2}},
      {"lan gmail.com là của em", {}},
  };
  for (const auto& [text, matching] : cases) {
    const auto candidates = set.candidates(view(text));
    for (std::size_t i : matching) EXPECT_TRUE(has(candidates, i)) << text << " / pattern " << i;
    for (std::size_t i = 0; i < set.size(); ++i) {
      EXPECT_EQ(has(candidates, i), has(matching, i)) << text << " / pattern " << i;
    }
  }
}

TEST(PatternSet, AnEmptySetHasNoCandidates) {
  PatternSet set;
  set.finish();
  EXPECT_TRUE(set.candidates(view("bất cứ gì")).empty());
}

TEST(PatternSet, ABadPatternNamesWhereItCameFrom) {
  PatternSet set;
  try {
    set.add("(unclosed", "disclosure.tsv:7");
    FAIL() << "a bad pattern was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("disclosure.tsv:7"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace ln::moderation
