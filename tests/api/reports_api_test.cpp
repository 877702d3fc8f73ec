// Events (forums, dialogues) and a unit's six-monthly and yearly reports through the real binary:
// everything the test creates in Phường 15 — children answering online and on paper, ideas
// approved and returned, a Council session, two events, a target — comes back in the report's
// counts (JSON, CSV and the printable page), with groups of fewer than 5 children hidden.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <set>
#include <tuple>

#include "tests/api/harness.h"

namespace ln::test {
namespace {

std::chrono::year_month_day today() {
  return std::chrono::year_month_day(
      std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
}

int this_year() {
  return static_cast<int>(today().year());
}

std::string today_text() {
  auto d = today();
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return out;
}

std::string born_aged(int age) {
  return std::to_string(this_year() - age) + "-01-01";
}

// Any letter a Vietnamese word has and an English one does not (ă, đ, ơ, ư, ạ, ế, …).
bool has_vietnamese_letter(const std::string& utf8) {
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    auto c = static_cast<unsigned char>(utf8[i]);
    if (c >= 0xC3 && c <= 0xC6) return true;  // U+00C0–U+01BF
    if (c == 0xE1 && i + 1 < utf8.size() &&
        (static_cast<unsigned char>(utf8[i + 1]) & 0xFC) == 0xB8)  // U+1E00–U+1EFF
      return true;
  }
  return false;
}

// The page's own words: headings, captions, table headers, the button and the charts' names —
// never the unit's, Councils' or events' names, which are data.
std::vector<std::string> labels_of(const std::string& html) {
  std::vector<std::string> out;
  static const std::regex element("<(h1|h2|th|figcaption|button)[^>]*>([^<]*)<");
  static const std::regex aria("aria-label=\"([^\"]*)\"");
  for (std::sregex_iterator it(html.begin(), html.end(), element), end; it != end; ++it)
    out.push_back((*it)[2]);
  for (std::sregex_iterator it(html.begin(), html.end(), aria), end; it != end; ++it)
    out.push_back((*it)[1]);
  return out;
}

nlohmann::json json_block(const std::string& html, const std::string& id) {
  const std::string opening = "id=\"" + id + "\">";
  auto at = html.find(opening);
  if (at == std::string::npos) return nullptr;
  at += opening.size();
  return nlohmann::json::parse(html.substr(at, html.find("</script>", at) - at));
}

nlohmann::json translation(const std::string& lang) {
  std::ifstream in(std::string(LANGNGHE_SOURCE_DIR) + "/web/i18n/" + lang + ".json");
  return nlohmann::json::parse(in);
}

Headers json_auth(const std::string& token) {
  return {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}};
}

class ReportsApi : public ::testing::Test {
 protected:
  ReportsApi() : server(demo_options()) {
    admin = login(server, "admin");
    moderator = login(server, "moderator");
    auto listed1 = server.get("/api/v1/units?limit=200", bearer(admin)).json()["items"];
    for (const auto& u : listed1)
      if (u["code"] == "HCM-PN-P15") ward15 = u["id"];
    auto listed2 = server.get("/api/v1/schools?limit=200", bearer(admin)).json()["items"];
    for (const auto& s : listed2)
      if (s["code"] == "TH-CL") school = s["id"];
    // The pioneer leader of Tiểu học Cổ Loa (the demo facilitator works at another school).
    EXPECT_EQ(server
                  .post_json("/api/v1/accounts",
                             {{"username", "fac.colo"},
                              {"display_name", "TPT Cổ Loa"},
                              {"role", "facilitator"},
                              {"password", "co-loa-password"},
                              {"unit_ids", {ward15}},
                              {"school_ids", {school}}},
                             bearer(admin))
                  .status,
              201);
    facilitator = login(server, "fac.colo", "co-loa-password");
    auto k = server.post_json(
        "/api/v1/classes",
        {{"school_id", school}, {"name", "5B"}, {"grade", 5}, {"school_year", "2026-2027"}},
        bearer(facilitator));
    join_code = k.json()["join_code"]["code"];
  }

  struct Child {
    std::string token, id;
  };
  Child pupil(const std::string& name, int age) {
    auto joined = server.post_json(
        "/api/v1/pupils/join",
        {{"code", join_code}, {"pseudonym", name}, {"birth_date", born_aged(age)}});
    EXPECT_EQ(joined.status, 201) << joined.body;
    Child c{joined.json()["token"], joined.json()["pupil"]["id"]};
    server.post_json("/api/v1/me/consents", {{"text_version", "2026-11-v1"}}, bearer(c.token));
    server.post_json("/api/v1/pupils/" + c.id + "/consents",
                     {{"kind", "guardian"}, {"slip_number", "R-" + std::to_string(++slips)}},
                     bearer(facilitator));
    return c;
  }

