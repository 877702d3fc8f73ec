#include "consult/questions.h"

#include <gtest/gtest.h>

#include <set>

#include "store/consultation_columns.h"

namespace ln {
namespace {

using store::parse_questions;

// Answers as a request sends them (question id → value; null is a skip).
Answers answers(const nlohmann::json& sent) {
  Answers out;
  for (const auto& [id, v] : sent.items())
    if (!v.is_null()) out[id] = store::answer_of(v);
  return out;
}

nlohmann::json wording(const std::string& text) {
  return {{"7-10", text + " (7-10)"}, {"11-13", text + " (11-13)"}};
}

nlohmann::json good_questions() {
  return nlohmann::json::array({
      {{"id", "q1"},
       {"type", "single"},
       {"text", wording("Chọn một")},
       {"options", {{{"id", "a"}, {"text", wording("A")}}, {{"id", "b"}, {"text", wording("B")}}}}},
      {{"id", "q2"},
       {"type", "multiple"},
       {"max_choices", 2},
       {"text", wording("Chọn nhiều")},
       {"options",
        {{{"id", "a"}, {"text", wording("A")}},
         {{"id", "b"}, {"text", wording("B")}},
         {{"id", "c"}, {"text", wording("C")}}}}},
      {{"id", "q3"},
       {"type", "scale"},
       {"text", wording("Thang")},
       {"scale_labels",
        {{"7-10", {"1", "2", "3", "4", "5"}}, {"11-13", {"1", "2", "3", "4", "5"}}}},
       {"faces", {"😟", "🙁", "😐", "🙂", "😄"}}},
      {{"id", "q4"}, {"type", "yes_no"}, {"text", wording("Có không")}},
      {{"id", "q5"},
       {"type", "ranking"},
       {"rank_count", 2},
       {"text", wording("Xếp hạng")},
       {"options",
        {{{"id", "x"}, {"text", wording("X")}},
         {{"id", "y"}, {"text", wording("Y")}},
         {{"id", "z"}, {"text", wording("Z")}}}}},
      {{"id", "q6"}, {"type", "text"}, {"max_length", 100}, {"text", wording("Viết")}},
  });
}

const std::vector<std::string> kBands = {"7-10", "11-13"};

TEST(Questions, AGoodSetHasNoProblems) {
  auto qs = parse_questions(good_questions());
  EXPECT_TRUE(question_problems(qs, kBands).empty());
}

TEST(Questions, PublishingListsEveryProblemAtOnce) {
  auto json = good_questions();
  json[0]["text"].erase("11-13");               // a missing question wording
  json[1]["options"][2]["text"].erase("7-10");  // a missing option wording
  json[1]["max_choices"] = 5;                   // more than the options
  json[2]["faces"] = nlohmann::json::array();   // no faces for the youngest
  json[4]["rank_count"] = 0;
  auto problems = question_problems(parse_questions(json), kBands);
  std::set<std::string> fields;
  for (const auto& p : problems) fields.insert(p.field);
  EXPECT_TRUE(fields.count("questions[0].text.11-13"));
  EXPECT_TRUE(fields.count("questions[1].options[2].text.7-10"));
  EXPECT_TRUE(fields.count("questions[1].max_choices"));
  EXPECT_TRUE(fields.count("questions[2].faces"));
  EXPECT_TRUE(fields.count("questions[4].rank_count"));
  EXPECT_EQ(problems.size(), 5u);
}

TEST(Questions, TheYoungestBandHasAQuestionCap) {
  auto json = nlohmann::json::array();
  for (int i = 0; i < 11; ++i)
    json.push_back({{"id", "q" + std::to_string(i)}, {"type", "yes_no"}, {"text", wording("?")}});
  auto problems = question_problems(parse_questions(json), {"7-10"});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].message.find("10"), std::string::npos);
  EXPECT_TRUE(question_problems(parse_questions(json), {"11-13"}).empty());
}

TEST(Questions, BadShapesAreRefusedWhileParsing) {
  EXPECT_THROW(parse_questions(nlohmann::json::object()), Invalid);
  EXPECT_THROW(parse_questions(nlohmann::json::array({{{"id", "q1"}, {"type", "essay"}}})),
               Invalid);
  EXPECT_THROW(parse_questions(nlohmann::json::array({{{"id", "q 1"}, {"type", "text"}}})),
               Invalid);
  EXPECT_THROW(parse_questions(nlohmann::json::array(
                   {{{"id", "q1"}, {"type", "text"}}, {{"id", "q1"}, {"type", "text"}}})),
               Invalid);
  EXPECT_THROW(parse_questions(nlohmann::json::array(
                   {{{"id", "q1"}, {"type", "text"}, {"text", {{"5-6", "x"}}}}})),
               Invalid);
  EXPECT_THROW(
      parse_questions(nlohmann::json::array({{{"id", "q1"}, {"type", "text"}, {"colour", "red"}}})),
      Invalid);
}

