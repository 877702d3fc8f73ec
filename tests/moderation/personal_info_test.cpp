#include <gtest/gtest.h>

#include "tests/moderation/test_support.h"

namespace ln::moderation {
namespace {

using testing::found;
using Texts = std::vector<std::string>;

std::vector<std::string> rules(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& s : testing::screener().screen(text).spans) {
    if (s.label == "personal_info") out.push_back(s.rule);
  }
  return out;
}

TEST(PersonalInfo, PhoneNumbersInEveryCommonWriting) {
  EXPECT_EQ(found("sđt em 0912 345 678 nha", "personal_info"), Texts{"0912 345 678"});
  EXPECT_EQ(found("0912.345.678", "personal_info"), Texts{"0912.345.678"});
  EXPECT_EQ(found("gọi +84 912.345.678", "personal_info"), Texts{"+84 912.345.678"});
  EXPECT_EQ(found("(+84) 912-345-678", "personal_info"), Texts{"(+84) 912-345-678"});
  EXPECT_EQ(found("84912345678", "personal_info"), Texts{"84912345678"});
  EXPECT_EQ(found("số bàn 024 3825 1234", "personal_info"), Texts{"024 3825 1234"});
  EXPECT_EQ(found("không chín một hai ba bốn năm sáu bảy tám", "personal_info"),
            Texts{"không chín một hai ba bốn năm sáu bảy tám"});
  EXPECT_EQ(found("khong 9 mot 2 345 sau 78", "personal_info"), Texts{"khong 9 mot 2 345 sau 78"});
  EXPECT_EQ(found("０９１２３４５６７８", "personal_info"), Texts{"０９１２３４５６７８"});
  EXPECT_EQ(found("o912 345 678", "personal_info"), Texts{"o912 345 678"});
  EXPECT_EQ(rules("số điện thoại của em là 0912 345"),
            std::vector<std::string>{"pi.phone.after_keyword"});
}

TEST(PersonalInfo, NumbersThatAreNotPhones) {
  for (const char* text :
       {"trường em có 1200 học sinh", "lớp 6A cần thêm quạt", "ngày 03.05.2024 lúc 09.30",
        "quyên góp 1.200.000 đồng", "gọi 111 khi cần giúp đỡ", "năm học 2024 2025",
        "phòng 203 và 205", "tổng đài 18001567", "1 2 3 4 5 6 7 8 9 10"}) {
    EXPECT_TRUE(rules(text).empty()) << text;
  }
}

TEST(PersonalInfo, EmailAddressesWrittenAndSpoken) {
  EXPECT_EQ(found("mail: lan.nguyen2012@gmail.com", "personal_info"),
            Texts{"lan.nguyen2012@gmail.com"});
  EXPECT_EQ(found("abc a còng gmail chấm com", "personal_info"),
            Texts{"abc a còng gmail chấm com"});
  EXPECT_EQ(found("abc at gmail dot com", "personal_info"), Texts{"abc at gmail dot com"});
  EXPECT_EQ(found("abc(at)yahoo[dot]com", "personal_info"), Texts{"abc(at)yahoo[dot]com"});
  EXPECT_EQ(found("abc [at] truong [dot] edu [dot] vn", "personal_info"),
            Texts{"abc [at] truong [dot] edu [dot] vn"});
  EXPECT_TRUE(rules("we meet at school at 7").empty());
}

TEST(PersonalInfo, LinksAndDomains) {
  EXPECT_EQ(found("vào facebook.com/xyz nhé", "personal_info"), Texts{"facebook.com/xyz"});
  EXPECT_EQ(found("bit.ly/3abc", "personal_info"), Texts{"bit.ly/3abc"});
  EXPECT_EQ(found("trang abc.vn", "personal_info"), Texts{"abc.vn"});
  EXPECT_EQ(found("https://example.org/a?b=1", "personal_info"),
            Texts{"https://example.org/a?b=1"});
  // Sentences glued without a space are not domains ("đẹp.Có" → "dep.co").
  EXPECT_TRUE(rules("Trường em rất đẹp.Có nhiều cây.Mẹ em khen").empty());
}

TEST(PersonalInfo, SocialHandles) {
  EXPECT_EQ(found("kết bạn @ten_toi nha", "personal_info"), Texts{"@ten_toi"});
  EXPECT_EQ(found("fb: Lan Nguyen", "personal_info"), Texts{"fb: Lan Nguyen"});
  EXPECT_EQ(found("ig mai_anh2012", "personal_info"), Texts{"ig mai_anh2012"});
  EXPECT_FALSE(rules("tiktok của em là lanxinh09").empty());
  EXPECT_FALSE(rules("add me on snapchat please").empty());
  EXPECT_TRUE(rules("em thích xem tiktok 30 phút mỗi ngày").empty());
  EXPECT_TRUE(rules("Zalo là ứng dụng bố mẹ em hay dùng").empty());
}

TEST(PersonalInfo, StreetAddresses) {
  EXPECT_FALSE(rules("nhà em ở số 12 ngõ 34 phố Huế").empty());
  EXPECT_FALSE(rules("hẻm 47/9B Nguyễn Trãi").empty());
  EXPECT_FALSE(rules("số nhà 15 đường Lê Lợi").empty());
  EXPECT_FALSE(rules("em ở thôn 3, xã An Bình").empty());
  EXPECT_FALSE(rules("I live at 12 Oak Street").empty());
  EXPECT_TRUE(rules("Ngõ 42 phố Hoàng Cầu hay bị ngập").empty());
  EXPECT_TRUE(rules("đường phố đông xe quá").empty());
  EXPECT_TRUE(rules("phường em cần thêm sân chơi").empty());
  EXPECT_TRUE(rules("tổ 3 lớp em trực nhật").empty());
}

TEST(PersonalInfo, SelfIdentificationAndNameWithSchool) {
  EXPECT_EQ(rules("Em tên là Lan, em thích đọc sách"), std::vector<std::string>{"pi.self.name"});
  EXPECT_EQ(found("Tớ tên Nguyễn Thị Lan nhé", "personal_info"), Texts{"Tớ tên Nguyễn Thị Lan"});
  const auto verdict = testing::screener().screen("mình là Minh, học lớp 6A trường THCS Kim Đồng");
  ASSERT_FALSE(verdict.spans.empty());
  EXPECT_EQ(verdict.spans.front().rule, "pi.self.name_with_school");
  EXPECT_GE(verdict.spans.front().severity, 5);
  EXPECT_EQ(verdict.route, "priority");
  EXPECT_FALSE(rules("I'm in class 5B at Hoa Sen school").empty());
  EXPECT_FALSE(rules("my name is Tom").empty());
  EXPECT_TRUE(rules("Em là học sinh lớp 6A, em thấy sân trường cần thêm cây").empty());
  EXPECT_TRUE(rules("Em tên là gì không quan trọng").empty());
  EXPECT_TRUE(rules("I'm happy at school").empty());
}

TEST(PersonalInfo, ContactDetailsGoToPriority) {
  EXPECT_EQ(testing::screener().screen("zalo 0912345678").route, "priority");
  EXPECT_EQ(testing::screener().screen("xem trang abc.vn").route, "normal");
}

}  // namespace
}  // namespace ln::moderation