  std::string consultation() {
    nlohmann::json cards = nlohmann::json::object(), text = nlohmann::json::object(),
                   yes = nlohmann::json::object(), no = nlohmann::json::object();
    for (std::string b : {"7-10", "11-13", "14-15"}) {
      cards[b] = {{"why", "Vì sao"}, {"who_reads", "Đoàn phường"}, {"hear_back", "Trước Tết"}};
      text[b] = "Em có thích thư viện không? [" + b + "]";
      yes[b] = "Có";
      no[b] = "Không";
    }
    auto created = server.post_json(
        "/api/v1/consultations",
        {{"title", "Thư viện Phường 15"},
         {"purpose", "Hỏi các em về thư viện"},
         {"owner_unit_id", ward15},
         {"audience_unit_ids", {ward15}},
         {"audience_bands", {"7-10", "11-13", "14-15"}},
         {"opens_at", std::to_string(this_year()) + "-01-01T00:00:00Z"},
         {"closes_at", "2099-01-01T00:00:00Z"},
         {"decision", "Kế hoạch thư viện"},
         {"decision_maker", "UBND Phường 15"},
         {"decision_due", "2099-02-01"},
         {"feedback_due", "2099-03-01"},
         {"info_cards", cards},
         {"questions",
          {{{"id", "q_like"},
            {"type", "single"},
            {"text", text},
            {"options", {{{"id", "yes"}, {"text", yes}}, {{"id", "no"}, {"text", no}}}}}}}},
        bearer(moderator));
    EXPECT_EQ(created.status, 201) << created.body;
    std::string id = created.json()["id"];
    auto published = server.post_json("/api/v1/consultations/" + id + "/publish",
                                      nlohmann::json::object(), bearer(moderator));
    EXPECT_EQ(published.status, 200) << published.body;
    return id;
  }

  HttpResponse report(const std::string& period, const std::string& format,
                      const std::string& token) {
    return server.get("/api/v1/units/" + ward15 + "/reports?period=" + period +
                          (format.empty() ? "" : "&format=" + format),
                      bearer(token));
  }

  // What happened in Phường 15 this year: online, six girls of 11–13 and one boy of 7–10 answered
  // (one of them twice: still one child) and five boys of 14–15 on paper; six ideas, five
  // approved and one returned; a Council that met once; a forum of 3 + 12 children and a school
  // dialogue of 8; a target for the children consulted.
  struct Year {
    std::string consultation, council;
    std::vector<Child> children;
  };
  Year a_year_in_ward15() {
    Year year;
    year.consultation = consultation();
    const std::string& id = year.consultation;
    for (int i = 0; i < 6; ++i) year.children.push_back(pupil("Bạn Gái " + std::to_string(i), 12));
    year.children.push_back(pupil("Bạn Trai", 9));
    for (std::size_t i = 0; i < year.children.size(); ++i) {
      auto r = server.request(
          "POST", "/api/v1/consultations/" + id + "/responses",
          nlohmann::json{{"answers", {{"q_like", "yes"}}}, {"gender", i < 6 ? "girl" : "boy"}}
              .dump(),
          json_auth(year.children[i].token));
      EXPECT_EQ(r.status, 201) << r.body;
    }
    EXPECT_EQ(
        server
            .request("POST", "/api/v1/consultations/" + id + "/responses",
                     nlohmann::json{{"answers", {{"q_like", "no"}}}, {"gender", "girl"}}.dump(),
                     json_auth(year.children[0].token))
            .status,
        201);
    nlohmann::json sheets = nlohmann::json::array();
    for (int i = 0; i < 5; ++i)
      sheets.push_back({{"age_band", "14-15"}, {"gender", "boy"}, {"answers", {{"q_like", "no"}}}});
    auto paper = server.post_json(
        "/api/v1/consultations/" + id + "/paper-batches",
        {{"reference", "P15-01"}, {"unit_id", ward15}, {"sheets", sheets}}, bearer(facilitator));
    EXPECT_EQ(paper.status, 201) << paper.body;

    for (int i = 0; i < 6; ++i) {
      std::string sid =
          server
              .post_json("/api/v1/submissions",
                         {{"kind", "idea"},
                          {"text", "Thư viện nên mở cửa thêm giờ, ý kiến số " + std::to_string(i)}},
                         bearer(year.children[static_cast<std::size_t>(i)].token))
              .json()["id"];
      auto claimed = server.post_json("/api/v1/moderation/items/" + sid + "/claim",
                                      nlohmann::json::object(), bearer(moderator));
      EXPECT_EQ(claimed.status, 200) << claimed.body;
      nlohmann::json decision = {{"decision", i < 5 ? "approve" : "return"},
                                 {"version", claimed.json()["version"]}};
      if (i == 5) decision["reason"] = "unclear";
      auto decided = server.post_json("/api/v1/moderation/items/" + sid + "/decision", decision,
                                      bearer(moderator));
      EXPECT_EQ(decided.status, 200) << decided.body;
    }

    int y = this_year();
    year.council = server
                       .post_json("/api/v1/councils",
                                  {{"unit_id", ward15},
                                   {"name", "Hội đồng trẻ em Phường 15"},
                                   {"term_start", std::to_string(y) + "-01-01"},
                                   {"term_end", std::to_string(y + 1) + "-12-31"},
                                   {"member_cap", 9}},
                                  bearer(moderator))
                       .json()["id"];
    std::string member =
        server
            .post_json("/api/v1/councils/" + year.council + "/members",
                       {{"pupil_id", year.children[1].id}, {"joined_by", "nomination"}},
                       bearer(moderator))
            .json()["member_id"];
    std::string session =
        server
            .post_json("/api/v1/councils/" + year.council + "/sessions",
                       {{"title", "Kỳ họp"}, {"planned_for", today_text()}}, bearer(moderator))
            .json()["id"];
    EXPECT_EQ(server
                  .post_json("/api/v1/council-sessions/" + session + "/held",
                             {{"attendance", {member}}}, bearer(moderator))
                  .status,
              200);

    for (const auto& [kind, participants] : std::vector<std::pair<std::string, nlohmann::json>>{
             {"forum", {{"7-10", 3}, {"11-13", 12}}}, {"school_dialogue", {{"11-13", 8}}}})
      EXPECT_EQ(server
                    .post_json("/api/v1/events",
                               {{"unit_id", ward15},
                                {"kind", kind},
                                {"title", "Sự kiện " + kind},
                                {"held_on", today_text()},
                                {"participants", participants}},
                               bearer(facilitator))
                    .status,
                201);
    EXPECT_EQ(server
                  .post_json("/api/v1/targets",
                             {{"unit_id", ward15},
                              {"kind", "children_consulted"},
                              {"period_start", std::to_string(y - 1) + "-01-01"},
                              {"period_end", std::to_string(y + 1) + "-12-31"},
                              {"target", 100}},
                             bearer(admin))
                  .status,
              201);
    return year;
  }

