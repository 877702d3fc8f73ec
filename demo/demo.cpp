#include "demo/demo.h"

#include <nlohmann/json.hpp>

#include "base/crypto.h"
#include "consult/age_bands.h"
#include "consult/consent_text.h"
#include "consult/councils.h"
#include "consult/events.h"

namespace ln {
namespace {

Principal demo_admin(const Account& admin) {
  Principal p;
  p.kind = Principal::Kind::kAccount;
  p.id = admin.id;
  p.role = Role::kAdmin;
  p.name = admin.username;
  return p;
}

// Born on 1 September: `age` all through this school year, by birthday and by year of birth (as
// a Council counts).
std::string birth_date_for_age(const Clock& clock, int age) {
  auto year = std::chrono::year(school_year_of(date_of(clock.now())) - age);
  return format_date(std::chrono::year_month_day{year / std::chrono::September / 1});
}

// The demo's published consultation, worded for every age band.
const char* kDemoQuestions = R"json([
  {"id": "q_space", "type": "single",
   "text": {"7-10": "Em thích chơi ở đâu nhất sau giờ học?", "11-13": "Sau giờ học, em hay vui chơi ở đâu nhất?",
            "14-15": "Ngoài giờ học, bạn thường sinh hoạt ở không gian nào nhất?",
            "16-17": "Ngoài giờ học, bạn thường dành thời gian ở không gian công cộng nào nhất?"},
   "options": [
     {"id": "park", "text": {"7-10": "Công viên 🌳", "11-13": "Công viên", "14-15": "Công viên", "16-17": "Công viên, quảng trường"}},
     {"id": "school", "text": {"7-10": "Sân trường 🏫", "11-13": "Sân trường", "14-15": "Sân trường", "16-17": "Trường học"}},
     {"id": "alley", "text": {"7-10": "Trong hẻm nhà em 🏠", "11-13": "Trong hẻm, gần nhà", "14-15": "Hẻm, khu dân cư", "16-17": "Khu dân cư"}},
     {"id": "house", "text": {"7-10": "Ở trong nhà", "11-13": "Ở nhà", "14-15": "Ở nhà", "16-17": "Ở nhà"}}]},
  {"id": "q_needs", "type": "multiple", "max_choices": 2,
   "text": {"7-10": "Em muốn có thêm gì ở sân chơi? (chọn 2)", "11-13": "Sân chơi cần thêm gì? (tối đa 2)",
            "14-15": "Không gian vui chơi cần bổ sung gì? (tối đa 2)", "16-17": "Không gian công cộng cần bổ sung gì nhất? (tối đa 2)"},
   "options": [
     {"id": "trees", "text": {"7-10": "Cây xanh 🌳", "11-13": "Cây xanh, bóng mát", "14-15": "Cây xanh", "16-17": "Cây xanh, bóng mát"}},
     {"id": "light", "text": {"7-10": "Đèn sáng 💡", "11-13": "Đèn chiếu sáng", "14-15": "Đèn chiếu sáng buổi tối", "16-17": "Chiếu sáng an toàn"}},
     {"id": "sport", "text": {"7-10": "Chỗ đá bóng ⚽", "11-13": "Sân thể thao", "14-15": "Sân thể thao", "16-17": "Sân thể thao"}},
     {"id": "books", "text": {"7-10": "Tủ sách 📚", "11-13": "Tủ sách, góc đọc", "14-15": "Góc đọc sách", "16-17": "Thư viện mở"}}]},
  {"id": "q_safe", "type": "scale",
   "text": {"7-10": "Em thấy an toàn khi đi bộ đến trường không?", "11-13": "Em cảm thấy an toàn thế nào khi đi bộ đến trường?",
            "14-15": "Mức độ an toàn khi bạn đi bộ đến trường?", "16-17": "Bạn đánh giá mức độ an toàn trên đường đến trường thế nào?"},
   "scale_labels": {"7-10": ["Sợ lắm", "Hơi sợ", "Bình thường", "An toàn", "Rất an toàn"],
                    "11-13": ["Rất không an toàn", "Không an toàn", "Bình thường", "An toàn", "Rất an toàn"],
                    "14-15": ["Rất không an toàn", "Không an toàn", "Bình thường", "An toàn", "Rất an toàn"],
                    "16-17": ["Rất không an toàn", "Không an toàn", "Bình thường", "An toàn", "Rất an toàn"]},
   "faces": ["😟", "🙁", "😐", "🙂", "😄"]},
  {"id": "q_voice", "type": "yes_no",
   "text": {"7-10": "Người lớn có hỏi ý kiến em về sân chơi không?", "11-13": "Em đã bao giờ được hỏi ý kiến về sân chơi chưa?",
            "14-15": "Bạn đã từng được hỏi ý kiến về không gian vui chơi chưa?", "16-17": "Bạn đã từng được tham vấn về quy hoạch không gian công cộng chưa?"}},
  {"id": "q_first", "type": "ranking", "rank_count": 2,
   "text": {"7-10": "Việc nào nên làm trước? Xếp 2 việc", "11-13": "Xếp 2 việc nên làm trước",
            "14-15": "Xếp hạng 2 việc cần ưu tiên", "16-17": "Xếp hạng 2 ưu tiên hàng đầu"},
   "options": [
     {"id": "fix", "text": {"7-10": "Sửa đồ chơi hỏng", "11-13": "Sửa thiết bị hỏng", "14-15": "Sửa thiết bị hỏng", "16-17": "Sửa chữa thiết bị"}},
     {"id": "new", "text": {"7-10": "Làm sân chơi mới", "11-13": "Xây sân chơi mới", "14-15": "Xây sân chơi mới", "16-17": "Xây không gian mới"}},
     {"id": "open", "text": {"7-10": "Mở cửa sân trường cuối tuần", "11-13": "Mở sân trường cuối tuần", "14-15": "Mở sân trường cuối tuần", "16-17": "Mở sân trường cuối tuần"}}]},
  {"id": "q_idea", "type": "text", "max_length": 500,
   "text": {"7-10": "Em muốn nói gì thêm với các cô chú ở phường?", "11-13": "Em có ý tưởng gì cho sân chơi của phường?",
            "14-15": "Bạn có đề xuất gì cho không gian vui chơi của phường?", "16-17": "Bạn có kiến nghị gì với UBND phường?"}}
])json";

