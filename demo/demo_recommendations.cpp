#include "demo/demo_recommendations.h"

#include "base/crypto.h"
#include "base/local_zone.h"
#include "consult/consent_text.h"

namespace ln {
namespace {

Principal as_account(const Account& a, Role role) {
  Principal p;
  p.kind = Principal::Kind::kAccount;
  p.id = a.id;
  p.role = role;
  p.name = a.username;
  p.unit_ids = a.unit_ids;
  p.authority_id = a.authority_id;
  p.school_ids = a.school_ids;
  return p;
}

}  // namespace

void seed_demo_recommendations(Storage& storage, const Clock& clock, Recommendations& recs,
                               Pupils& pupils, const Keys& keys) {
  auto moderator_account = storage.accounts().account_by_username("moderator");
  auto official_account = storage.accounts().account_by_username("official");
  auto official2_account = storage.accounts().account_by_username("official2");
  auto ward9 = storage.organisation().unit_by_code("HCM-PN-P9");
  auto facilitator_account = storage.accounts().account_by_username("facilitator");
  if (!moderator_account || !official_account || !official2_account || !ward9 ||
      !facilitator_account)
    return;
  // Two more pupils of class 6A (both consents given) whose ideas became recommendations; the
  // README lists their sign-in codes so a newcomer sees what happened to a child's idea.
  Principal facilitator = as_account(*facilitator_account, Role::kFacilitator);
  std::vector<Pupil> children;
  auto today_ymd = local_date_of(clock.now());
  int n_child = 0;
  for (const auto& [pseudonym, age] : {std::pair{"Sóc Nâu", 12}, std::pair{"Thỏ Trắng", 9}}) {
    auto year = today_ymd.year() - std::chrono::years(age);
    auto joined = pupils.join(
        {"DEMO6A", pseudonym,
         format_date(std::chrono::year_month_day{year / std::chrono::March / 3}), "demo", "demo"});
    Pupil p = joined.pupil;
    p.sign_in_lookup = lookup_hash(keys, kDemoRecommendationPupils[n_child++]);
    storage.pupils().update_pupil(p);
    Principal as_pupil;
    as_pupil.kind = Principal::Kind::kPupil;
    as_pupil.id = p.id;
    pupils.give_child_consent(as_pupil, kConsentTextVersion);
    pupils.record_guardian_slip(facilitator, p.id, "DEMO-SLIP-R" + std::to_string(n_child));
    children.push_back(p);
  }
  Principal moderator = as_account(*moderator_account, Role::kModerator);
  Principal official = as_account(*official_account, Role::kOfficial);
  Principal official2 = as_account(*official2_account, Role::kOfficial);
  std::string committee = *official_account->authority_id;
  std::string education = *official2_account->authority_id;

  // Children's ideas a moderator has approved (one with a part hidden).
  auto idea = [&](const Pupil& pupil, const std::string& text,
                  const std::optional<std::string>& redacted) {
    Submission s;
    s.id = new_id("sub");
    s.pupil_id = pupil.id;
    s.unit_id = pupil.unit_id;
    s.kind = SubmissionKind::kIdea;
    s.text = text;
    s.status = redacted ? SubmissionStatus::kApprovedRedacted : SubmissionStatus::kApproved;
    s.redacted_text = redacted;
    s.queue = Queue::kNormal;
    s.created_at = s.updated_at = clock.now_text();
    s.decision = DecisionRecord{
        redacted ? ModeratorDecision::kApproveRedacted : ModeratorDecision::kApprove,
        moderator.id, s.created_at, std::nullopt, std::nullopt, {}};
    storage.submissions().insert_submission(s);
    storage.submissions().update_if_version(s, 1);
    return s.id;
  };
  const Pupil& meo = children[0];
  const Pupil& caheo = children[1];
  auto make = [&](const std::string& title, const std::string& text, std::vector<std::string> ids) {
    return recs.create(moderator, {title, text, ward9->id, "Trường học", std::move(ids)});
  };
  std::string today = format_date(local_date_of(clock.now()));
  int n = 0;
  auto forward = [&](const Recommendation& r, const std::string& authority,
                     const std::string& date) {
    return recs.forward(moderator, r.id,
                        {authority, std::to_string(++n + 10) + "/ĐTN-KN", date, std::nullopt});
  };

  // Draft.
  make("Thêm cây xanh trong sân trường",
       "Các em đề nghị trồng thêm cây xanh để sân trường mát hơn vào giờ ra chơi.",
       {idea(meo, "Sân trường nóng quá, em muốn có thêm cây bóng mát.", std::nullopt)});

  // Forwarded to the ward People's Committee.
  forward(make("Đèn đường trên đường đi học",
               "Các em đề nghị lắp thêm đèn đường ở hẻm dẫn vào trường vì buổi chiều tối rất tối.",
               {idea(caheo, "Hẻm vào trường em tối lắm, em sợ khi đi học thêm về.", std::nullopt)}),
          committee, today);

  // Acknowledged by the district education office.
  auto ack =
      forward(make("Giờ ra chơi dài hơn",
                   "Các em mong giờ ra chơi buổi sáng dài thêm 5 phút để kịp ăn sáng và vui chơi.",
                   {idea(meo, "Giờ ra chơi ngắn quá, em chưa ăn xong đã vào lớp.", std::nullopt)}),
              education, today);
  recs.acknowledge(official2, ack.id);

  // Answered with commitments, by the ward People's Committee.
  auto answered =
      forward(make("Vạch kẻ đường trước cổng trường",
                   "Các em đề nghị kẻ vạch qua đường và đặt biển báo trước cổng trường.",
                   {idea(meo, "Trước cổng trường xe chạy nhanh, em khó qua đường.", std::nullopt),
                    idea(caheo, "Em muốn có chú công an đứng ở cổng trường [...] giờ tan học.",
                         std::string("Em muốn có người hướng dẫn qua đường giờ tan học."))}),
              committee, today);
  recs.acknowledge(official, answered.id);
  recs.answer(official, answered.id,
              {Decision::kPartlyAccepted,
               "Vạch kẻ đường sẽ được làm ngay; đèn tín hiệu cần ý kiến của Sở Giao thông.",
               std::nullopt,
               {{"Kẻ vạch qua đường trước cổng trường", "Phòng Quản lý đô thị phường",
                 format_date(local_date_of(clock.now() + std::chrono::days(30)))},
                {"Bố trí dân phòng hướng dẫn giờ tan học", "Công an phường",
                 format_date(local_date_of(clock.now() + std::chrono::days(14)))}}});

  // Reported back, by the education office.
  auto reported = forward(
      make("Thư viện mở cửa giờ trưa",
           "Các em đề nghị thư viện trường mở cửa buổi trưa để các em đọc sách.",
           {idea(caheo, "Em muốn đọc sách buổi trưa nhưng thư viện đóng cửa.", std::nullopt)}),
      education, today);
  recs.acknowledge(official2, reported.id);
  recs.answer(official2, reported.id, {Decision::kAccepted, "", std::nullopt, {}});
  std::map<std::string, FeedbackText> feedback = {
      {"all",
       {"Các em muốn thư viện mở cửa giờ trưa.",
        "Phòng Giáo dục đã đồng ý: từ tháng sau thư viện mở cửa từ 11 giờ 30 đến 13 giờ.",
        "Vì đọc sách giúp các em học tốt và nghỉ trưa vui hơn.",
        "Các em hãy đến thư viện và góp ý thêm về sách các em muốn đọc nhé."}}};
  recs.write_feedback(moderator, reported.id, feedback);
  recs.report_back(moderator, reported.id);

  // Closed, by the ward People's Committee.
  auto closed = forward(make("Sân chơi trong khu phố",
                             "Các em đề nghị sửa lại sân chơi của khu phố vì xích đu đã hỏng.",
                             {idea(meo, "Xích đu ở sân chơi khu phố bị hỏng rồi.", std::nullopt)}),
                        committee, today);
  recs.acknowledge(official, closed.id);
  recs.answer(official, closed.id, {Decision::kAccepted, "", std::nullopt, {}});
  feedback["all"] = {"Các em nói xích đu ở sân chơi khu phố bị hỏng.",
                     "Ủy ban phường đã sửa xích đu và sơn lại sân chơi.",
                     "Vì sân chơi an toàn là quyền của các em.",
                     "Nếu thấy đồ chơi hỏng, các em hãy báo cho thầy cô hoặc Đoàn phường."};
  recs.write_feedback(moderator, closed.id, feedback);
  recs.report_back(moderator, closed.id);
  recs.close(moderator, closed.id);

  // Two more for the ward People's Committee, so its figures show on the public tracker.
  auto declined =
      forward(make("Bể bơi cho trẻ em trong phường",
                   "Các em đề nghị xây bể bơi để các em học bơi vào mùa hè.",
                   {idea(meo, "Em muốn học bơi nhưng gần nhà không có bể bơi.", std::nullopt)}),
              committee, today);
  recs.acknowledge(official, declined.id);
  recs.answer(official, declined.id,
              {Decision::kDeclined,
               "Phường chưa có đất để xây bể bơi; các em được học bơi miễn phí ở Trung tâm Văn "
               "hóa - Thể thao quận vào mùa hè.",
               std::nullopt,
               {}});
  forward(make("Góc đọc sách ở nhà văn hóa khu phố",
               "Các em đề nghị có một góc đọc sách thiếu nhi ở nhà văn hóa khu phố.",
               {idea(caheo, "Em muốn có chỗ đọc truyện gần nhà vào cuối tuần.", std::nullopt)}),
          committee, today);

  // Overdue: sent to the education office three months ago, still unanswered.
  forward(make("Nước uống sạch ở trường",
               "Các em đề nghị lắp thêm máy lọc nước uống ở mỗi dãy lớp học.",
               {idea(caheo, "Cả trường chỉ có một máy nước, giờ ra chơi phải xếp hàng lâu.",
                     std::nullopt)}),
          education, format_date(local_date_of(clock.now() - std::chrono::days(90))));
  recs.run_reminders();
}

}  // namespace ln
