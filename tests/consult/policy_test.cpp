#include "consult/policy.h"

#include <gtest/gtest.h>

#include "base/errors.h"
#include "consult/pseudonyms.h"

namespace ln {
namespace {

Principal as(Role role) {
  Principal p;
  p.role = role;
  p.kind = is_adult_role(role) ? Principal::Kind::kAccount : Principal::Kind::kPupil;
  return p;
}

TEST(Policy, OnlyAdminsManageAccountsAndOrganisation) {
  for (Role role : all_roles()) {
    EXPECT_EQ(role_has(role, Permission::kManageAccounts), role == Role::kAdmin);
    EXPECT_EQ(role_has(role, Permission::kManageOrganisation), role == Role::kAdmin);
    EXPECT_EQ(role_has(role, Permission::kRevealIdentity), role == Role::kSafeguardingLead);
  }
}

TEST(Policy, ChildrenNeverReachAdultPermissions) {
  for (Permission p :
       {Permission::kAdult, Permission::kReadOrganisation, Permission::kManageClasses,
        Permission::kManagePupils, Permission::kReadAudit, Permission::kHandleDataRequests}) {
    EXPECT_FALSE(role_has(Role::kPupil, p)) << to_string(p);
    EXPECT_FALSE(role_has(Role::kCouncilMember, p)) << to_string(p);
  }
}

TEST(Policy, CouncilsAreRunByTheYouthUnionAndAdmins) {
  for (Role role : all_roles()) {
    EXPECT_EQ(role_has(role, Permission::kManageCouncils),
              role == Role::kModerator || role == Role::kAdmin)
        << to_string(role);
    EXPECT_EQ(role_has(role, Permission::kReadReports),
              role == Role::kFacilitator || role == Role::kModerator || role == Role::kAdmin)
        << to_string(role);
  }
  // Council members are children: they take part in their Council, they do not run it.
  EXPECT_FALSE(role_has(Role::kCouncilMember, Permission::kManageEvents));
}

TEST(Policy, RequireNamesWhatIsMissing) {
  EXPECT_THROW(require(nullptr, Permission::kSignedIn), Unauthorized);
  auto moderator = as(Role::kModerator);
  EXPECT_THROW(require(&moderator, Permission::kManageAccounts), Forbidden);
  EXPECT_NO_THROW(require(&moderator, Permission::kReadOrganisation));
}

TEST(Policy, ContributingNeedsBothConsents) {
  auto pupil = as(Role::kPupil);
  try {
    require(&pupil, Permission::kPupilContribute);
    FAIL();
  } catch (const Forbidden& e) {
    EXPECT_EQ(e.code(), "consent_required");
  }
  pupil.child_consent = true;
  EXPECT_THROW(require(&pupil, Permission::kPupilContribute), Forbidden);
  pupil.guardian_consent = true;
  EXPECT_NO_THROW(require(&pupil, Permission::kPupilContribute));
}

TEST(Pseudonyms, SuggestionsAreDistinctAndAcceptable) {
  auto names = pseudonym_suggestions(6);
  ASSERT_EQ(names.size(), 6u);
  for (const auto& n : names) EXPECT_EQ(check_pseudonym(n), n);
}

TEST(Pseudonyms, TypedNamesAreScreened) {
  EXPECT_EQ(check_pseudonym("  Sóc Nâu 7 "), "Sóc Nâu 7");
  EXPECT_THROW(check_pseudonym("x"), Invalid);
  EXPECT_THROW(check_pseudonym("gọi 0912345678"), Invalid);
  EXPECT_THROW(check_pseudonym("me@mail.com"), Invalid);
  EXPECT_THROW(check_pseudonym("thằng đm"), Invalid);
  EXPECT_THROW(check_pseudonym(std::string(31, 'a')), Invalid);
  EXPECT_NO_THROW(check_pseudonym("Đi Học"));  // "đi" is not a rude word
}

TEST(Pseudonyms, LookAlikesShareAKeyAndFullNamesAreRefused) {
  const std::string key = pseudonym_key("Mèo Xanh");
  EXPECT_EQ(pseudonym_key("Me\u0300o Xanh"), key);       // combining accent
  EXPECT_EQ(pseudonym_key("M\u0435\u0300o Xanh"), key);  // Cyrillic е
  EXPECT_EQ(pseudonym_key(" MÈO \t XANH "), key);
  EXPECT_NE(pseudonym_key("Meo Xanh"), key);  // "meo" is another word
  EXPECT_NE(pseudonym_key("Mèo Xanh Lá"), key);
  for (const std::string name : {"Nguyễn Văn An", "nguyen van an", "Trần Thị Mai",
                                 "Em tên là Phạm Minh Khôi", "Ngô Bảo Châu"}) {
    try {
      check_pseudonym(name);
      ADD_FAILURE() << name << " was accepted";
    } catch (const Invalid& e) {
      EXPECT_EQ(e.code(), "real_name") << name;
    }
  }
  // Family names that are also words, and two-word names without a middle name, stay possible.
  for (const std::string name : {"Mai Vàng", "Hổ Vằn Vàng", "Lê Xanh", "Phan Xanh", "Hồ Xanh"})
    EXPECT_EQ(check_pseudonym(name), name);
}

TEST(Pseudonyms, SignInCodesAreReadable) {
  auto code = new_sign_in_code();
  EXPECT_EQ(normalise_sign_in_code("  " + code + " "), code);
  for (char c : code)
    EXPECT_TRUE(std::islower(static_cast<unsigned char>(c)) ||
                std::isdigit(static_cast<unsigned char>(c)) || c == '-');
}

TEST(Pseudonyms, NewSignInCodesAreLongAndTypedLoosely) {
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(is_long_sign_in_code(new_sign_in_code()));
  EXPECT_EQ(normalise_sign_in_code(" Meo  Xanh-4821 - CUN vang\t7390 "),
            "meo-xanh-4821-cun-vang-7390");
  // Codes given before keep their form, and are not taken for long ones.
  EXPECT_EQ(normalise_sign_in_code("Meo-Xanh-2024 "), "meo-xanh-2024");
  EXPECT_FALSE(is_long_sign_in_code("meo-xanh-2024"));
  EXPECT_FALSE(is_long_sign_in_code(""));
}

}  // namespace
}  // namespace ln