const char* kDemoInfoCards = R"json({
  "7-10": {"why": "Phường muốn làm sân chơi tốt hơn cho các em.", "who_reads": "Các anh chị Đoàn Thanh niên và cô chú ở phường đọc ý kiến của em.", "hear_back": "Em sẽ biết kết quả trước Tết."},
  "11-13": {"why": "UBND Phường 9 sắp quyết định sửa và xây sân chơi; ý kiến của em giúp chọn việc làm trước.", "who_reads": "Đoàn Thanh niên phường tổng hợp và gửi UBND phường.", "hear_back": "Kết quả và câu trả lời của phường sẽ có trước Tết Nguyên đán."},
  "14-15": {"why": "UBND Phường 9 lấy ý kiến trẻ em trước khi quyết định kế hoạch không gian vui chơi năm 2027.", "who_reads": "Đoàn Thanh niên tổng hợp; UBND phường quyết định.", "hear_back": "Phản hồi được gửi lại cho bạn trước Tết Nguyên đán 2027."},
  "16-17": {"why": "Theo Thông tư 36/2018, UBND Phường 9 tham vấn trẻ em trước khi phê duyệt kế hoạch không gian công cộng năm 2027.", "who_reads": "Đoàn Thanh niên phường tổng hợp, chuyển UBND phường; kết quả được công khai dạng số liệu tổng hợp.", "hear_back": "UBND phường phản hồi trước Tết Nguyên đán 2027."}
})json";

// The demo is written for the default bands; a deployment with other bands gets, for each of
// its bands, the wording of the default band its youngest children fall in.
nlohmann::json for_configured_bands(const nlohmann::json& by_default_band) {
  static const std::vector<std::pair<int, std::string>> defaults = {
      {10, "7-10"}, {13, "11-13"}, {15, "14-15"}, {17, "16-17"}};
  nlohmann::json out = nlohmann::json::object();
  for (const auto& band : age_bands())
    for (const auto& [max_age, id] : defaults)
      if (band.min_age <= max_age) {
        out[band.id] = by_default_band.at(id);
        break;
      }
  return out;
}