TEST(Questions, AnswersAreCheckedAgainstTheirQuestions) {
  auto qs = parse_questions(good_questions());
  auto ok = check_answers(qs, answers({{"q1", "a"},
                                       {"q2", {"a", "c"}},
                                       {"q3", 4},
                                       {"q4", true},
                                       {"q5", {"z", "x"}},
                                       {"q6", "Cần thêm cây xanh"}}));
  EXPECT_EQ(ok.texts.size(), 1u);
  std::set<std::pair<std::string, std::string>> keys(ok.keys.begin(), ok.keys.end());
  EXPECT_TRUE(keys.count({"q5", "z@1"}));
  EXPECT_TRUE(keys.count({"q5", "x@2"}));
  EXPECT_TRUE(keys.count({"q3", "4"}));
  EXPECT_TRUE(keys.count({"q4", "yes"}));
  // Skips: absent or null.
  EXPECT_TRUE(check_answers(qs, answers({{"q1", nullptr}})).keys.empty());
  EXPECT_TRUE(check_answers(qs, answers(nlohmann::json::object())).keys.empty());

  try {
    check_answers(qs, answers({{"q1", "nope"},
                               {"q2", {"a", "b", "c"}},
                               {"q3", 6},
                               {"q4", "yes"},
                               {"q5", {"x", "x"}},
                               {"q6", std::string(101, 'a')},
                               {"q9", 1}}));
    FAIL();
  } catch (const Unprocessable& e) {
    std::set<std::string> fields;
    for (const auto& p : e.problems()) fields.insert(p.field);
    EXPECT_EQ(fields, (std::set<std::string>{"answers.q1", "answers.q2", "answers.q3", "answers.q4",
                                             "answers.q5", "answers.q6", "answers.q9"}));
  }
  // A value of no answer's kind (a fraction, a list of numbers) gets its question's own words.
  try {
    check_answers(qs, answers({{"q3", 2.5}, {"q2", {1, 2}}}));
    FAIL();
  } catch (const Unprocessable& e) {
    ASSERT_EQ(e.problems().size(), 2u);
    EXPECT_EQ(e.problems()[0].message, "An option is not one of this question's.");
    EXPECT_EQ(e.problems()[1].message, "Choose a point from 1 to 5.");
  }
}

TEST(Questions, StructureIgnoresWordingButNotMeaning) {
  auto a = good_questions();
  auto b = a;
  b[0]["text"]["7-10"] = "Chọn một cái (sửa lỗi chính tả)";
  EXPECT_TRUE(same_structure(parse_questions(a), parse_questions(b)));
  b[0]["options"][1]["id"] = "c";
  EXPECT_FALSE(same_structure(parse_questions(a), parse_questions(b)));
}

TEST(Questions, EachBandSeesOnlyItsWording) {
  auto qs = parse_questions(good_questions());
  auto young = question_for_band(qs[2], "7-10");
  EXPECT_EQ(young.text, "Thang (7-10)");
  ASSERT_TRUE(young.faces);
  EXPECT_EQ(young.faces->size(), 5u);
  auto older = question_for_band(qs[2], "11-13");
  EXPECT_FALSE(older.faces);
  ASSERT_TRUE(question_for_band(qs[0], "11-13").options);
  EXPECT_EQ((*question_for_band(qs[0], "11-13").options)[0].text, "A (11-13)");
  // A yes/no question brings its own two options, with a thumb for the youngest.
  auto yes_no = question_for_band(qs[3], "7-10");
  ASSERT_TRUE(yes_no.options);
  EXPECT_EQ((*yes_no.options)[0].text, "Có 👍");
}

TEST(Questions, AnAnswerReadsBackInTheWordsTheChildSaw) {
  auto qs = parse_questions(good_questions());
  EXPECT_EQ(answer_in_words(qs[0], std::string("b"), "11-13"),
            AnswerValue(std::string("B (11-13)")));
  EXPECT_EQ(answer_in_words(qs[4], std::vector<std::string>{"z", "x"}, "7-10"),
            AnswerValue(std::vector<std::string>{"Z (7-10)", "X (7-10)"}));
  EXPECT_EQ(answer_in_words(qs[2], std::int64_t{5}, "11-13"), AnswerValue(std::string("5")));
  EXPECT_EQ(answer_in_words(qs[3], false, "11-13"), AnswerValue(std::string("Không")));
  // An answer that no longer fits (an option since removed) is given back as stored.
  EXPECT_EQ(answer_in_words(qs[0], std::string("gone"), "7-10"), AnswerValue(std::string("gone")));
}

TEST(Questions, EveryTypeHasOneWordThatReadsBack) {
  std::set<std::string_view> words;
  for (auto type : question_types()) {
    EXPECT_TRUE(words.insert(word(type)).second) << word(type);
    EXPECT_EQ(question_type(word(type)), type);
  }
  EXPECT_EQ(words.size(), 6u);
  EXPECT_FALSE(question_type("essay"));
}

TEST(Questions, StoredQuestionsReadBackAsTheyWereWritten) {
  auto qs = parse_questions(good_questions());
  EXPECT_EQ(store::questions_json(qs), good_questions());
  EXPECT_EQ(*store::questions_from_column(store::questions_column(qs)), qs);
}

}  // namespace
}  // namespace ln
