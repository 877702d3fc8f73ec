#include "base/csv.h"

#include <gtest/gtest.h>

#include "base/errors.h"

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

// What a spreadsheet would run as a formula is written as text; everything else is kept as is.
TEST(Csv, AnExportedCellNeverStartsAFormula) {
  EXPECT_EQ(csv_field("=HYPERLINK(\"http://x\",\"y\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
  EXPECT_EQ(csv_field("+1+2"), "\"'+1+2\"");
  EXPECT_EQ(csv_field("-2+3"), "\"'-2+3\"");
  EXPECT_EQ(csv_field("@SUM(A1)"), "\"'@SUM(A1)\"");
  EXPECT_EQ(csv_field("\t=1"), "\"'\t=1\"");
  EXPECT_EQ(csv_field("\r=1"), "\"'\r=1\"");
  EXPECT_EQ(csv_field("Mèo = Xanh"), "\"Mèo = Xanh\"");
  EXPECT_EQ(csv_field(""), "\"\"");
  EXPECT_EQ(csv_field("12"), "\"12\"");
}

}  // namespace
}  // namespace ln