// The demo's own data, known to be well formed: read as it is written above.
std::vector<Question> demo_questions() {
  std::vector<Question> questions;
  const auto written = nlohmann::json::parse(kDemoQuestions);
  for (const auto& q : written) {
    Question question;
    question.id = q["id"];
    question.type = *question_type(q["type"].get<std::string>());
    question.text = for_configured_bands(q["text"]);
    if (q.contains("options"))
      for (const auto& o : q["options"])
        question.options.push_back({o["id"], for_configured_bands(o["text"])});
    question.max_choices = q.value("max_choices", 0);
    question.rank_count = q.value("rank_count", 0);
    question.max_length = q.value("max_length", 500);
    if (q.contains("scale_labels")) question.scale_labels = for_configured_bands(q["scale_labels"]);
    question.faces = q.value("faces", std::vector<std::string>());
    questions.push_back(std::move(question));
  }
  return questions;
}

std::map<std::string, InfoCard> demo_info_cards() {
  std::map<std::string, InfoCard> cards;
  const auto by_band = for_configured_bands(nlohmann::json::parse(kDemoInfoCards));
  for (const auto& [band, card] : by_band.items())
    cards[band] = {card["why"], card["who_reads"], card["hear_back"]};
  return cards;
}

Consultation seed_demo_consultation(const Clock& clock, Consultations& consultations,
                                    const Principal& moderator, const std::string& owner,
                                    const std::string& audience) {
  auto now = clock.now();
  ConsultationInput plan;
  plan.title = "Sân chơi và không gian xanh cho trẻ em Phường 9";
  plan.purpose =
      "Lấy ý kiến trẻ em về sân chơi, cây xanh và đường đến trường để UBND phường chọn việc ưu "
      "tiên.";
  plan.owner_unit_id = owner;
  plan.audience_unit_ids = std::vector<std::string>{audience};
  plan.audience_bands = std::vector<std::string>{};
  for (const auto& band : age_bands()) plan.audience_bands->push_back(band.id);
  plan.opens_at = format_time(now - std::chrono::days(1));
  plan.closes_at = format_time(now + std::chrono::days(60));
  plan.decision = "Kế hoạch cải tạo sân chơi và không gian xanh năm 2027 của Phường 9";
  plan.decision_maker = "Ủy ban nhân dân Phường 9";
  plan.decision_due = format_date(date_of(now + std::chrono::days(75)));
  plan.feedback_due = format_date(date_of(now + std::chrono::days(90)));
  plan.info_cards = demo_info_cards();
  plan.questions = demo_questions();
  Consultation c = consultations.create(moderator, plan);
  return consultations.publish(moderator, c.id);
}

