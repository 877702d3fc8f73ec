#include "moderation/simhash.h"

#include <gtest/gtest.h>

namespace ln::moderation {
namespace {

TEST(Simhash, NormalisesForDuplicates) {
  EXPECT_EQ(normalised_for_duplicates("  Trường EM cần thêm cây xanh!!! 😀 "),
            "truong em can them cay xanh");
  EXPECT_EQ(normalised_for_duplicates("Truong em can them cay xanh"),
            normalised_for_duplicates("Trường em cần thêm cây xanh."));
  EXPECT_EQ(normalised_for_duplicates("\xff"), "");
}

TEST(Simhash, NearDuplicatesAreClose) {
  const auto a = simhash(normalised_for_duplicates(
      "Em mong trường có thêm cây xanh và ghế đá ở sân trường để chúng em ngồi nghỉ"));
  const auto b = simhash(normalised_for_duplicates(
      "Em mong trường có thêm cây xanh và ghế đá ở sân trường để chúng em ngồi chơi"));
  const auto c = simhash(normalised_for_duplicates(
      "Xe buýt số 32 hay đến muộn, các bạn đi học bị trễ giờ vào lớp buổi sáng"));
  EXPECT_LT(hamming_distance(a, b), hamming_distance(a, c));
  EXPECT_LE(hamming_distance(a, b), 12);
  EXPECT_GE(hamming_distance(a, c), 16);
  EXPECT_EQ(simhash("same text here"), simhash("same text here"));
  EXPECT_EQ(simhash(""), 0u);
}

TEST(Simhash, HammingDistance) {
  EXPECT_EQ(hamming_distance(0, 0), 0);
  EXPECT_EQ(hamming_distance(0, ~0ULL), 64);
  EXPECT_EQ(hamming_distance(0b1011, 0b0001), 2);
}

}  // namespace
}  // namespace ln::moderation
