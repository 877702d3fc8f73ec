// Units, schools, authorities (admins), classes and join codes (facilitators in their units),
// and CSV imports that report every bad line and import nothing when any line is bad.
#include <gtest/gtest.h>

#include "tests/api/harness.h"

namespace ln::test {
namespace {

Headers json_auth(const std::string& token) {
  return {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}};
}
Headers csv_auth(const std::string& token) {
  return {{"Authorization", "Bearer " + token}, {"Content-Type", "text/csv"}};
}

nlohmann::json find_by(const Server& s, const std::string& path, const std::string& token,
                       const std::string& key, const std::string& value) {
  auto items = s.get(path + "?limit=200", bearer(token)).json()["items"];
  for (const auto& item : items)
    if (item[key] == value) return item;
  return nullptr;
}

class Organisation : public ::testing::Test {
 protected:
  Organisation() : server(demo_options()), admin(login(server, "admin")) {}
  Server server;
  std::string admin;
};

TEST_F(Organisation, UnitsFormATreeAndKeepTheirIdsWhenRenamedOrMerged) {
  auto district = find_by(server, "/api/v1/units", admin, "code", "HCM-PN");
  ASSERT_FALSE(district.is_null());
  auto a = server.post_json("/api/v1/units",
                            {{"parent_id", district["id"]},
                             {"kind", "ward"},
                             {"name", "Phường 7"},
                             {"code", "HCM-PN-P7"}},
                            bearer(admin));
  ASSERT_EQ(a.status, 201) << a.body;
  auto b = server.post_json("/api/v1/units",
                            {{"parent_id", district["id"]}, {"kind", "ward"}, {"name", "Phường 8"}},
                            bearer(admin));
  ASSERT_EQ(b.status, 201);
  std::string a_id = a.json()["id"], b_id = b.json()["id"];

  auto renamed = server.request("PATCH", "/api/v1/units/" + a_id, R"({"name":"Phường Đức Nhuận"})",
                                json_auth(admin));
  EXPECT_EQ(renamed.status, 200);
  EXPECT_EQ(renamed.json()["name"], "Phường Đức Nhuận");
  EXPECT_EQ(renamed.json()["id"], a_id);

  auto school = server.post_json("/api/v1/schools",
                                 {{"unit_id", b_id}, {"name", "Trường THCS Mới"}}, bearer(admin));
  ASSERT_EQ(school.status, 201);
  auto merged =
      server.post_json("/api/v1/units/" + b_id + "/merge", {{"into", a_id}}, bearer(admin));
  ASSERT_EQ(merged.status, 200) << merged.body;
  EXPECT_EQ(merged.json()["merged_into"], a_id);
  EXPECT_FALSE(merged.json()["retired_at"].is_null());
  // The merged ward still answers by its id, and its school moved.
  EXPECT_EQ(server.get("/api/v1/units/" + b_id, bearer(admin)).json()["name"], "Phường 8");
  EXPECT_EQ(server.get("/api/v1/schools/" + school.json()["id"].get<std::string>(), bearer(admin))
                .json()["unit_id"],
            a_id);
  EXPECT_EQ(
      server.post_json("/api/v1/units/" + b_id + "/merge", {{"into", a_id}}, bearer(admin)).status,
      409);
  EXPECT_EQ(
      server.post_json("/api/v1/units/" + a_id + "/merge", {{"into", a_id}}, bearer(admin)).status,
      400);
  EXPECT_EQ(
      server
          .post_json("/api/v1/units/" + a_id + "/merge", {{"into", district["id"]}}, bearer(admin))
          .status,
      400);
}

TEST_F(Organisation, BadUnitInput) {
  auto h = bearer(admin);
  EXPECT_EQ(server.post_json("/api/v1/units", {{"kind", "ward"}, {"name", "Orphan"}}, h).status,
            400);
  EXPECT_EQ(server.post_json("/api/v1/units", {{"kind", "galaxy"}, {"name", "X"}}, h).status, 400);
  EXPECT_EQ(server.post_json("/api/v1/units", {{"kind", "province"}, {"name", ""}}, h).status, 400);
  EXPECT_EQ(
      server.post_json("/api/v1/units", {{"kind", "province"}, {"name", "X"}, {"code", "HCM"}}, h)
          .status,
      400);
  EXPECT_EQ(server.post_json("/api/v1/units", {{"kind", "province"}, {"name", 5}}, h).status, 400);
  EXPECT_EQ(server
                .post_json("/api/v1/units",
                           {{"kind", "district"}, {"name", "X"}, {"parent_id", "unt_nope"}}, h)
                .status,
            400);
  EXPECT_EQ(server.get("/api/v1/units/unt_nope", h).status, 404);
  EXPECT_EQ(server.get("/api/v1/units?limit=0", h).status, 400);
  EXPECT_EQ(server.get("/api/v1/units?limit=abc", h).status, 400);
  EXPECT_EQ(
      server.request("PATCH", "/api/v1/units/unt_nope", R"({"name":"x"})", json_auth(admin)).status,
      404);
}

TEST_F(Organisation, UnitListsArePaginated) {
  auto first = server.get("/api/v1/units?limit=2", bearer(admin)).json();
  ASSERT_EQ(first["items"].size(), 2u);
  ASSERT_TRUE(first["next"].is_string());
  auto second =
      server.get("/api/v1/units?limit=2&after=" + first["next"].get<std::string>(), bearer(admin))
          .json();
  ASSERT_FALSE(second["items"].empty());
  EXPECT_NE(second["items"][0]["id"], first["items"][0]["id"]);
  EXPECT_NE(second["items"][0]["id"], first["items"][1]["id"]);
}

TEST_F(Organisation, CsvImportOfThousandsOfRows) {
  std::string csv = "code,name,kind,parent_code\nDN,Thành phố Đà Nẵng,province,\n";
  for (int i = 1; i <= 3000; ++i)
    csv += "DN-W" + std::to_string(i) + ",\"Phường " + std::to_string(i) + ", Đà Nẵng\",ward,DN\n";
  auto r = server.request("POST", "/api/v1/units/import", csv, csv_auth(admin));
  ASSERT_EQ(r.status, 201) << r.body.substr(0, 500);
  EXPECT_EQ(r.json()["imported"], 3001);
  std::string city_id = r.json()["ids"][0];  // in file order
  EXPECT_EQ(server.get("/api/v1/units/" + city_id, bearer(admin)).json()["name"],
            "Thành phố Đà Nẵng");
  auto children = server.get("/api/v1/units?limit=200&parent_id=" + city_id, bearer(admin)).json();
  EXPECT_EQ(children["items"].size(), 200u);
  EXPECT_EQ(children["items"][0]["kind"], "ward");
}

TEST_F(Organisation, CsvImportReportsEveryBadLineAndImportsNothing) {
  std::string csv =
      "code,name,kind,parent_code\n"
      "Q1,Tỉnh Quảng Một,province,\n"
      "Q1-A,Phường A,ward,Q1\n"
      "Q1-B,,ward,Q1\n"                 // line 4: no name
      "Q1-C,Phường C,hamlet,Q1\n"       // line 5: bad kind
      "Q1-D,Phường D,ward,NOPE\n"       // line 6: unknown parent
      "Q1-A,Phường A again,ward,Q1\n";  // line 7: duplicate code
  auto r = server.request("POST", "/api/v1/units/import", csv, csv_auth(admin));
  ASSERT_EQ(r.status, 422) << r.body;
  auto problems = r.json()["error"]["problems"];
  std::vector<std::string> lines;
  for (const auto& p : problems) lines.push_back(p["field"]);
  EXPECT_EQ(lines, (std::vector<std::string>{"line 4", "line 5", "line 6", "line 7"}));
  EXPECT_TRUE(find_by(server, "/api/v1/units", admin, "code", "Q1").is_null());
  EXPECT_TRUE(find_by(server, "/api/v1/units", admin, "code", "Q1-A").is_null());

  EXPECT_EQ(
      server.request("POST", "/api/v1/units/import", "code,name\nX,Y\n", csv_auth(admin)).status,
      422);
  EXPECT_EQ(server.request("POST", "/api/v1/units/import", csv, json_auth(admin)).status, 415);
  auto not_utf8 =
      server.request("POST", "/api/v1/units/import",
                     "code,name,kind,parent_code\nA,\"\xff\",province,\n", csv_auth(admin));
  EXPECT_EQ(not_utf8.status, 400);
  EXPECT_EQ(not_utf8.error_code(), "invalid_utf8");
  EXPECT_TRUE(find_by(server, "/api/v1/units", admin, "code", "A").is_null());
}

TEST_F(Organisation, SchoolAndAuthorityImports) {
  auto schools = server.request("POST", "/api/v1/schools/import",
                                "code,name,unit_code\nS1,Trường Tiểu học Lê Văn Tám,HCM-PN-P2\n"
                                "S2,Trường THCS Ba,HCM-PN-P9\n",
                                csv_auth(admin));
  ASSERT_EQ(schools.status, 201) << schools.body;
  EXPECT_EQ(schools.json()["imported"], 2);
  auto bad = server.request("POST", "/api/v1/schools/import",
                            "code,name,unit_code\nS3,Trường,NOPE\n", csv_auth(admin));
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json()["error"]["problems"][0]["field"], "line 2");

