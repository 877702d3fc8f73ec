#pragma once
// A ward on a temporary SQLite database, with the moderation queues and safeguarding cases over
// it: a moderator and two safeguarding leads of the ward, and a pupil who may contribute. The
// screener is a stand-in that routes any text saying "đánh em" (hits me) to safeguarding as a
// possible disclosure, and any other to the normal queue, flagging "số điện thoại" as personal
// information.
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>

#include "base/crypto.h"
#include "consult/audit.h"
#include "consult/organisation.h"
#include "consult/pupils.h"
#include "consult/sessions.h"
#include "moderation/queue.h"
#include "moderation/safeguarding.h"
#include "moderation/submissions.h"
#include "store/open_storage.h"
#include "tests/consult/error_code.h"

namespace ln::testing {

inline ScreenedText stand_in_screen(const std::string& text) {
  ScreenedText out;
  out.screening.route = Queue::kNormal;
  out.screening.signals = {"lexicon"};
  out.screening.lexicon_version = "test";
  auto flag = [&](ScreenerLabel label, const std::string& words, const char* rule, int severity) {
    const auto at = text.find(words);
    if (at == std::string::npos) return;
    out.screening.spans.push_back(
        {label, 0, 1, at, at + words.size(), rule, "test", severity});
    out.screening.add_label(label);
  };
  flag(ScreenerLabel::kDisclosure, "đánh em", "disclosure.test", 6);
  flag(ScreenerLabel::kPersonalInfo, "số điện thoại", "pi.test", 3);
  if (out.screening.has(ScreenerLabel::kDisclosure)) out.screening.route = Queue::kSafeguarding;
  out.queue = *out.screening.route;
  return out;
}

class ModerationWorld : public ::testing::Test {
 protected:
  ModerationWorld()
      : dir_(std::filesystem::temp_directory_path() /
             ("ln-moderation-" + std::to_string(::getpid()) + "-" + std::to_string(++made_))),
        storage_(store::open_storage("sqlite:" + (dir_ / "db").string(), nullptr)),
        audit_(storage_->audit(), clock_),
        organisation_(*storage_, clock_, audit_, settings_),
        sessions_(*storage_, clock_, settings_),
        pupils_(*storage_, clock_, audit_, sessions_, organisation_, settings_, keys_),
        submissions_(*storage_, clock_, audit_, stand_in_screen),
        queue_(*storage_, clock_, audit_, organisation_, settings_),
        cases_(*storage_, clock_, audit_, organisation_, pupils_, settings_) {
    storage_->organisation().insert_units(
        {{"u_ward", std::nullopt, "ward", "Phường 9", "P9", std::nullopt, std::nullopt,
          clock_.now_text()},
         {"u_other", std::nullopt, "ward", "Phường 10", "P10", std::nullopt, std::nullopt,
          clock_.now_text()}});
    storage_->organisation().insert_schools(
        {{"s_1", "u_ward", "Trường Tiểu học 1", "S1", std::nullopt, clock_.now_text()}});
    storage_->organisation().insert_class(
        {"c_6a", "s_1", "u_ward", "6A", 6, "2025-2026", "acc_f", std::nullopt, clock_.now_text()},
        {"CODE6A", "c_6a", "acc_f", clock_.now_text(), "2099-01-01T00:00:00Z", std::nullopt});
    Pupil an;
    an.id = pupil_.id;
    an.pseudonym = "Mèo An";
    an.class_id = "c_6a";
    an.age_band = pupil_.age_band;
    an.band_changes_on = "2099-01-01";
    an.sign_in_lookup = "lookup-an";
    an.created_at = clock_.now_text();
    storage_->pupils().insert_pupil(an, {"nonce", "sealed"});
  }
  ~ModerationWorld() override {
    storage_.reset();
    std::filesystem::remove_all(dir_);
  }

  static Principal account(const std::string& id, Role role, const std::string& unit = "u_ward") {
    Principal p;
    p.kind = Principal::Kind::kAccount;
    p.id = id;
    p.role = role;
    p.unit_ids = {unit};
    return p;
  }

  // A child's text as the group committer would store it; returns it as stored.
  Submission send(const std::string& text, SubmissionKind kind = SubmissionKind::kIdea) {
    auto prepared = submissions_.prepare(pupil_, {kind, text, std::nullopt});
    storage_->submissions().insert_submission(prepared.submission);
    return *storage_->submissions().submission(prepared.submission.id);
  }

  Submission stored(const std::string& id) { return *storage_->submissions().submission(id); }

  // Claims and decides in one step, as a moderator does from the item page.
  Submission decide(const Principal& who, const std::string& id, ModeratorDecision decision,
                    const std::string& reason = "") {
    const Submission claimed = queue_.claim(who, id);
    moderation::Decision d;
    d.decision = decision;
    d.version = claimed.version;
    d.reason = reason;
    return queue_.decide(who, id, d);
  }

  inline static std::atomic<int> made_{0};
  std::filesystem::path dir_;
  SystemClock clock_;
  Settings settings_;
  Keys keys_ = Keys::for_tests();
  std::unique_ptr<Storage> storage_;
  AuditLog audit_;
  Organisation organisation_;
  Sessions sessions_;
  Pupils pupils_;
  moderation::Submissions submissions_;
  moderation::ModerationQueue queue_;
  moderation::SafeguardingCases cases_;

  Principal pupil_ = [] {
    Principal p;
    p.kind = Principal::Kind::kPupil;
    p.id = "pup_an";
    p.role = Role::kPupil;
    p.unit_id = "u_ward";
    p.age_band = "11-13";
    p.child_consent = p.guardian_consent = true;
    return p;
  }();
  Principal moderator_ = account("acc_mod", Role::kModerator);
  Principal other_moderator_ = account("acc_mod2", Role::kModerator);
  Principal lead_ = account("acc_lead", Role::kSafeguardingLead);
  Principal second_lead_ = account("acc_lead2", Role::kSafeguardingLead);
};

}  // namespace ln::testing
