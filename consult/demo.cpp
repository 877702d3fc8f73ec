#include "consult/demo.h"

#include "consult/consent_text.h"
#include "consult/crypto.h"

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

std::string birth_date_for_age(const Clock& clock, int age) {
  auto today = date_of(clock.now());
  auto year = today.year() - std::chrono::years(age);
  return format_date(std::chrono::year_month_day{year / std::chrono::January / 15});
}

}  // namespace

bool seed_demo(Storage& storage, const Clock& clock, Organisation& organisation, Accounts& accounts,
               Pupils& pupils, const Keys& keys) {
  if (storage.accounts().count_accounts() > 0) return false;

  Account admin =
      accounts.create(nullptr, {"admin", "Quản trị viên (demo)", "admin", kDemoPassword, {}, {}});
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

  Account facilitator = accounts.create(&as_admin, {"facilitator",
                                                    "Cô Nguyễn Thị Lan (TPT Đội, demo)",
                                                    "facilitator",
                                                    kDemoPassword,
                                                    {ward9.id, ward15.id},
                                                    {}});
  accounts.create(&as_admin, {"moderator",
                              "Anh Trần Minh Khoa (Đoàn phường, demo)",
                              "moderator",
                              kDemoPassword,
                              {district.id},
                              {}});
  accounts.create(&as_admin, {"moderator2",
                              "Chị Lê Thu Hà (Đoàn phường, demo)",
                              "moderator",
                              kDemoPassword,
                              {district.id},
                              {}});
  accounts.create(&as_admin, {"safeguarding",
                              "Chị Phạm Ngọc Mai (bảo vệ trẻ em, demo)",
                              "safeguarding_lead",
                              kDemoPassword,
                              {district.id},
                              {}});
  accounts.create(&as_admin, {"safeguarding2",
                              "Anh Võ Quốc Bảo (bảo vệ trẻ em, demo)",
                              "safeguarding_lead",
                              kDemoPassword,
                              {district.id},
                              {}});
  accounts.create(&as_admin, {"official",
                              "Ông Đặng Văn Hùng (UBND Phường 9, demo)",
                              "official",
                              kDemoPassword,
                              {},
                              committee.id});
  accounts.create(&as_admin, {"official2",
                              "Bà Huỳnh Thị Thu (Phòng GD&ĐT, demo)",
                              "official",
                              kDemoPassword,
                              {},
                              education.id});

  Principal as_facilitator = demo_admin(facilitator);
  as_facilitator.role = Role::kFacilitator;
  as_facilitator.unit_ids = facilitator.unit_ids;
  auto [class6a, first_code] =
      organisation.create_class(as_facilitator, {dda.id, "6A", 6, "2026-2027"});
  storage.organisation().revoke_join_code(first_code.code, clock.now_text());
  storage.organisation().insert_join_code(
      {kDemoJoinCode, class6a.id, facilitator.id, clock.now_text(),
       format_time(clock.now() + std::chrono::days(5 * 365)), std::nullopt});
  organisation.create_class(as_facilitator, {cl.id, "4C", 4, "2026-2027"});
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
  return true;
}

}  // namespace ln