  auto authorities =
      server.request("POST", "/api/v1/authorities/import",
                     "code,name,kind,unit_code,served_unit_codes,due_days\n"
                     "YT-PN,Trung tâm Y tế quận Phú Nhuận,health,HCM-PN,HCM-PN-P2;HCM-PN-P9,20\n",
                     csv_auth(admin));
  ASSERT_EQ(authorities.status, 201) << authorities.body;
  auto health = find_by(server, "/api/v1/authorities", admin, "code", "YT-PN");
  EXPECT_EQ(health["due_days"], 20);
  EXPECT_EQ(health["served_unit_ids"].size(), 2u);
  auto bad_days = server.request(
      "POST", "/api/v1/authorities/import",
      "code,name,kind,unit_code,served_unit_codes,due_days\nX,X,x,HCM,,900\n", csv_auth(admin));
  EXPECT_EQ(bad_days.status, 422);
}

TEST_F(Organisation, AuthoritiesCarryTheirDueDays) {
  auto city = find_by(server, "/api/v1/units", admin, "code", "HCM");
  auto created = server.post_json("/api/v1/authorities",
                                  {{"name", "Thành đoàn TP.HCM"},
                                   {"kind", "youth_union"},
                                   {"unit_id", city["id"]},
                                   {"due_days", 15}},
                                  bearer(admin));
  ASSERT_EQ(created.status, 201) << created.body;
  std::string id = created.json()["id"];
  EXPECT_EQ(created.json()["served_unit_ids"], nlohmann::json::array({city["id"]}));
  auto patched = server.request("PATCH", "/api/v1/authorities/" + id,
                                R"({"due_days":45,"retired":true})", json_auth(admin));
  EXPECT_EQ(patched.json()["due_days"], 45);
  EXPECT_FALSE(patched.json()["retired_at"].is_null());
  EXPECT_EQ(
      server.request("PATCH", "/api/v1/authorities/" + id, R"({"due_days":0})", json_auth(admin))
          .status,
      400);
  EXPECT_EQ(
      server
          .request("PATCH", "/api/v1/authorities/" + id, R"({"due_days":"ten"})", json_auth(admin))
          .status,
      400);
}