  // The count of children of this band and gender in a report's children_consulted table.
  static nlohmann::json consulted(const nlohmann::json& report, const std::string& band,
                                  const std::string& gender) {
    const auto& cc = report["children_consulted"];
    std::size_t column = 99;
    for (std::size_t i = 0; i < cc["genders"].size(); ++i)
      if (cc["genders"][i] == gender) column = i;
    for (const auto& row : cc["rows"])
      if (row["age_band"] == band) return row["counts"][column];
    return nullptr;
  }
  static nlohmann::json consulted_total(const nlohmann::json& report, const std::string& band) {
    for (const auto& row : report["children_consulted"]["rows"])
      if (row["age_band"] == band) return row["total"];
    return nullptr;
  }

  Server server;
  std::string admin, moderator, facilitator, ward15, school, join_code;
  int slips = 0;
};

TEST_F(ReportsApi, EventsAreRecordedWithChildrenCountedByAgeBand) {
  nlohmann::json forum = {{"unit_id", ward15},
                          {"kind", "forum"},
                          {"title", "Diễn đàn \"Lắng nghe tiếng nói trẻ em\" Phường 15"},
                          {"held_on", today_text()},
                          {"participants", {{"7-10", 3}, {"11-13", 12}}},
                          {"outcomes", {"Kiến nghị mở thư viện buổi tối"}}};
  auto created = server.post_json("/api/v1/events", forum, bearer(facilitator));
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json()["participants"], 15);
  EXPECT_EQ(created.json()["participants_by_band"]["11-13"], 12);
  EXPECT_EQ(created.json()["outcomes"][0], "Kiến nghị mở thư viện buổi tối");

  auto bad = forum;
  bad["kind"] = "party";
  EXPECT_EQ(server.post_json("/api/v1/events", bad, bearer(facilitator)).status, 400);
  bad = forum;
  bad["participants"] = {{"5-6", 4}};
  EXPECT_EQ(server.post_json("/api/v1/events", bad, bearer(facilitator)).status, 400);
  bad["participants"] = {{"11-13", 0}};
  EXPECT_EQ(server.post_json("/api/v1/events", bad, bearer(facilitator)).status, 400);
  bad = forum;
  bad["held_on"] = "2026-02-30";
  EXPECT_EQ(server.post_json("/api/v1/events", bad, bearer(facilitator)).status, 400);

  auto listed =
      server.get("/api/v1/events?unit_id=" + ward15 + "&year=" + std::to_string(this_year()),
                 bearer(moderator));
  ASSERT_EQ(listed.status, 200) << listed.body;
  ASSERT_EQ(listed.json()["items"].size(), 1u);
  EXPECT_EQ(listed.json()["items"][0]["id"], created.json()["id"]);
  EXPECT_EQ(
      server
          .get("/api/v1/events?unit_id=" + ward15 + "&year=" + std::to_string(this_year() - 1),
               bearer(moderator))
          .json()["items"]
          .size(),
      0u);
  // A facilitator of another ward sees neither the list nor the event.
  std::string ward2;
  auto listed3 = server.get("/api/v1/units?limit=200", bearer(admin)).json()["items"];
  for (const auto& u : listed3)
    if (u["code"] == "HCM-PN-P2") ward2 = u["id"];
  server.post_json("/api/v1/accounts",
                   {{"username", "fac.p2"},
                    {"display_name", "P2"},
                    {"role", "facilitator"},
                    {"password", "ward-two-password"},
                    {"unit_ids", {ward2}},
                    {"school_ids", {school_with_code(server, admin, "THCS-CVL")}}},
                   bearer(admin));
  auto other = login(server, "fac.p2", "ward-two-password");
  EXPECT_EQ(
      server.get("/api/v1/events/" + created.json()["id"].get<std::string>(), bearer(other)).status,
      404);
  EXPECT_EQ(server.get("/api/v1/events?unit_id=" + ward15, bearer(other)).status, 404);
  EXPECT_EQ(server.post_json("/api/v1/events", forum, bearer(other)).status, 400);
}

