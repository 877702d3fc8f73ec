// Rules of recommendations that no HTTP route reaches yet: adoption by a Council vote (the
// Council's sessions call Recommendations::adopt_from_council), on a real SQLite database.
#include "consult/recommendations.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "consult/errors.h"
#include "store/open_storage.h"

namespace ln {
namespace {
namespace fs = std::filesystem;

class CouncilAdoption : public ::testing::Test {
 protected:
  CouncilAdoption()
      : dir_(fs::temp_directory_path() / ("ln-rec-" + std::to_string(::getpid()))),
        storage_(store::open_storage("sqlite:" + (dir_ / "db").string(), nullptr)),
        audit_(storage_->audit(), clock_),
        organisation_(*storage_, clock_, audit_, settings_),
        recommendations_(*storage_, clock_, audit_, organisation_, calendar_,
                         [](const std::string&) {
                           return ScreenedText{};
                         }) {
    storage_->organisation().insert_units({{"u_ward", std::nullopt, "ward", "Phường 9", "P9",
                                            std::nullopt, std::nullopt, clock_.now_text()}});
  }
  ~CouncilAdoption() override {
    storage_.reset();
    fs::remove_all(dir_);
  }

  fs::path dir_;
  SystemClock clock_;
  Settings settings_;
  WorkingCalendar calendar_;
  std::unique_ptr<Storage> storage_;
  AuditLog audit_;
  Organisation organisation_;
  Recommendations recommendations_;
};

TEST_F(CouncilAdoption, AVoteCreatesADraftThatNamesItsSession) {
  auto r = recommendations_.adopt_from_council(
      {"account", "acc_chair"}, {"Thêm giờ thể thao",
                                 "Hội đồng trẻ em đề nghị thêm một buổi thể thao mỗi tuần.",
                                 "u_ward",
                                 "Thể thao",
                                 "cs_1",
                                 {}});
  auto stored = storage_->recommendations().recommendation(r.id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->origin, "council");
  EXPECT_EQ(stored->council_session_id, "cs_1");
  EXPECT_EQ(stored->status, "draft");
  auto history = nlohmann::json::parse(stored->history_json);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0]["action"], "adopted_by_council");
  EXPECT_EQ(history[0]["by"], "acc_chair");
  auto audit = audit_.list(0, 100);
  ASSERT_FALSE(audit.empty());
  EXPECT_EQ(audit.back().action, "recommendation.adopt");
}

TEST_F(CouncilAdoption, ASessionAndAKnownUnitAreRequired) {
  EXPECT_THROW(recommendations_.adopt_from_council(
                   {"account", "acc_chair"},
                   {"Thêm giờ thể thao", "Một buổi thể thao nữa mỗi tuần.", "u_ward", {}, "", {}}),
               Invalid);
  EXPECT_THROW(
      recommendations_.adopt_from_council(
          {"account", "acc_chair"},
          {"Thêm giờ thể thao", "Một buổi thể thao nữa mỗi tuần.", "u_none", {}, "cs_1", {}}),
      Invalid);
  // Submissions that were never approved cannot ride along with a vote either.
  EXPECT_THROW(recommendations_.adopt_from_council({"account", "acc_chair"},
                                                   {"Thêm giờ thể thao",
                                                    "Một buổi thể thao nữa mỗi tuần.",
                                                    "u_ward",
                                                    {},
                                                    "cs_1",
                                                    {"sub_missing"}}),
               Invalid);
}

}  // namespace
}  // namespace ln