TEST_F(Organisation, FacilitatorsManageClassesOnlyInTheirUnits) {
  auto facilitator = login(server, "facilitator");  // THCS Đào Duy Anh, ward 9
  auto dda = find_by(server, "/api/v1/schools", admin, "code", "THCS-DDA");  // ward 9
  auto cvl = find_by(server, "/api/v1/schools", admin, "code", "THCS-CVL");  // ward 2
  auto created = server.post_json(
      "/api/v1/classes",
      {{"school_id", dda["id"]}, {"name", "7B"}, {"grade", 7}, {"school_year", "2026-2027"}},
      bearer(facilitator));
  ASSERT_EQ(created.status, 201) << created.body;
  auto k = created.json();
  EXPECT_EQ(k["join_code"]["code"].get<std::string>().size(), 8u);
  EXPECT_EQ(server
                .post_json("/api/v1/classes",
                           {{"school_id", cvl["id"]},
                            {"name", "7C"},
                            {"grade", 7},
                            {"school_year", "2026-2027"}},
                           bearer(facilitator))
                .status,
            400);
  EXPECT_EQ(server
                .post_json("/api/v1/classes",
                           {{"school_id", dda["id"]},
                            {"name", "7D"},
                            {"grade", 13},
                            {"school_year", "2026-2027"}},
                           bearer(facilitator))
                .status,
            400);
  EXPECT_EQ(server
                .post_json("/api/v1/classes",
                           {{"school_id", dda["id"]},
                            {"name", "7D"},
                            {"grade", "7"},
                            {"school_year", "2026-2027"}},
                           bearer(facilitator))
                .status,
            400);

  // A class in ward 2 (made by the admin in the demo) is invisible to this facilitator.
  auto all = server.get("/api/v1/classes?limit=200", bearer(admin)).json()["items"];
  std::string class_8b;
  for (const auto& c : all)
    if (c["name"] == "8B") class_8b = c["id"];
  ASSERT_FALSE(class_8b.empty());
  EXPECT_EQ(server.get("/api/v1/classes/" + class_8b, bearer(facilitator)).status, 404);
  EXPECT_EQ(server
                .post_json("/api/v1/classes/" + class_8b + "/join-codes", nlohmann::json::object(),
                           bearer(facilitator))
                .status,
            404);
  auto mine = server.get("/api/v1/classes?limit=200", bearer(facilitator)).json()["items"];
  // Only their own school's classes: not 8B of ward 2, nor 4C of another school in the demo.
  for (const auto& c : mine) EXPECT_EQ(c["school_id"], dda["id"]) << c["name"];
  EXPECT_EQ(mine.size() + 2, all.size());
}

