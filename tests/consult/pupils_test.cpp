// The rules of a child's consent and data rights as children, guardians and administrators rely
// on them, checked on the domain directly over a real SQLite database: withdrawing consent stops a
// child from taking part and cannot be undone by consenting again; a data request goes open →
// acknowledged → done | refused and a closed one never reopens (409); completing a deletion
// request deletes the child; a guardian code asks once for each kind of request.
#include "consult/pupils.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>

#include "base/errors.h"
#include "consult/consent_text.h"
#include "consult/policy.h"
#include "store/open_storage.h"
#include "tests/consult/error_code.h"

namespace ln {
namespace {
namespace fs = std::filesystem;
using namespace std::chrono;

Principal facilitator() {
  Principal p;
  p.kind = Principal::Kind::kAccount;
  p.id = "acc_fac";
  p.role = Role::kFacilitator;
  p.name = "facilitator";
  p.unit_ids = {"u_ward"};
  p.school_ids = {"sch_1"};
  return p;
}

Principal admin() {
  Principal p;
  p.kind = Principal::Kind::kAccount;
  p.id = "acc_admin";
  p.role = Role::kAdmin;
  p.name = "admin";
  return p;
}

using testing::error_code;

class PupilWorld : public ::testing::Test {
 protected:
  PupilWorld()
      : dir_(fs::temp_directory_path() /
             ("ln-pupils-" + std::to_string(::getpid()) + "-" + std::to_string(++counter_))),
        keys_(Keys::for_tests()),
        storage_(store::open_storage("sqlite:" + (dir_ / "db").string(), nullptr)),
        audit_(storage_->audit(), clock_),
        sessions_(*storage_, clock_, settings_),
        organisation_(*storage_, clock_, audit_, settings_),
        pupils_(*storage_, clock_, audit_, sessions_, organisation_, settings_, keys_) {
    const std::string now = clock_.now_text();
    storage_->organisation().insert_units(
        {{"u_ward", std::nullopt, "ward", "Phường 9", "P9", std::nullopt, std::nullopt, now}});
    storage_->organisation().insert_schools(
        {{"sch_1", "u_ward", "THCS Đào Duy Anh", std::nullopt, std::nullopt, now}});
    storage_->organisation().insert_class(
        {"cls_1", "sch_1", "u_ward", "7A", 7, "2026-2027", "acc_fac", std::nullopt, now},
        {"TEST7A", "cls_1", "acc_fac", now, format_time(clock_.now() + days(30)), std::nullopt});
  }
  ~PupilWorld() override {
    storage_.reset();
    fs::remove_all(dir_);
  }

  // A 12-year-old who joined class 7A and, unless told otherwise, has both consents.
  Joined child(bool consents = true) {
    auto year = date_of(clock_.now()).year() - std::chrono::years(12);
    auto joined = pupils_.join({"TEST7A", "Chim Sẻ " + std::to_string(++pupils_made_),
                                format_date(year_month_day{year / January / 15}), "test", "test"});
    if (consents) {
      pupils_.give_child_consent(signed_in(joined), kConsentTextVersion);
      pupils_.record_guardian_slip(facilitator(), joined.pupil.id,
                                   "SLIP-" + std::to_string(pupils_made_));
    }
    return joined;
  }

  // The child as their session signs them in now (consents read afresh).
  Principal signed_in(const Joined& joined) {
    auto p = sessions_.authenticate(joined.started.token);
    EXPECT_TRUE(p) << "the child's session signs in";
    return p.value_or(Principal{});
  }

  // Whether the policy lets the child send answers and ideas now.
  bool may_answer(const Joined& joined) {
    Principal p = signed_in(joined);
    try {
      require(&p, Permission::kPupilContribute);
      return true;
    } catch (const Forbidden&) {
      return false;
    }
  }

  DataRequestStatus stored_status(const DataRequest& r) {
    return storage_->pupils().data_request(r.id)->status;
  }