TEST_F(ReportsApi, TheYearsReportCountsWhatHappenedAndHidesSmallGroups) {
  auto year = a_year_in_ward15();
  int y = this_year();
  auto got = report(std::to_string(y), "", moderator);
  ASSERT_EQ(got.status, 200) << got.body;
  auto r = got.json();
  EXPECT_EQ(r["period"], std::to_string(y));
  const auto& cc = r["children_consulted"];
  EXPECT_EQ(cc["total"], 12);
  EXPECT_EQ(cc["by_channel"]["online"], 7);
  EXPECT_EQ(cc["by_channel"]["paper"], 5);
  EXPECT_EQ(cc["by_channel"]["forum"], 0);
  // Shown, or hidden to protect the one 7–10 boy (complementary suppression, linked to the
  // consultation's own results); never another number.
  for (const auto& [band, g, n] : {std::tuple{"11-13", "girl", 6}, {"14-15", "boy", 5}}) {
    auto v = consulted(r, band, g);
    EXPECT_TRUE(v.is_null() || v == n) << band << "/" << g << " " << v;
  }
  EXPECT_TRUE(consulted(r, "7-10", "boy").is_null());  // one child: hidden
  EXPECT_TRUE(consulted_total(r, "7-10").is_null());
  EXPECT_EQ(r["consultations"]["held"], 1);
  EXPECT_EQ(r["submissions"]["received"], 6);
  EXPECT_EQ(r["submissions"]["approved"], 5);
  EXPECT_TRUE(r["submissions"]["returned"].is_null());  // one: hidden
  EXPECT_EQ(r["submissions"]["rejected"], 0);
  // Not shown while the period runs (a change would tell that a child just disclosed harm).
  EXPECT_TRUE(r["submissions"]["escalated"].is_null());
  EXPECT_EQ(r["councils"]["sessions_held"], 1);
  ASSERT_EQ(r["councils"]["warnings"].size(), 1u);
  EXPECT_EQ(r["councils"]["warnings"][0]["council_id"], year.council);
  EXPECT_EQ(r["events"]["held"], 2);
  EXPECT_EQ(r["events"]["by_kind"]["forum"], 1);
  EXPECT_EQ(r["events"]["by_kind"]["school_dialogue"], 1);
  EXPECT_EQ(r["events"]["by_kind"]["leaders_dialogue"], 0);
  EXPECT_EQ(r["events"]["participants"], 23);
  for (const auto& b : r["events"]["participants_by_band"]) {
    if (b["age_band"] == "7-10") {
      EXPECT_TRUE(b["participants"].is_null());
    }
    if (b["age_band"] == "11-13") {
      EXPECT_EQ(b["participants"], 20);
    }
  }
  ASSERT_EQ(r["targets"].size(), 1u);
  EXPECT_EQ(r["targets"][0]["progress"]["total"], 12);
  // No recommendation of this ward was forwarded: the section says so, it does not guess.
  EXPECT_EQ(r["recommendations"]["forwarded"], 0);
  EXPECT_EQ(r["recommendations"]["answered"], 0);
  EXPECT_TRUE(r["recommendations"]["authorities"].empty());
  // Nothing in a report names a child.
  EXPECT_EQ(got.body.find("Bạn Gái"), std::string::npos);
  EXPECT_EQ(got.body.find(year.children[0].id), std::string::npos);
}

// The half year that holds today counts the same; the other half and last year nothing.
TEST_F(ReportsApi, AReportCountsOnlyWhatHappenedInItsPeriod) {
  a_year_in_ward15();
  int y = this_year();
  bool second_half = static_cast<unsigned>(today().month()) >= 7;
  auto half = report(std::to_string(y) + (second_half ? "-H2" : "-H1"), "json", moderator).json();
  EXPECT_EQ(half["children_consulted"]["total"], 12);
  EXPECT_EQ(half["events"]["held"], 2);
  auto other_half =
      report(std::to_string(y) + (second_half ? "-H1" : "-H2"), "json", moderator).json();
  EXPECT_EQ(other_half["children_consulted"]["total"], 0);
  EXPECT_EQ(other_half["submissions"]["received"], 0);
  EXPECT_EQ(other_half["events"]["held"], 0);
  EXPECT_EQ(report(std::to_string(y - 1), "", moderator).json()["councils"]["sessions_held"], 0);
}

// The CSV (UTF-8 with a BOM) and the printable page (tables, a canvas per chart, scripts only
// from files under a strict CSP, the data in a JSON block that cannot close its element early)
// carry the same counts, hidden ones as a word, never a number.
TEST_F(ReportsApi, TheCsvAndThePrintablePageShowTheSameCountsAndHideTheSameGroups) {
  a_year_in_ward15();
  int y = this_year();
  auto r = report(std::to_string(y), "", moderator).json();
  auto csv = report(std::to_string(y), "csv", moderator);
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.body.find("\"children_consulted\",\"total\",\"\",\"12\""), std::string::npos)
      << csv.body;
  EXPECT_NE(csv.body.find("\"children_consulted\",\"age_band_gender\",\"11-13/girl\",\"" +
                          (consulted(r, "11-13", "girl").is_null() ? std::string("hidden")
                                                                   : std::string("6")) +
                          "\""),
            std::string::npos);
  EXPECT_NE(csv.body.find("\"children_consulted\",\"age_band_gender\",\"7-10/boy\",\"hidden\""),
            std::string::npos);
  EXPECT_NE(csv.body.find("\"report\",\"min_group_size\",\"\",\"5\""), std::string::npos);
  EXPECT_NE(csv.body.find("\"submissions\",\"approved\",\"\",\"5\""), std::string::npos);
  EXPECT_NE(csv.body.find("\"events\",\"participants\",\"\",\"23\""), std::string::npos);
  EXPECT_NE(csv.body.find("Hội đồng trẻ em Phường 15"), std::string::npos);

  auto html = report(std::to_string(y), "html", moderator);
  ASSERT_EQ(html.status, 200);
  EXPECT_EQ(html.header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(html.header("content-security-policy").find("script-src 'self'"), std::string::npos);
  EXPECT_NE(html.body.find("<canvas data-chart=\"children\""), std::string::npos);
  EXPECT_NE(html.body.find("<canvas data-chart=\"participants\""), std::string::npos);
  EXPECT_NE(html.body.find("<script src=\"/vendor/chart.umd.js\" defer></script>"),
            std::string::npos);
  EXPECT_NE(html.body.find("<script src=\"/report.js\" defer></script>"), std::string::npos);
  EXPECT_NE(html.body.find("<script type=\"application/json\" id=\"report-data\">"),
            std::string::npos);
  EXPECT_EQ(html.body.find("style=\""), std::string::npos);
  EXPECT_NE(html.body.find("<td>6</td>"), std::string::npos);
  EXPECT_NE(html.body.find("<td>ẩn</td>"), std::string::npos);
  EXPECT_EQ(html.body.find("&lt;5"), std::string::npos);
  EXPECT_NE(html.body.find("Hội đồng trẻ em Phường 15"), std::string::npos);
  const std::string opening = "id=\"report-data\">";
  auto data_at = html.body.find(opening) + opening.size();
  auto data_end = html.body.find("</script>", data_at);
  auto data = nlohmann::json::parse(html.body.substr(data_at, data_end - data_at));
  EXPECT_EQ(data["children_consulted"]["total"], 12);
  EXPECT_EQ(server.get("/report.js").status, 200);
}

