#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "api/screen_json.h"
#include "base/errors.h"
#include "tests/moderation/test_support.h"

namespace ln::moderation {
namespace {

std::vector<nlohmann::json> run(const std::string& input) {
  std::istringstream in(input);
  std::ostringstream out;
  EXPECT_EQ(api::screen_lines(testing::screener(), in, out), 0);
  std::vector<nlohmann::json> lines;
  std::istringstream result(out.str());
  std::string line;
  while (std::getline(result, line)) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

TEST(ScreenLines, OneVerdictPerLineInOrder) {
  const auto lines = run("bố em hay đánh em\nlớp 6A cần thêm quạt\nzalo 0912345678\r\n");
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0]["route"], "safeguarding");
  EXPECT_EQ(lines[0]["labels"], nlohmann::json::array({"disclosure"}));
  EXPECT_EQ(lines[1]["route"], "normal");
  EXPECT_EQ(lines[1]["labels"], nlohmann::json::array());
  EXPECT_EQ(lines[2]["labels"], nlohmann::json::array({"personal_info"}));
  const auto& span = lines[2]["spans"][0];
  EXPECT_EQ(span["start"], 5);
  EXPECT_EQ(span["end"], 15);
  EXPECT_EQ(span["byte_start"], 5);
  EXPECT_EQ(span["byte_end"], 15);
  EXPECT_EQ(span["label"], "personal_info");
  EXPECT_EQ(span["rule"], "pi.phone.vn");
  EXPECT_EQ(span["category"], "phone");
  EXPECT_TRUE(span["severity"].is_number_integer());
  EXPECT_FALSE(lines[2]["lexicon_version"].get<std::string>().empty());
}

TEST(ScreenLines, InvalidUtf8AndEmptyLinesKeepTheirPlace) {
  const auto lines = run("ok\n\nabc\xff\xfe\nvl\n");
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0]["route"], "normal");
  EXPECT_EQ(lines[1]["spans"], nlohmann::json::array());
  EXPECT_EQ(lines[2], (nlohmann::json{{"error", "invalid_utf8"}, {"line", 3}}));
  EXPECT_EQ(lines[3]["labels"], nlohmann::json::array({"rude"}));
}

TEST(ScreenLines, OffsetsCountCodePointsNotBytes) {
  // "Đường" has 5 code points and 9 bytes; the phone starts after it.
  const auto lines = run("Đường 0912345678\n");
  const auto& span = lines.at(0)["spans"][0];
  EXPECT_EQ(span["start"], 6);
  EXPECT_EQ(span["byte_start"], 10);
  EXPECT_EQ(span["end"], 16);
  EXPECT_EQ(span["byte_end"], 20);
}

TEST(ScreenLines, ScreenRejectsInvalidUtf8WithATypedError) {
  try {
    testing::screener().screen("\xc3\x28");
    FAIL() << "no exception";
  } catch (const Invalid& e) {
    EXPECT_EQ(e.code(), "invalid_utf8");
  }
}

TEST(ScreenLines, EmojiAndCombiningMarksInOffsets) {
  const std::string text = "😀 Ho\u0302\u0300 đm";  // emoji, "Hồ" with combining marks, "đm"
  const auto verdict = testing::screener().screen(text);
  ASSERT_EQ(verdict.spans.size(), 1u);
  EXPECT_EQ(verdict.spans[0].start, 7u);  // 😀, space, H, o, two marks, space
  EXPECT_EQ(verdict.spans[0].end, 9u);
  EXPECT_EQ(verdict.spans[0].byte_start, std::string("😀 Ho\u0302\u0300 ").size());
  EXPECT_EQ(testing::span_text(text, verdict.spans[0]), "đm");
}

}  // namespace
}  // namespace ln::moderation