TEST_F(Organisation, JoinCodesExpireAndCanBeRevoked) {
  auto facilitator = login(server, "facilitator");
  auto dda = find_by(server, "/api/v1/schools", admin, "code", "THCS-DDA");
  auto k = server
               .post_json("/api/v1/classes",
                          {{"school_id", dda["id"]},
                           {"name", "9A"},
                           {"grade", 9},
                           {"school_year", "2026-2027"}},
                          bearer(facilitator))
               .json();
  std::string class_id = k["id"], code = k["join_code"]["code"];
  auto join = [&](const std::string& c, const std::string& name) {
    return server.post_json("/api/v1/pupils/join",
                            {{"code", c}, {"pseudonym", name}, {"birth_date", "2012-03-04"}});
  };
  EXPECT_EQ(join(code, "Hươu Xanh").status, 201);

  auto second = server.post_json("/api/v1/classes/" + class_id + "/join-codes",
                                 nlohmann::json::object(), bearer(facilitator));
  ASSERT_EQ(second.status, 201);
  std::string code2 = second.json()["code"];
  EXPECT_EQ(server
                .request("DELETE", "/api/v1/classes/" + class_id + "/join-codes/" + code2, "",
                         bearer(facilitator))
                .status,
            204);
  auto revoked = join(code2, "Hươu Đỏ");
  EXPECT_EQ(revoked.status, 400);
  EXPECT_EQ(revoked.error_code(), "join_code_revoked");

  server.post_json("/__test/clock", {{"advance_seconds", 15 * 24 * 3600}});
  auto expired = join(code, "Hươu Tím");
  EXPECT_EQ(expired.status, 400);
  EXPECT_EQ(expired.error_code(), "join_code_expired");
  auto codes =
      server
          .get("/api/v1/classes/" + class_id + "/join-codes", bearer(login(server, "facilitator")))
          .json();
  EXPECT_EQ(codes["items"].size(), 2u);
}

}  // namespace
}  // namespace ln::test