// Bad periods and formats are a 400; officials see nothing; an unknown unit is a 404.
TEST_F(ReportsApi, BadPeriodsAndFormatsAreRefusedAndOfficialsSeeNoReport) {
  int y = this_year();
  for (std::string bad : {"2026-H3", "26", "2026-1", "year", "1999"})
    EXPECT_EQ(report(bad, "", moderator).status, 400) << bad;
  EXPECT_EQ(report(std::to_string(y), "pdf", moderator).status, 400);
  EXPECT_EQ(server.get("/api/v1/units/" + ward15 + "/reports", bearer(moderator)).status, 400);
  EXPECT_EQ(report(std::to_string(y), "", login(server, "official")).status, 403);
  EXPECT_EQ(server.get("/api/v1/units/nope/reports?period=2026", bearer(admin)).status, 404);
}

// What a ward's report counts is what happened to the ward's children: a consultation the
// district runs for them is held in the ward, open and answered; ideas a moderator returned count
// as returned even after the children changed them, sent them again and had them approved.
TEST_F(ReportsApi, ConsultationsOpenToTheUnitAndIdeasReturnedThenResentAreCounted) {
  std::string district;
  auto units = server.get("/api/v1/units?limit=200", bearer(admin)).json()["items"];
  for (const auto& u : units)
    if (u["code"] == "HCM-PN") district = u["id"];
  ASSERT_FALSE(district.empty());
  nlohmann::json cards = nlohmann::json::object(), text = nlohmann::json::object(),
                 yes = nlohmann::json::object(), no = nlohmann::json::object();
  for (std::string b : {"7-10", "11-13", "14-15", "16-17"}) {
    cards[b] = {{"why", "Vì sao"}, {"who_reads", "Đoàn quận"}, {"hear_back", "Trước Tết"}};
    text[b] = "Em có muốn thêm xe buýt đến trường không? [" + b + "]";
    yes[b] = "Có";
    no[b] = "Không";
  }
  auto created = server.post_json(
      "/api/v1/consultations",
      {{"title", "Xe buýt đến trường của quận"},
       {"purpose", "Hỏi các em về đường đến trường"},
       {"owner_unit_id", district},
       {"audience_unit_ids", {ward15}},
       {"audience_bands", {"7-10", "11-13", "14-15", "16-17"}},
       {"opens_at", std::to_string(this_year()) + "-01-01T00:00:00Z"},
       {"closes_at", "2099-01-01T00:00:00Z"},
       {"decision", "Kế hoạch xe buýt"},
       {"decision_maker", "UBND quận"},
       {"decision_due", "2099-02-01"},
       {"feedback_due", "2099-03-01"},
       {"info_cards", cards},
       {"questions",
        {{{"id", "q_bus"},
          {"type", "single"},
          {"text", text},
          {"options", {{{"id", "yes"}, {"text", yes}}, {{"id", "no"}, {"text", no}}}}}}}},
      bearer(moderator));
  ASSERT_EQ(created.status, 201) << created.body;
  std::string id = created.json()["id"];
  ASSERT_EQ(server
                .post_json("/api/v1/consultations/" + id + "/publish", nlohmann::json::object(),
                           bearer(moderator))
                .status,
            200);

  // Five children answer it; each sends an idea that is returned, changed, resent, approved.
  for (int i = 0; i < 5; ++i) {
    Child c = pupil("Bạn Xe Buýt " + std::to_string(i), 12);
    ASSERT_EQ(
        server
            .request("POST", "/api/v1/consultations/" + id + "/responses",
                     nlohmann::json{{"answers", {{"q_bus", "yes"}}}}.dump(), json_auth(c.token))
            .status,
        201);
    std::string sid =
        server
            .post_json("/api/v1/submissions", {{"kind", "idea"}, {"text", "Xe buýt đến trường đi"}},
                       bearer(c.token))
            .json()["id"];
    auto decide = [&](const nlohmann::json& decision) {
      auto claimed = server.post_json("/api/v1/moderation/items/" + sid + "/claim",
                                      nlohmann::json::object(), bearer(moderator));
      ASSERT_EQ(claimed.status, 200) << claimed.body;
      nlohmann::json d = decision;
      d["version"] = claimed.json()["version"];
      auto decided =
          server.post_json("/api/v1/moderation/items/" + sid + "/decision", d, bearer(moderator));
      ASSERT_EQ(decided.status, 200) << decided.body;
    };
    decide({{"decision", "return"}, {"reason", "unclear"}});
    auto mine = server.get("/api/v1/submissions/" + sid, bearer(c.token)).json();
    auto resent =
        server.post_json("/api/v1/submissions/" + sid + "/resend",
                         {{"text", "Em muốn có xe buýt đưa đón học sinh đến trường vào buổi sáng."},
                          {"version", mine["version"]}},
                         bearer(c.token));
    ASSERT_EQ(resent.status, 200) << resent.body;
    decide({{"decision", "approve"}});
  }

  auto r = report(std::to_string(this_year()), "", moderator).json();
  EXPECT_EQ(r["consultations"]["held"], 1) << r["consultations"].dump();
  ASSERT_EQ(r["consultations"]["items"].size(), 1u);
  EXPECT_EQ(r["consultations"]["items"][0]["title"], "Xe buýt đến trường của quận");
  EXPECT_EQ(r["consultations"]["items"][0]["status"], "published");
  EXPECT_EQ(r["submissions"]["received"], 5) << r["submissions"].dump();
  EXPECT_EQ(r["submissions"]["approved"], 5);
  EXPECT_EQ(r["submissions"]["returned"], 5);

  // The printed page says so too.
  auto html = report(std::to_string(this_year()), "html", moderator).body;
  auto vi = translation("vi");
  std::string title = vi["report.consultations.title"];
  title.replace(title.find("{n}"), 3, "1");
  EXPECT_NE(html.find(title), std::string::npos) << title;
  EXPECT_NE(html.find("<td>Xe buýt đến trường của quận</td>"), std::string::npos);
  EXPECT_NE(html.find("<th scope=\"row\">" + vi["report.submission.returned"].get<std::string>() +
                      "</th><td>5</td>"),
            std::string::npos);
}