  static inline std::atomic<int> counter_{0};
  int pupils_made_ = 0;
  fs::path dir_;
  SystemClock clock_;
  Settings settings_;
  Keys keys_;
  std::unique_ptr<Storage> storage_;
  AuditLog audit_;
  Sessions sessions_;
  Organisation organisation_;
  ln::Pupils pupils_;
};

// --- Consent ---------------------------------------------------------------------------------

class Pupils : public PupilWorld {};

TEST_F(Pupils, AChildTakesPartOnlyWithBothConsents) {
  auto joined = child(false);
  EXPECT_FALSE(may_answer(joined));
  pupils_.give_child_consent(signed_in(joined), kConsentTextVersion);
  EXPECT_FALSE(may_answer(joined)) << "the guardian has not consented yet";
  pupils_.record_guardian_slip(facilitator(), joined.pupil.id, "SLIP-1");
  EXPECT_TRUE(may_answer(joined));
}

TEST_F(Pupils, AWithdrawnConsentStopsNewAnswers) {
  auto joined = child();
  ASSERT_TRUE(may_answer(joined));
  pupils_.withdraw_by_pupil(signed_in(joined));

  EXPECT_FALSE(may_answer(joined));
  Principal after = signed_in(joined);
  EXPECT_FALSE(after.child_consent);
  EXPECT_FALSE(after.guardian_consent);
  auto p = storage_->pupils().pupil(joined.pupil.id);
  EXPECT_EQ(p->status, PupilStatus::kWithdrawn);
  EXPECT_TRUE(p->identity_purge_at) << "the identity is deleted later";
  for (const auto& c : storage_->pupils().consents(joined.pupil.id))
    EXPECT_TRUE(c.withdrawn_at) << word(c.kind) << " consent still current";
}

TEST_F(Pupils, AfterWithdrawalNoConsentIsTakenAgain) {
  auto joined = child();
  pupils_.withdraw_by_adult(facilitator(), joined.pupil.id, "Phụ huynh gửi phiếu rút lại");
  EXPECT_EQ(error_code([&] { pupils_.give_child_consent(signed_in(joined), kConsentTextVersion); }),
            "consent_withdrawn");
  EXPECT_EQ(
      error_code([&] { pupils_.record_guardian_slip(facilitator(), joined.pupil.id, "SLIP-9"); }),
      "consent_withdrawn");
  EXPECT_FALSE(may_answer(joined));
}

TEST_F(Pupils, ConsentingTwiceKeepsTheFirstRecord) {
  auto joined = child(false);
  Consent first = pupils_.give_child_consent(signed_in(joined), kConsentTextVersion);
  Consent again = pupils_.give_child_consent(signed_in(joined), kConsentTextVersion);
  EXPECT_EQ(again.id, first.id);
  EXPECT_EQ(first.kind, ConsentKind::kChild);
  EXPECT_EQ(first.method, ConsentMethod::kOnline);
  Consent slip = pupils_.record_guardian_slip(facilitator(), joined.pupil.id, "SLIP-1");
  EXPECT_EQ(pupils_.record_guardian_slip(facilitator(), joined.pupil.id, "SLIP-2").id, slip.id);
  EXPECT_EQ(slip.method, ConsentMethod::kPaperSlip);
  EXPECT_EQ(storage_->pupils().consents(joined.pupil.id).size(), 2u);
}

// --- Data requests ---------------------------------------------------------------------------

class DataRequests : public PupilWorld {};

TEST_F(DataRequests, ARequestIsDueInWorkingDaysAndListedAsOpen) {
  auto joined = child();
  DataRequest r = pupils_.request_deletion(signed_in(joined), "Em muốn xóa tài khoản.");
  EXPECT_EQ(r.kind, DataRequestKind::kDeletion);
  EXPECT_EQ(r.requested_by, Requester::kPupil);
  EXPECT_EQ(r.status, DataRequestStatus::kOpen);
  EXPECT_GT(r.due_at, r.requested_at);
  auto open = pupils_.data_requests({std::nullopt, 50}, DataRequestStatus::kOpen);
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].id, r.id);
  EXPECT_TRUE(pupils_.data_requests({std::nullopt, 50}, DataRequestStatus::kDone).empty());
}

