// The rules of consulting children that a user relies on, on a real SQLite database: the steps a
// consultation goes through and what refuses them, answers checked by their question's type,
// results hidden while children still answer and small groups hidden once shown, paper batches.
#include "consult/consultations.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "base/errors.h"
#include "store/consultation_columns.h"
#include "store/open_storage.h"

namespace ln {
namespace {
namespace fs = std::filesystem;

constexpr const char* kAt = "2026-01-01T00:00:00Z";

Wording both(const std::string& text) {
  return {{"11-13", text}, {"14-15", text}};
}

Question question(const std::string& id, QuestionType type, const std::string& text) {
  Question q;
  q.id = id;
  q.type = type;
  q.text = both(text);
  return q;
}

std::vector<Question> questions() {
  auto space = question("q_space", QuestionType::kSingle, "Em thích chơi ở đâu?");
  space.options = {{"park", both("Công viên")}, {"school", both("Sân trường")}};
  auto safe = question("q_safe", QuestionType::kScale, "Em thấy an toàn không?");
  safe.scale_labels = {{"11-13", {"1", "2", "3", "4", "5"}}, {"14-15", {"1", "2", "3", "4", "5"}}};
  auto voice = question("q_voice", QuestionType::kYesNo, "Em đã được hỏi chưa?");
  auto idea = question("q_idea", QuestionType::kText, "Em muốn nói gì thêm?");
  idea.max_length = 200;
  return {space, safe, voice, idea};
}

class ConsultationsTest : public ::testing::Test {
 protected:
  ConsultationsTest()
      : dir_(fs::temp_directory_path() /
             ("ln-cons-" + std::to_string(::getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name())),
        storage_(store::open_storage("sqlite:" + (dir_ / "db").string(), nullptr)),
        audit_(storage_->audit(), clock_),
        organisation_(*storage_, clock_, audit_, settings_),
        consultations_(*storage_, clock_, audit_, organisation_, 5, [](const std::string&) {
          return ScreenedText{};
        }) {
    auto& o = storage_->organisation();
    o.insert_units(
        {{"u_ward", std::nullopt, "ward", "Phường 9", "P9", std::nullopt, std::nullopt, kAt}});
    o.insert_schools({{"s_1", "u_ward", "Trường 1", "S1", std::nullopt, kAt}});
    o.insert_class({"c_6a", "s_1", "u_ward", "6A", 6, "2025-2026", "acc_f", std::nullopt, kAt},
                   {"CODE6A", "c_6a", "acc_f", kAt, "2030-01-01T00:00:00Z", std::nullopt});
    moderator_.id = "acc_mod";
    moderator_.role = Role::kModerator;
    moderator_.unit_ids = {"u_ward"};
  }
  ~ConsultationsTest() override {
    storage_.reset();
    fs::remove_all(dir_);
  }

  ConsultationInput plan() {
    ConsultationInput in;
    in.title = "Sân chơi cho trẻ em Phường 9";
    in.purpose = "Chọn việc làm trước cho sân chơi.";
    in.owner_unit_id = "u_ward";
    in.audience_unit_ids = std::vector<std::string>{"u_ward"};
    in.audience_bands = std::vector<std::string>{"11-13", "14-15"};
    in.opens_at = format_time(clock_.now() - std::chrono::hours(1));
    in.closes_at = format_time(clock_.now() + std::chrono::hours(24 * 30));
    in.decision = "Kế hoạch sân chơi 2027";
    in.decision_maker = "UBND Phường 9";
    in.decision_due = format_date(date_of(clock_.now() + std::chrono::hours(24 * 60)));
    in.feedback_due = format_date(date_of(clock_.now() + std::chrono::hours(24 * 90)));
    InfoCard card{"Để phường chọn việc làm trước.", "Đoàn Thanh niên phường.", "Trước Tết."};
    in.info_cards = std::map<std::string, InfoCard>{{"11-13", card}, {"14-15", card}};
    in.questions = questions();
    return in;
  }

  Consultation published() {
    auto c = consultations_.create(moderator_, plan());
    return consultations_.publish(moderator_, c.id);
  }

  // A pupil of class 6A, on record, with both consents.
  Principal pupil(int i, const std::string& band = "11-13") {
    Pupil p;
    p.id = "pup_" + std::to_string(100 + i);
    p.pseudonym = "Mèo " + std::to_string(i);
    p.class_id = "c_6a";
    p.age_band = band;
    p.band_changes_on = "2030-01-01";
    p.sign_in_lookup = "lookup-" + p.id;
    p.created_at = kAt;
    storage_->pupils().insert_pupil(p, {"nonce", "cipher"});
    Principal who;
    who.kind = Principal::Kind::kPupil;
    who.id = p.id;
    who.class_id = "c_6a";
    who.unit_id = "u_ward";
    who.age_band = band;
    who.child_consent = who.guardian_consent = true;
    return who;
  }

  // Answers as the pupil sends them, saved as the group committer would.
  void answer(const Principal& who, const std::string& id, const Answers& answers) {
    auto prepared = consultations_.prepare_answer(who, id, answers, std::nullopt, std::nullopt);
    ASSERT_TRUE(prepared.write);
    std::vector<ChildWrite> writes{*prepared.write};
    auto outcomes = storage_->consultations().save_child_writes(writes, audit_hash);
    ASSERT_EQ(outcomes.at(0), WriteOutcome::kSaved);
  }

  fs::path dir_;
  SystemClock clock_;
  Settings settings_;
  std::unique_ptr<Storage> storage_;
  AuditLog audit_;
  Organisation organisation_;
  Consultations consultations_;
  Principal moderator_;
};

TEST_F(ConsultationsTest, PublishingAnIncompletePlanListsEveryProblem) {
  auto in = plan();
  in.purpose = "";
  in.info_cards->erase("14-15");
  auto c = consultations_.create(moderator_, in);
  try {
    consultations_.publish(moderator_, c.id);
    FAIL() << "published without a purpose";
  } catch (const Unprocessable& e) {
    std::set<std::string> fields;
    for (const auto& p : e.problems()) fields.insert(p.field);
    EXPECT_TRUE(fields.count("purpose"));
    EXPECT_TRUE(fields.count("info_cards.14-15.why"));
    EXPECT_TRUE(fields.count("info_cards.14-15.hear_back"));
  }
  EXPECT_EQ(storage_->consultations().consultation(c.id)->status, ConsultationStatus::kDraft);
}

TEST_F(ConsultationsTest, ClosingMovesAPublishedConsultationOnceAndIsRecorded) {
  auto c = published();
  EXPECT_THROW(consultations_.publish_results(moderator_, c.id), Conflict);
  auto closed = consultations_.close(moderator_, c.id);
  EXPECT_EQ(closed.status, ConsultationStatus::kClosed);
  EXPECT_THROW(consultations_.close(moderator_, c.id), Conflict);
  auto stored = storage_->consultations().consultation(c.id);
  ASSERT_TRUE(stored);
  ASSERT_EQ(stored->lifecycle.size(), 3u);
  EXPECT_EQ(stored->lifecycle[2].status, ConsultationStatus::kClosed);
  EXPECT_EQ(stored->lifecycle[2].by, "acc_mod");
  // Closed to answers.
  EXPECT_THROW(answer(pupil(1), c.id, {{"q_voice", true}}), Conflict);
}

TEST_F(ConsultationsTest, AnOutsiderCannotCloseIt) {
  auto c = published();
  Principal other = moderator_;
  other.unit_ids = {"u_elsewhere"};
  EXPECT_THROW(consultations_.close(other, c.id), NotFound);
  EXPECT_EQ(storage_->consultations().consultation(c.id)->status, ConsultationStatus::kPublished);
}

TEST_F(ConsultationsTest, AnswersAreCheckedByTheirQuestionsType) {
  auto c = published();
  auto who = pupil(1);
  try {
    answer(who, c.id,
           {{"q_space", std::string("beach")},
            {"q_safe", std::int64_t{9}},
            {"q_voice", std::string("yes")},
            {"q_idea", std::int64_t{3}}});
    FAIL() << "answers that fit no question were taken";
  } catch (const Unprocessable& e) {
    std::map<std::string, std::string> said;
    for (const auto& p : e.problems()) said[p.field] = p.message;
    EXPECT_EQ(said["answers.q_space"], "Choose one of the options.");
    EXPECT_EQ(said["answers.q_safe"], "Choose a point from 1 to 5.");
    EXPECT_EQ(said["answers.q_voice"], "Answer true (yes) or false (no).");
    EXPECT_EQ(said["answers.q_idea"], "Write your answer as text.");
  }
  EXPECT_FALSE(storage_->consultations().response_of(c.id, who.id)) << "a bad set was saved";

  answer(who, c.id, {{"q_space", std::string("park")}, {"q_safe", std::int64_t{4}}});
  auto mine = consultations_.my_answers(who, c.id);
  ASSERT_TRUE(mine);
  EXPECT_EQ(mine->channel, Channel::kOnline);
  EXPECT_EQ(mine->answers.at("q_space"), AnswerValue(std::string("park")));
  EXPECT_FALSE(mine->answers.count("q_voice")) << "a skipped question has no answer";
}

TEST_F(ConsultationsTest, ResultsShowOnlyHowManyAnsweredWhileChildrenStillAnswer) {
  auto c = published();
  for (int i = 0; i < 6; ++i) answer(pupil(i), c.id, {{"q_voice", true}});
  auto open = consultations_.results(moderator_, c.id);
  EXPECT_EQ(open.respondents, 6);
  EXPECT_TRUE(open.questions.empty()) << "what children answered shows while they still answer";
  EXPECT_TRUE(consultations_.quotes(moderator_, c.id).empty());

  consultations_.close(moderator_, c.id);
  auto closed = consultations_.results(moderator_, c.id);
  ASSERT_EQ(closed.questions.size(), 4u);
  const auto& voice = closed.questions[2];
  EXPECT_EQ(voice.type, QuestionType::kYesNo);
  ASSERT_EQ(voice.options.size(), 2u);
  EXPECT_EQ(voice.options[0].key, "yes");
  EXPECT_EQ(voice.options[0].count, 6);
}

TEST_F(ConsultationsTest, ASmallGroupIsHiddenWithWhatWouldGiveItAway) {
  auto c = published();
  for (int i = 0; i < 6; ++i) answer(pupil(i), c.id, {{"q_space", std::string("park")}});
  for (int i = 6; i < 8; ++i) answer(pupil(i), c.id, {{"q_space", std::string("school")}});
  consultations_.close(moderator_, c.id);
  auto r = consultations_.results(moderator_, c.id);
  const auto& space = r.questions[0];
  EXPECT_EQ(space.options[1].key, "school");
  EXPECT_FALSE(space.options[1].count) << "two children's answer shown";
  EXPECT_FALSE(space.options[0].count) << "the other option gives the two away";
  // Representativeness counts the same children and hides nothing the results show.
  auto rep = consultations_.representativeness(moderator_, c.id);
  EXPECT_EQ(rep.respondents, r.respondents);
  // The CSV says hidden where the JSON has null.
  auto csv = consultations_.results_csv(moderator_, c.id);
  EXPECT_NE(csv.find("\"Sân trường\",hidden,8,5"), std::string::npos) << csv;
  EXPECT_EQ(csv.find(",2,"), std::string::npos) << csv;
}

TEST_F(ConsultationsTest, APaperBatchCountsItsSheetsAndRefusesABadOneWhole) {
  auto c = published();
  PaperInput paper{"HOP-01", "u_ward", 3, {}};
  for (int i = 0; i < 3; ++i)
    paper.sheets.push_back({"14-15", "girl", Answers{{"q_voice", false}}});
  auto batch = consultations_.add_paper(moderator_, c.id, paper);
  EXPECT_EQ(batch.channel, Channel::kPaper);
  EXPECT_EQ(batch.sheets, 3);
  ASSERT_EQ(consultations_.batches(moderator_, c.id).size(), 1u);
  auto respondents =
      consultations_.published_respondents(*storage_->consultations().consultation(c.id));
  EXPECT_EQ(respondents.count, 3);

  PaperInput bad{"HOP-02", "u_ward", std::nullopt, {}};
  bad.sheets.push_back({"14-15", "girl", Answers{{"q_voice", true}}});
  bad.sheets.push_back({"7-10", "girl", Answers{}});
  bad.sheets.push_back({"14-15", "boy", std::nullopt});
  try {
    consultations_.add_paper(moderator_, c.id, bad);
    FAIL() << "a batch with bad sheets was added";
  } catch (const Unprocessable& e) {
    std::set<std::string> fields;
    for (const auto& p : e.problems()) fields.insert(p.field);
    EXPECT_EQ(fields, (std::set<std::string>{"sheets[1].age_band", "sheets[2].answers"}));
  }
  EXPECT_EQ(consultations_.batches(moderator_, c.id).size(), 1u) << "half a batch was added";
}

TEST_F(ConsultationsTest, AForumTalliesOnlyWhatAShowOfHandsCanCount) {
  auto c = published();
  ForumInput forum{"DD-01", "u_ward", "Diễn đàn", {{"11-13", 12}}, {}};
  forum.tallies = {{"q_voice", "yes", "11-13", 9}, {"q_idea", "_text", "11-13", 1}};
  try {
    consultations_.add_forum(moderator_, c.id, forum);
    FAIL() << "a free-text question was tallied";
  } catch (const Unprocessable& e) {
    ASSERT_EQ(e.problems().size(), 1u);
    EXPECT_EQ(e.problems()[0].field, "tallies[1]");
  }
  forum.tallies.pop_back();
  auto batch = consultations_.add_forum(moderator_, c.id, forum);
  EXPECT_EQ(batch.participants, 12);
  EXPECT_EQ(batch.participants_by_band.at("11-13"), 12);
}

TEST_F(ConsultationsTest, FeedbackReachesTheChildInTheirBandsWords) {
  auto c = published();
  auto who = pupil(1, "14-15");
  answer(who, c.id, {{"q_voice", true}});
  consultations_.close(moderator_, c.id);
  std::map<std::string, BandFeedback> feedback = {
      {"11-13", std::string("Phường sẽ trồng thêm cây.")},
      {"14-15", FeedbackParts{"Các bạn muốn cây xanh.", "Phường trồng 40 cây.", "Vì an toàn.",
                              "Tháng sau làm đèn."}}};
  EXPECT_THROW(consultations_.give_feedback(moderator_, c.id, feedback), Conflict);
  consultations_.publish_results(moderator_, c.id);
  consultations_.give_feedback(moderator_, c.id, feedback);
  auto heard = consultations_.heard_back(who);
  ASSERT_EQ(heard.size(), 1u);
  ASSERT_TRUE(heard[0].feedback);
  EXPECT_EQ(std::get<FeedbackParts>(*heard[0].feedback).we_did, "Phường trồng 40 cây.");
  // The stored column reads back the same feedback.
  auto stored = storage_->consultations().consultation(c.id);
  EXPECT_EQ(store::feedback_json(stored->feedback)["11-13"], "Phường sẽ trồng thêm cây.");
}

}  // namespace
}  // namespace ln