// The Children's Council of Phường 9: members of 11–15 with both consents, two sessions this
// year (the first minuted with one proposal adopted and one not, the second held), one planned,
// and this year's "Forum listening to children's voices".
void seed_demo_council(Storage& storage, const Clock& clock, Pupils& pupils,
                       Organisation& organisation, const Principal& moderator,
                       const Principal& facilitator, const std::string& ward,
                       const std::string& chair_pupil_id, const WorkingCalendar& calendar) {
  using namespace std::chrono;
  AuditLog audit(storage.audit(), clock);
  // The Council's adopted proposal becomes a draft recommendation, as it would in use.
  Recommendations recommendations(storage, clock, audit, organisation, calendar, TextScreen{});
  Councils councils(storage, clock, audit, organisation, pupils, recommendations);
  Events events(storage, clock, audit, organisation);
  auto today = date_of(clock.now());
  int year = static_cast<int>(today.year());
  auto on = [](int y, unsigned m, unsigned d) {
    return format_date(year_month_day{std::chrono::year(y) / month(m) / day(d)});
  };
  // 11–15 with the default bands; the edges of the bands 11 and 15 fall in under other bands.
  Council council = councils.create(
      moderator, {ward, "Hội đồng trẻ em Phường 9", on(year, 1, 1), on(year + 1, 12, 31), 15,
                  band_for_age(11)->min_age, band_for_age(15)->max_age,
                  std::vector<std::string>{facilitator.id}});

  std::optional<std::string> since_term_start = council.term_start;
  std::vector<std::string> members;
  members.push_back(councils
                        .add_member(moderator, council.id,
                                    {chair_pupil_id, CouncilRole::kChair, CouncilJoining::kElection,
                                     since_term_start})
                        .id);
  struct DemoMember {
    const char* pseudonym;
    int age;
    CouncilRole role;
    CouncilJoining joined_by;
  };
  using enum CouncilRole;
  using enum CouncilJoining;
  for (const DemoMember& d : {DemoMember{"Sơn Ca", 12, kViceChair, kElection},
                              DemoMember{"Họa Mi", 12, kMember, kNomination},
                              DemoMember{"Chích Chòe", 14, kMember, kElection},
                              DemoMember{"Bồ Câu Trắng", 15, kMember, kNomination},
                              DemoMember{"Sao Biển", 13, kMember, kNomination}}) {
    auto joined =
        pupils.join({kDemoJoinCode, d.pseudonym, birth_date_for_age(clock, d.age), "demo", "demo"});
    Principal as_pupil;
    as_pupil.kind = Principal::Kind::kPupil;
    as_pupil.id = joined.pupil.id;
    pupils.give_child_consent(as_pupil, kConsentTextVersion);
    pupils.record_guardian_slip(facilitator, joined.pupil.id,
                                std::string("DEMO-HD-") + std::to_string(members.size()));
    members.push_back(councils
                          .add_member(moderator, council.id,
                                      {joined.pupil.id, d.role, d.joined_by, since_term_start})
                          .id);
  }

  // The first session of the year: held, votes taken, minuted.
  std::string first = on(year, 1, 10);
  if (first > format_date(today)) first = format_date(today);
  auto s1 = councils.plan_session(
      moderator, council.id,
      {"Kỳ họp thứ nhất năm " + std::to_string(year) + ": sân chơi và đường đến trường", first,
       "Nhà văn hóa Phường 9", std::nullopt});
  std::vector<std::string> present(members.begin(), members.end() - 1);  // one member absent
  councils.mark_held(moderator, s1.id, first, present);
  std::map<std::string, VoteChoice> votes;
  for (std::size_t i = 0; i < present.size(); ++i)
    votes[present[i]] = i < 4 ? VoteChoice::kFor : VoteChoice::kAbstain;
  councils.vote(moderator, s1.id,
                {"Mở cửa sân trường THCS Đào Duy Anh vào sáng Chủ nhật",
                 "Hội đồng trẻ em đề nghị Ủy ban nhân dân Phường 9 và nhà trường mở cửa sân trường "
                 "THCS Đào Duy Anh từ 7 giờ đến 11 giờ sáng Chủ nhật để thiếu nhi vui chơi, chơi "
                 "thể thao an toàn, có người trông coi.",
                 votes, std::nullopt});
  councils.vote(moderator, s1.id,
                {"Sơn lại vạch kẻ đường trước cổng trường",
                 "Đề nghị sơn lại vạch qua đường và đặt biển báo khu vực trường học trước cổng "
                 "trường.",
                 std::nullopt, VoteCounts{2, 2, 1}});
  councils.minute(moderator, s1.id,
                  "Hội đồng họp với " + std::to_string(present.size()) + "/" +
                      std::to_string(members.size()) +
                      " đại biểu có mặt. Thông qua kiến nghị mở cửa sân trường sáng Chủ nhật "
                      "(4 tán thành, 1 không biểu quyết). Kiến nghị sơn vạch kẻ đường chưa đủ "
                      "quá nửa số đại biểu có mặt tán thành; Hội đồng sẽ lấy thêm ý kiến các bạn.");

  // The second session: held, awaiting its minutes.
  std::string second = format_date(date_of(clock.now() - days(7)));
  if (second < first || second.substr(0, 4) != first.substr(0, 4)) second = first;
  auto s2 = councils.plan_session(
      moderator, council.id,
      {"Kỳ họp thứ hai năm " + std::to_string(year) + ": kết quả lấy ý kiến về sân chơi", second,
       "Trường THCS Đào Duy Anh", std::nullopt});
  councils.mark_held(moderator, s2.id, second, members);
  councils.plan_session(
      moderator, council.id,
      {"Kỳ họp chuẩn bị Diễn đàn năm " + std::to_string(year + 1),
       format_date(date_of(clock.now() + days(30))), "Nhà văn hóa Phường 9", std::nullopt});

  // Children present by the deployment's age bands (the demo counts children of 9, 12 and 15).
  std::map<std::string, std::int64_t> forum_children;
  for (const auto& [age, n] : {std::pair{9, 18}, {12, 34}, {15, 21}})
    if (auto band = band_for_age(age)) forum_children[band->id] += n;
  events.record(facilitator,
                {ward,
                 EventKind::kForum,
                 "Diễn đàn \"Lắng nghe tiếng nói trẻ em\" Phường 9 năm " + std::to_string(year),
                 first,
                 forum_children,
                 {"Kiến nghị mở cửa sân trường vào cuối tuần",
                  "Kiến nghị thêm đèn chiếu sáng trong hẻm trên đường đến trường"},
                 council.id});
}

}  // namespace

