#include "consult/csv.h"

#include <gtest/gtest.h>

#include "consult/errors.h"

namespace ln {
namespace {

TEST(Csv, ReadsQuotedFieldsBomAndCrlf) {
  auto t = parse_csv(
      "\xEF\xBB\xBF"
      "code,name\r\nP1,\"Phường 1, cũ\"\r\nP2,\"Nói \"\"to\"\"\"\r\n",
      {"code", "name"});
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].fields.at("name"), "Phường 1, cũ");
  EXPECT_EQ(t.rows[0].line, 2);
  EXPECT_EQ(t.rows[1].fields.at("name"), "Nói \"to\"");
}

TEST(Csv, KeepsLineNumbersAcrossMultilineFields) {
  auto t = parse_csv("code,name\nA,\"two\nlines\"\nB,x\n", {"code"});
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[1].line, 4);
}

TEST(Csv, ReportsEveryBadLineAtOnce) {
  try {
    parse_csv("code,name\nA,1\nB\nC,3,extra\nD,4\n", {"code", "name"});
    FAIL();
  } catch (const Unprocessable& e) {
    ASSERT_EQ(e.problems().size(), 2u);
    EXPECT_EQ(e.problems()[0].field, "line 3");
    EXPECT_EQ(e.problems()[1].field, "line 4");
  }
}

TEST(Csv, MissingColumnAndUnclosedQuote) {
  EXPECT_THROW(parse_csv("code\nA\n", {"code", "name"}), Unprocessable);
  EXPECT_THROW(parse_csv("code,name\nA,\"open\n", {"code", "name"}), Unprocessable);
  EXPECT_THROW(parse_csv("", {"code"}), Unprocessable);
}

TEST(Csv, SkipsBlankLines) {
  auto t = parse_csv("code\n\nA\n\n", {"code"});
  EXPECT_EQ(t.rows.size(), 1u);
}

}  // namespace
}  // namespace ln