TEST_F(DataRequests, AClosedRequestCannotBeReopened) {
  auto joined = child();
  DataRequest r = pupils_.request_deletion(signed_in(joined), "");
  DataRequest refused = pupils_.handle_request(admin(), r.id, DataRequestAction::kRefuse,
                                               "Em cần hỏi lại thầy cô trước khi xóa.");
  EXPECT_EQ(refused.status, DataRequestStatus::kRefused);
  for (auto action :
       {DataRequestAction::kAcknowledge, DataRequestAction::kComplete, DataRequestAction::kRefuse})
    EXPECT_EQ(error_code([&] {
                pupils_.handle_request(admin(), r.id, action, "Thử mở lại yêu cầu này.");
              }),
              "request_closed")
        << word(action);
  EXPECT_EQ(stored_status(r), DataRequestStatus::kRefused);
  EXPECT_EQ(storage_->pupils().pupil(joined.pupil.id)->status, PupilStatus::kActive)
      << "a refused deletion deletes nothing";
}

TEST_F(DataRequests, ARequestIsAcknowledgedOnceThenCompleted) {
  auto joined = child();
  DataRequest r = pupils_.request_deletion(signed_in(joined), "");
  EXPECT_EQ(pupils_.handle_request(admin(), r.id, DataRequestAction::kAcknowledge, "").status,
            DataRequestStatus::kAcknowledged);
  EXPECT_EQ(error_code([&] {
              pupils_.handle_request(admin(), r.id, DataRequestAction::kAcknowledge, "");
            }),
            "request_acknowledged");
  DataRequest done = pupils_.handle_request(admin(), r.id, DataRequestAction::kComplete, "");
  EXPECT_EQ(done.status, DataRequestStatus::kDone);
  EXPECT_EQ(done.outcome, "completed");
  EXPECT_EQ(done.handled_by, "acc_admin");
  EXPECT_EQ(stored_status(r), DataRequestStatus::kDone);
}

TEST_F(DataRequests, CompletingADeletionRequestDeletesTheChild) {
  auto joined = child();
  DataRequest r = pupils_.request_deletion(signed_in(joined), "");
  pupils_.handle_request(admin(), r.id, DataRequestAction::kComplete, "");
  auto p = storage_->pupils().pupil(joined.pupil.id);
  EXPECT_EQ(p->status, PupilStatus::kDeleted);
  EXPECT_EQ(p->pseudonym, "(deleted)");
  EXPECT_FALSE(sessions_.authenticate(joined.started.token)) << "the child's session ended";
  EXPECT_THROW(pupils_.pupil_for(facilitator(), joined.pupil.id), NotFound);
}

TEST_F(DataRequests, RefusingNeedsAReasonAndChangesNothingWithoutOne) {
  auto joined = child();
  DataRequest r = pupils_.request_deletion(signed_in(joined), "");
  EXPECT_THROW(pupils_.handle_request(admin(), r.id, DataRequestAction::kRefuse, "Không."),
               Invalid);
  EXPECT_EQ(stored_status(r), DataRequestStatus::kOpen);
}

TEST_F(DataRequests, AGuardianCodeAsksOnceForEachKind) {
  auto joined = child();
  std::string code = pupils_.new_guardian_code(facilitator(), joined.pupil.id);
  DataRequest correction =
      pupils_.guardian_request(code, DataRequestKind::kCorrection, "Sai lớp.", "10.0.0.1");
  EXPECT_EQ(correction.requested_by, Requester::kGuardian);
  EXPECT_EQ(correction.kind, DataRequestKind::kCorrection);
  EXPECT_EQ(error_code([&] {
              pupils_.guardian_request(code, DataRequestKind::kCorrection, "", "10.0.0.1");
            }),
            "guardian_code_used");
  EXPECT_EQ(pupils_.guardian_request(code, DataRequestKind::kDeletion, "", "10.0.0.1").kind,
            DataRequestKind::kDeletion);
}

TEST_F(DataRequests, AnExportIsRecordedAsADoneRequest) {
  auto joined = child();
  auto copy = pupils_.export_data(signed_in(joined));
  EXPECT_FALSE(copy.for_guardian);
  auto done = pupils_.data_requests({std::nullopt, 50}, DataRequestStatus::kDone);
  ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(done[0].kind, DataRequestKind::kExport);
  EXPECT_EQ(done[0].outcome, "downloaded");
}

}  // namespace
}  // namespace ln
