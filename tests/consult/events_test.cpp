// Events where children are heard in person, on a real SQLite database: what a forum keeps (its
// kind, the children present by age band, what it produced), the counts a facilitator must give,
// whose unit it is, and the audit entry it leaves.
#include "consult/events.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "base/errors.h"
#include "store/open_storage.h"

namespace ln {
namespace {
namespace fs = std::filesystem;

Principal facilitator_of(const std::string& unit_id) {
  Principal p;
  p.id = "acc_f_" + unit_id;
  p.role = Role::kFacilitator;
  p.unit_ids = {unit_id};
  return p;
}

class EventsTest : public ::testing::Test {
 protected:
  EventsTest()
      : dir_(fs::temp_directory_path() / ("ln-events-" + std::to_string(::getpid()))),
        storage_(store::open_storage("sqlite:" + (dir_ / "db").string(), nullptr)),
        audit_(storage_->audit(), clock_),
        organisation_(*storage_, clock_, audit_, settings_),
        events_(*storage_, clock_, audit_, organisation_) {
    const std::string at = clock_.now_text();
    storage_->organisation().insert_units(
        {{"u_ward", std::nullopt, "ward", "Phường 9", "P9", std::nullopt, std::nullopt, at},
         {"u_other", std::nullopt, "ward", "Phường 10", "P10", std::nullopt, std::nullopt, at}});
  }
  ~EventsTest() override {
    storage_.reset();
    fs::remove_all(dir_);
  }

  EventInput forum(const std::string& held_on) {
    return {"u_ward",
            EventKind::kForum,
            "Diễn đàn trẻ em phường 9",
            held_on,
            {{"7-10", 18}, {"11-13", 34}},
            {"Mở cửa sân trường cuối tuần", "Thêm đèn trong hẻm"},
            std::nullopt};
  }

  fs::path dir_;
  SystemClock clock_;
  Settings settings_;
  std::unique_ptr<Storage> storage_;
  AuditLog audit_;
  Organisation organisation_;
  Events events_;
  Principal facilitator_ = facilitator_of("u_ward");
};

TEST_F(EventsTest, AForumKeepsItsChildrenByAgeBandAndWhatItProduced) {
  const auto recorded = events_.record(facilitator_, forum("2026-05-10"));
  const auto stored = events_.get(facilitator_, recorded.id);
  EXPECT_EQ(stored.kind, EventKind::kForum);
  EXPECT_EQ(stored.participants, 52);
  EXPECT_EQ(stored.participants_by_band,
            (std::map<std::string, std::int64_t>{{"11-13", 34}, {"7-10", 18}}));
  EXPECT_EQ(stored.outcomes,
            (std::vector<std::string>{"Mở cửa sân trường cuối tuần", "Thêm đèn trong hẻm"}));
  EXPECT_EQ(stored.unit_id, "u_ward");
  EXPECT_EQ(stored.created_by, facilitator_.id);
}

TEST_F(EventsTest, EachKindIsKeptAsRecorded) {
  for (const auto kind : kEventKinds) {
    auto input = forum("2026-05-10");
    input.kind = kind;
    EXPECT_EQ(events_.get(facilitator_, events_.record(facilitator_, input).id).kind, kind);
  }
}

TEST_F(EventsTest, AnEventIsAuditedWithItsKindAndChildrenPresent) {
  const auto e = events_.record(facilitator_, forum("2026-05-10"));
  const auto entries = audit_.list(0, 100);
  ASSERT_FALSE(entries.empty());
  const auto& entry = entries.back();
  EXPECT_EQ(entry.action, "event.record");
  EXPECT_EQ(entry.object_id, e.id);
  EXPECT_EQ(entry.details, (AuditDetails{{"kind", "forum"}, {"participants", 52}}));
}

TEST_F(EventsTest, NoChildrenOrAnUnknownAgeBandIsRefusedAndNothingIsKept) {
  auto none = forum("2026-05-10");
  none.participants = {{"7-10", 0}};
  EXPECT_THROW(events_.record(facilitator_, none), Invalid);
  auto unknown = forum("2026-05-10");
  unknown.participants = {{"5-6", 3}};
  EXPECT_THROW(events_.record(facilitator_, unknown), Invalid);
  auto too_many = forum("2026-05-10");
  too_many.participants = {{"7-10", 100001}};
  EXPECT_THROW(events_.record(facilitator_, too_many), Invalid);
  EXPECT_TRUE(events_.list(facilitator_, "u_ward", "2000-01-01", "2101-01-01").empty());
}

TEST_F(EventsTest, AnotherUnitsEventCanBeNeitherRecordedNorRead) {
  const Principal other = facilitator_of("u_other");
  EXPECT_THROW(events_.record(other, forum("2026-05-10")), Invalid);
  const auto e = events_.record(facilitator_, forum("2026-05-10"));
  EXPECT_THROW(events_.get(other, e.id), NotFound);
  EXPECT_THROW(events_.list(other, "u_ward", "2000-01-01", "2101-01-01"), NotFound);
}

TEST_F(EventsTest, AListHoldsTheDaysAskedInDayOrder) {
  const auto late = events_.record(facilitator_, forum("2026-11-20"));
  const auto early = events_.record(facilitator_, forum("2026-03-01"));
  events_.record(facilitator_, forum("2027-01-05"));
  const auto listed = events_.list(facilitator_, "u_ward", "2026-01-01", "2027-01-01");
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].id, early.id);
  EXPECT_EQ(listed[1].id, late.id);
}

}  // namespace
}  // namespace ln
