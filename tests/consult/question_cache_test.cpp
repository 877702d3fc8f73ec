// The answer path reads a consultation's questions through QuestionCache: the same stored text
// gives the same parsed questions without parsing again, an edited text gives the new questions,
// and a text that does not parse is refused every time, never remembered.
#include "consult/question_cache.h"

#include <gtest/gtest.h>

#include "base/errors.h"
#include "store/consultation_columns.h"

namespace ln {
namespace {

std::vector<Question> parse(const std::string& text) {
  return store::parse_questions(nlohmann::json::parse(text));
}

std::string questions_text(const std::string& option) {
  nlohmann::json q =
      nlohmann::json::array({{{"id", "q_space"},
                              {"type", "single"},
                              {"text", {{"11-13", "Em thích chơi ở đâu?"}}},
                              {"options",
                               {{{"id", option}, {"text", {{"11-13", option}}}},
                                {{"id", "school"}, {"text", {{"11-13", "Sân trường"}}}}}}}});
  return q.dump();
}

TEST(QuestionCache, TheSameTextIsParsedOnceAndAnEditedTextAgain) {
  QuestionCache cache(parse);
  auto first = cache.of(questions_text("park"));
  auto again = cache.of(questions_text("park"));
  EXPECT_EQ(first.get(), again.get()) << "the same text was parsed twice";
  ASSERT_EQ(first->size(), 1u);
  EXPECT_EQ((*first)[0].options[0].id, "park");

  auto edited = cache.of(questions_text("alley"));
  EXPECT_NE(edited.get(), first.get());
  EXPECT_EQ((*edited)[0].options[0].id, "alley");
  EXPECT_EQ((*first)[0].options[0].id, "park") << "a holder's questions changed under it";
}

TEST(QuestionCache, BadTextIsRefusedEveryTime) {
  QuestionCache cache(parse);
  EXPECT_THROW(cache.of(R"([{"id": "q1", "type": "dance"}])"), Invalid);
  EXPECT_THROW(cache.of(R"([{"id": "q1", "type": "dance"}])"), Invalid);
  EXPECT_ANY_THROW(cache.of("not json"));
}

TEST(QuestionCache, StaysWithinItsCapacity) {
  QuestionCache cache(parse, 2);
  auto a = cache.of(questions_text("a"));
  cache.of(questions_text("b"));
  cache.of(questions_text("c"));  // full: the old entries go
  auto a_again = cache.of(questions_text("a"));
  EXPECT_NE(a.get(), a_again.get()) << "more entries were kept than the capacity";
  EXPECT_EQ((*a_again)[0].options[0].id, "a");
  EXPECT_EQ((*a)[0].options[0].id, "a") << "a holder's questions were freed under it";
}

}  // namespace
}  // namespace ln