// A teacher reads the unit's report, watches a child write, reads it again: the count of texts
// routed to safeguarding used to move from 0 to hidden, telling the teacher that this child had
// just disclosed harm. While the period runs it is not shown; once it is over, it is.
TEST_F(ReportsApi, ATextRoutedToSafeguardingDoesNotShowInTheReportWhileItsPeriodRuns) {
  const std::string year = std::to_string(this_year());
  std::vector<Child> children;
  for (int i = 0; i < 5; ++i) children.push_back(pupil("Chim Sẻ " + std::to_string(i), 12));
  auto before = report(year, "", facilitator);
  ASSERT_EQ(before.status, 200) << before.body;
  const std::vector<std::string> told = {
      "Bố em hay đánh em rất đau, em sợ về nhà lắm.", "Mẹ kế đánh em bằng roi mỗi tối, em sợ lắm.",
      "Chú hàng xóm hay sờ vào người em, em không thích.", "Em bị bố đánh rất đau vì làm vỡ bát.",
      "Anh họ đánh em và bảo không được kể với ai."};
  auto tell = [&](std::size_t i) {
    auto sent = server.post_json("/api/v1/submissions", {{"kind", "idea"}, {"text", told[i]}},
                                 bearer(children[i].token));
    EXPECT_EQ(sent.status, 201) << sent.body;
  };
  tell(0);
  for (const auto& token : {facilitator, moderator, admin}) {
    auto after = report(year, "", token);
    ASSERT_EQ(after.status, 200) << after.body;
    EXPECT_EQ(after.json()["submissions"]["escalated"], before.json()["submissions"]["escalated"])
        << "the report tells that a child has just disclosed harm";
    EXPECT_TRUE(after.json()["submissions"]["escalated"].is_null());
    EXPECT_NE(report(year, "csv", token).body.find(R"("submissions","escalated","","hidden")"),
              std::string::npos);
  }
  for (std::size_t i = 1; i < told.size(); ++i) tell(i);

  // The year is over: its report says how many texts went to safeguarding.
  auto now = server.post_json("/__test/clock", {{"advance_seconds", 0}}).json()["now"];
  auto day_of_year = std::stoi(now.get<std::string>().substr(5, 2)) * 31;
  ASSERT_EQ(server.post_json("/__test/clock", {{"advance_seconds", (400 - day_of_year) * 86400LL}})
                .status,
            200);
  auto over = report(year, "", login(server, "fac.colo", "co-loa-password"));
  ASSERT_EQ(over.status, 200) << over.body;
  EXPECT_EQ(over.json()["submissions"]["escalated"], 5) << over.body;
}

TEST_F(ReportsApi, ATitleCannotBreakOutOfThePageOrItsDataBlock) {
  int y = this_year();
  ASSERT_EQ(server
                .post_json("/api/v1/events",
                           {{"unit_id", ward15},
                            {"kind", "leaders_dialogue"},
                            {"title", "</script><script>alert(1)</script> & <b>"},
                            {"held_on", today_text()},
                            {"participants", {{"11-13", 30}}}},
                           bearer(facilitator))
                .status,
            201);
  auto html = report(std::to_string(y), "html", moderator).body;
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_NE(html.find("&lt;/script&gt;&lt;script&gt;alert(1)"), std::string::npos);
  EXPECT_NE(html.find("\\u003c/script\\u003e"), std::string::npos);
}