bool seed_demo(Storage& storage, const Clock& clock, Organisation& organisation, Accounts& accounts,
               Pupils& pupils, Consultations& consultations, const Keys& keys,
               const WorkingCalendar& calendar) {
  if (storage.accounts().count_accounts() > 0) return false;

  // Every demo account has the one documented password: hashed once.
  const std::string demo_hash = accounts.checked_hash(kDemoPassword);
  auto demo_account = [&](const Principal* actor, NewAccount account) {
    account.password_hash = demo_hash;
    return accounts.create(actor, account);
  };
  Account admin =
      demo_account(nullptr, {"admin", "Quản trị viên (demo)", "admin", kDemoPassword, {}, {}});
  Principal as_admin = demo_admin(admin);

  Unit city = organisation.create_unit(as_admin,
                                       {std::nullopt, "province", "Thành phố Hồ Chí Minh", "HCM"});
  Unit district =
      organisation.create_unit(as_admin, {city.id, "district", "Quận Phú Nhuận", "HCM-PN"});
  Unit ward2 = organisation.create_unit(as_admin, {district.id, "ward", "Phường 2", "HCM-PN-P2"});
  Unit ward9 = organisation.create_unit(as_admin, {district.id, "ward", "Phường 9", "HCM-PN-P9"});
  Unit ward15 =
      organisation.create_unit(as_admin, {district.id, "ward", "Phường 15", "HCM-PN-P15"});

  School dda = organisation.create_school(
      as_admin, {ward9.id, "Liên đội Trường THCS Đào Duy Anh", "THCS-DDA"});
  School cvl = organisation.create_school(
      as_admin, {ward2.id, "Liên đội Trường THCS Châu Văn Liêm", "THCS-CVL"});
  School cl =
      organisation.create_school(as_admin, {ward15.id, "Liên đội Trường Tiểu học Cổ Loa", "TH-CL"});

  Authority committee = organisation.create_authority(
      as_admin,
      {"Ủy ban nhân dân Phường 9", "people_committee", ward9.id, "UBND-P9", 30, {ward9.id}});
  Authority education =
      organisation.create_authority(as_admin, {"Phòng Giáo dục và Đào tạo quận Phú Nhuận",
                                               "education_office",
                                               district.id,
                                               "PGDDT-PN",
                                               30,
                                               {district.id}});
  organisation.create_authority(
      as_admin, {"Công an quận Phú Nhuận", "police", district.id, "CA-PN", 20, {district.id}});
  organisation.create_authority(as_admin, {"Trung tâm Văn hóa - Thể thao quận Phú Nhuận",
                                           "culture_sports",
                                           district.id,
                                           "TTVHTT-PN",
                                           30,
                                           {district.id}});
  organisation.create_authority(as_admin, {"Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh",
                                           "education_department",
                                           city.id,
                                           "SGDDT-HCM",
                                           45,
                                           {city.id}});

  Account facilitator = demo_account(&as_admin, {"facilitator",
                                                 "Cô Nguyễn Thị Lan (TPT Đội, demo)",
                                                 "facilitator",
                                                 kDemoPassword,
                                                 {ward9.id},
                                                 {},
                                                 {dda.id}});
  Account moderator = demo_account(&as_admin, {"moderator",
                                               "Anh Trần Minh Khoa (Đoàn phường, demo)",
                                               "moderator",
                                               kDemoPassword,
                                               {district.id},
                                               {}});
  demo_account(&as_admin, {"moderator2",
                           "Chị Lê Thu Hà (Đoàn phường, demo)",
                           "moderator",
                           kDemoPassword,
                           {district.id},
                           {}});
  demo_account(&as_admin, {"safeguarding",
                           "Chị Phạm Ngọc Mai (bảo vệ trẻ em, demo)",
                           "safeguarding_lead",
                           kDemoPassword,
                           {district.id},
                           {}});
  demo_account(&as_admin, {"safeguarding2",
                           "Anh Võ Quốc Bảo (bảo vệ trẻ em, demo)",
                           "safeguarding_lead",
                           kDemoPassword,
                           {district.id},
                           {}});
  demo_account(&as_admin, {"official",
                           "Ông Đặng Văn Hùng (UBND Phường 9, demo)",
                           "official",
                           kDemoPassword,
                           {},
                           committee.id});
  demo_account(&as_admin, {"official2",
                           "Bà Huỳnh Thị Thu (Phòng GD&ĐT, demo)",
                           "official",
                           kDemoPassword,
                           {},
                           education.id});

  Principal as_facilitator = demo_admin(facilitator);
  as_facilitator.role = Role::kFacilitator;
  as_facilitator.unit_ids = facilitator.unit_ids;
  as_facilitator.school_ids = facilitator.school_ids;
  auto [class6a, first_code] =
      organisation.create_class(as_facilitator, {dda.id, "6A", 6, "2026-2027"});
  storage.organisation().revoke_join_code(first_code.code, clock.now_text());
  storage.organisation().insert_join_code(
      {kDemoJoinCode, class6a.id, facilitator.id, clock.now_text(),
       format_time(clock.now() + std::chrono::days(5 * 365)), std::nullopt});
  // Another school's class: the facilitator of Đào Duy Anh does not reach it.
  organisation.create_class(as_admin, {cl.id, "4C", 4, "2026-2027"});
  organisation.create_class(as_admin, {cvl.id, "8B", 8, "2026-2027"});

  // Two pupils who have both consents, with sign-in codes the README lists.
  struct DemoPupil {
    const char* pseudonym;
    int age;
    const char* sign_in_code;
  };
  for (const DemoPupil& d : {DemoPupil{"Mèo Xanh", 11, "meo-xanh-2024"},
                             DemoPupil{"Cá Heo Vàng", 13, "caheo-vang-2025"}}) {
    auto joined =
        pupils.join({kDemoJoinCode, d.pseudonym, birth_date_for_age(clock, d.age), "demo", "demo"});
    Pupil p = joined.pupil;
    p.sign_in_lookup = lookup_hash(keys, d.sign_in_code);
    storage.pupils().update_pupil(p);
    Principal as_pupil;
    as_pupil.kind = Principal::Kind::kPupil;
    as_pupil.id = p.id;
    pupils.give_child_consent(as_pupil, kConsentTextVersion);
    pupils.record_guardian_slip(as_facilitator, p.id,
                                "DEMO-SLIP-" + std::string(d.sign_in_code).substr(0, 3));
  }

  Principal as_moderator = demo_admin(moderator);
  as_moderator.role = Role::kModerator;
  as_moderator.unit_ids = moderator.unit_ids;
  seed_demo_consultation(clock, consultations, as_moderator, district.id, ward9.id);
  std::string chair;
  for (const auto& p : storage.pupils().pupils_of_class(class6a.id))
    if (p.pseudonym == "Cá Heo Vàng") chair = p.id;
  seed_demo_council(storage, clock, pupils, organisation, as_moderator, as_facilitator, ward9.id,
                    chair, calendar);
  return true;
}

}  // namespace ln