// ?lang=en gives the same figures with every label in English (the words come from
// web/i18n/en.json); the letterhead, the organisation's name, stays Vietnamese and says so.
TEST_F(ReportsApi, ThePrintablePageSpeaksVietnameseByDefaultAndEnglishOnRequest) {
  int y = this_year();
  ASSERT_EQ(server
                .post_json("/api/v1/events",
                           {{"unit_id", ward15},
                            {"kind", "leaders_dialogue"},
                            {"title", "Lãnh đạo phường gặp gỡ thiếu nhi"},
                            {"held_on", today_text()},
                            {"participants", {{"11-13", 30}, {"7-10", 3}}}},
                           bearer(facilitator))
                .status,
            201);
  auto page = [&](const std::string& lang) {
    return server.get("/api/v1/units/" + ward15 + "/reports?period=" + std::to_string(y) +
                          "&format=html" + (lang.empty() ? "" : "&lang=" + lang),
                      bearer(moderator));
  };
  auto vi = page(""), en = page("en"), vi_asked = page("vi");
  ASSERT_EQ(vi.status, 200);
  ASSERT_EQ(en.status, 200);
  ASSERT_EQ(vi_asked.status, 200);

  // Vietnamese: the same sections and figures as before, now without English halves.
  EXPECT_NE(vi.body.find("<html lang=\"vi\">"), std::string::npos);
  for (const char* words :
       {"Báo cáo năm " /* + year */, "1. Trẻ em được lấy ý kiến", "Theo độ tuổi và giới",
        "<th scope=\"col\">Độ tuổi</th>", "3. Ý kiến của trẻ em", "Theo kết quả kiểm duyệt",
        "5. Diễn đàn và đối thoại: 1", "Lãnh đạo gặp gỡ thiếu nhi", "Nhóm dưới 5 em được ẩn",
        "6. Tiến độ so với chỉ tiêu", "Đoàn TNCS Hồ Chí Minh — Phường 15"})
    EXPECT_NE(vi.body.find(words), std::string::npos) << words;
  EXPECT_EQ(vi.body.find("By age band and gender"), std::string::npos);
  EXPECT_EQ(vi.body.find("Children consulted"), std::string::npos);
  EXPECT_NE(vi.body.find("<td>ẩn</td>"), std::string::npos);
  EXPECT_NE(vi_asked.body.find("<html lang=\"vi\">"), std::string::npos);
  EXPECT_NE(vi_asked.body.find("Theo độ tuổi và giới"), std::string::npos);

  // English: the labels are English, the data (names, titles) as written, "hidden" explained.
  EXPECT_NE(en.body.find("<html lang=\"en\">"), std::string::npos);
  for (const char* words :
       {"<h1>Yearly report ", "1. Children consulted", "<figcaption>By age band and gender",
        "<th scope=\"col\">Age band</th>", "3. Children&#39;s submissions", "By moderation outcome",
        "5. Forums and dialogues: 1", "Leaders meet pupils",
        "Groups of fewer than 5 children are hidden, and so is any other count",
        "6. Progress against targets", ">Print the report</button>",
        "<p class=\"org\" lang=\"vi\">Đoàn TNCS Hồ Chí Minh — Phường 15</p>",
        "Lãnh đạo phường gặp gỡ thiếu nhi"})
    EXPECT_NE(en.body.find(words), std::string::npos) << words;
  EXPECT_NE(en.body.find("<td>hidden</td>"), std::string::npos);
  auto labels = labels_of(en.body);
  EXPECT_GT(labels.size(), 30u);
  std::set<std::string> vietnamese;
  auto vi_words = translation("vi"), en_words = translation("en");
  for (const auto& [key, text] : vi_words.items())
    if (key.starts_with("report.") && key != "report.letterhead" && text != en_words[key])
      vietnamese.insert(text.get<std::string>());
  EXPECT_GT(vietnamese.size(), 40u);
  for (const auto& label : labels) {
    EXPECT_FALSE(has_vietnamese_letter(label)) << "a Vietnamese label left: " << label;
    EXPECT_EQ(vietnamese.count(label), 0u) << label;
  }
  for (const auto& label : labels_of(vi.body))
    EXPECT_EQ(label.find("Children"), std::string::npos) << label;
  // Every word the page asks for exists: none shows as its key.
  for (const auto* body : {&en.body, &vi.body}) {
    EXPECT_EQ(body->find(">report."), std::string::npos);
    EXPECT_EQ(body->find("=\"report."), std::string::npos);
  }

  // The charts are labelled from the page's words, in the page's language; the figures are the
  // same in both.
  EXPECT_EQ(json_block(en.body, "report-words")["report.gender.girl"], "Girls");
  EXPECT_EQ(json_block(vi.body, "report-words")["report.gender.girl"], "Nữ");
  auto en_data = json_block(en.body, "report-data"), vi_data = json_block(vi.body, "report-data");
  EXPECT_EQ(en_data["events"], vi_data["events"]);
  EXPECT_EQ(en_data["events"]["participants_by_band"][0]["participants"], nullptr);

  // An unknown language is a bad query value, like an unknown format.
  for (std::string bad : {"xx", "EN", "", "en-GB"}) {
    auto r = server.get("/api/v1/units/" + ward15 + "/reports?period=" + std::to_string(y) +
                            "&format=html&lang=" + bad,
                        bearer(moderator));
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_EQ(r.json()["error"]["code"], "invalid") << bad;
    EXPECT_EQ(r.json()["error"]["field"], "lang") << bad;
  }
  EXPECT_EQ(report(std::to_string(y) + "&lang=fr", "json", moderator).status, 400);
}

// Children's agree / disagree counts on an answer: on the recommendation, on the public tracker,
// in the report's JSON, CSV and printed page, a count of fewer children than the threshold is
// hidden everywhere — and no total gives it away.
TEST_F(ReportsApi, AgreeAndDisagreeCountsShowOnlyForEnoughChildren) {
  std::string official = login(server, "official2");
  std::string education;
  const auto authorities = server.get("/api/v1/authorities?limit=200", bearer(admin)).json();
  for (const auto& a : authorities["items"])
    if (a["code"] == "PGDDT-PN") education = a["id"];
  ASSERT_FALSE(education.empty());
  // Six children of Phường 15 each send an idea the Youth Union approves.
  std::vector<Child> children;
  std::vector<std::string> ideas;
  for (int i = 0; i < 6; ++i) {
    children.push_back(pupil("Bạn Sân Chơi " + std::to_string(i), 12));
    auto sent = server.post_json(
        "/api/v1/submissions",
        {{"kind", "idea"},
         {"text", "Trường em cần thêm sân chơi có mái che số " + std::to_string(i)}},
        bearer(children.back().token));
    ASSERT_EQ(sent.status, 201) << sent.body;
    std::string sid = sent.json()["id"];
    auto claimed = server.post_json("/api/v1/moderation/items/" + sid + "/claim",
                                    nlohmann::json::object(), bearer(moderator));
    ASSERT_EQ(claimed.status, 200) << claimed.body;
    ASSERT_EQ(server
                  .post_json("/api/v1/moderation/items/" + sid + "/decision",
                             {{"decision", "approve"}, {"version", claimed.json()["version"]}},
                             bearer(moderator))
                  .status,
              200);
    ideas.push_back(sid);
  }
  // Compiled, forwarded to the district education office, answered and reported back.
  auto created = server.post_json("/api/v1/recommendations",
                                  {{"title", "Sân chơi có mái che"},
                                   {"text", "Các em đề nghị làm mái che cho sân chơi."},
                                   {"unit_id", ward15},
                                   {"submission_ids", ideas}},
                                  bearer(moderator));
  ASSERT_EQ(created.status, 201) << created.body;
  std::string rec = created.json()["id"];
  const std::string base = "/api/v1/recommendations/" + rec;
  ASSERT_EQ(server
                .post_json(base + "/forward",
                           {{"authority_id", education},
                            {"dispatch_number", "7/ĐTN-KN"},
                            {"dispatch_date", vietnam_today()}},
                           bearer(moderator))
                .status,
            200);
  ASSERT_EQ(
      server.post_json(base + "/acknowledge", nlohmann::json::object(), bearer(official)).status,
      200);
  ASSERT_EQ(server.post_json(base + "/answer", {{"decision", "accepted"}}, bearer(official)).status,
            200);
  nlohmann::json feedback = {{"bands",
                              {{"all",
                                {{"you_said", "Sân chơi nắng quá."},
                                 {"we_did", "Phòng Giáo dục sẽ làm mái che."},
                                 {"why", "Để các em chơi được cả khi nắng."},
                                 {"what_next", "Mái che xong trước hè."}}}}}};
  ASSERT_EQ(server.post_json(base + "/feedback", feedback, bearer(moderator)).status, 200);
  ASSERT_EQ(
      server.post_json(base + "/report-back", nlohmann::json::object(), bearer(moderator)).status,
      200);

  // Before any child says anything: zeros are shown as zeros.
  auto counts = server.get(base, bearer(moderator)).json()["reactions"];
  EXPECT_EQ(counts["agree"], 0) << counts.dump();
  EXPECT_EQ(counts["disagree"], 0);
  EXPECT_EQ(counts["min_group_size"], 5);

  // Five agree, one disagrees; a second reaction of the same child is refused and not counted.
  for (int i = 0; i < 5; ++i)
    ASSERT_EQ(server.post_json(base + "/reactions", {{"kind", "agree"}}, bearer(children[i].token))
                  .status,
              201);
  ASSERT_EQ(server.post_json(base + "/reactions", {{"kind", "disagree"}}, bearer(children[5].token))
                .status,
            201);
  auto again =
      server.post_json(base + "/reactions", {{"kind", "disagree"}}, bearer(children[0].token));
  EXPECT_EQ(again.status / 100, 4) << again.body;

  // On the recommendation (Youth Union and the official alike): 5 shown, the lone one hidden.
  for (const auto* token : {&moderator, &official}) {
    counts = server.get(base, bearer(*token)).json()["reactions"];
    EXPECT_EQ(counts["agree"], 5) << counts.dump();
    EXPECT_TRUE(counts["disagree"].is_null()) << counts.dump();
    EXPECT_EQ(counts["question"], 0) << counts.dump();
  }
  // On the public tracker, the same.
  auto tracker = server.get("/api/v1/public/units/" + ward15 + "/tracker").json();
  nlohmann::json published;
  for (const auto& x : tracker["recommendations"])
    if (x["id"] == rec) published = x["reactions"];
  EXPECT_EQ(published["agree"], 5) << tracker.dump();
  EXPECT_TRUE(published.contains("disagree") && published["disagree"].is_null())
      << published.dump();
  EXPECT_FALSE(published.contains("question"));

  // In the report: per recommendation and in total, the lone disagreement stays hidden.
  auto r = report(vietnam_today().substr(0, 4), "", moderator).json()["recommendations"];
  EXPECT_EQ(r["reactions"]["agree"], 5) << r.dump();
  EXPECT_TRUE(r["reactions"]["disagree"].is_null()) << r.dump();
  ASSERT_EQ(r["reactions"]["items"].size(), 1u) << r.dump();
  EXPECT_EQ(r["reactions"]["items"][0]["title"], "Sân chơi có mái che");
  EXPECT_EQ(r["reactions"]["items"][0]["agree"], 5);
  EXPECT_TRUE(r["reactions"]["items"][0]["disagree"].is_null());
  auto csv = report(vietnam_today().substr(0, 4), "csv", moderator).body;
  EXPECT_NE(csv.find(R"("recommendations","children_agreed","Sân chơi có mái che","5")"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find(R"("recommendations","children_disagreed","Sân chơi có mái che","hidden")"),
            std::string::npos);
  EXPECT_NE(csv.find(R"("recommendations","children_disagreed","","hidden")"), std::string::npos);
  auto html = report(vietnam_today().substr(0, 4), "html", moderator).body;
  auto vi = translation("vi");
  const std::string hidden = vi["report.hidden"];
  EXPECT_NE(html.find("<tr><th scope=\"row\">Sân chơi có mái che</th><td>5</td><td>" + hidden +
                      "</td></tr>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find(vi["report.recommendations.reactions"].get<std::string>()),
            std::string::npos);
}

}  // namespace
}  // namespace ln::test
