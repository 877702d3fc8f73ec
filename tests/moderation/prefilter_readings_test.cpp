// The prefilter readings the build works out for the shipped lexicons (moderation/prefilters/):
// the server takes them as they are instead of reading each pattern's formula at start, so they
// must be exactly what loading would read, and survive being written into a source file.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "moderation/pattern.h"
#include "moderation/screener.h"

namespace ln::moderation {
namespace {

TEST(PrefilterReadings, WrittenReadingsReadBackTheSame) {
  const std::vector<PrefilterReading> readings = {
      {"\\b(?:bo|ba) danh\\b", false, {{"danh"}, {"ba", "bo"}}, {}},
      {"[0-9]{9}", true, {}, {}},
      // Bytes a separator could be mistaken for, digits after a length, UTF-8, a NUL.
      {std::string("a:1:\0b\xe1\xbb\x87", 8), false, {{"1:", "12"}, {""}}, {{"@", "acong"}, {"/"}}},
  };
  const std::string text = serialise_readings(readings);
  EXPECT_EQ(parse_readings(text), readings);
  // Cut short or changed, the whole text is refused rather than half read.
  EXPECT_TRUE(parse_readings(text.substr(0, text.size() - 3)).empty());
  EXPECT_TRUE(parse_readings("prefilter readings 0\n").empty());
  EXPECT_TRUE(parse_readings(text + "7:").empty());
}

TEST(PrefilterReadings, TheShippedLexiconsPatternsAreKnownAheadAsLoadingWouldReadThem) {
  const Screener screener(default_lexicon_dir());
  const std::vector<PrefilterReading> loaded = loaded_prefilter_readings();
  ASSERT_FALSE(loaded.empty());
  for (const PrefilterReading& reading : loaded) {
    EXPECT_TRUE(prefilter_known_ahead(reading.source)) << reading.source;
    EXPECT_EQ(read_prefilter(reading.source, "test"), reading) << reading.source;
  }
}

// A pattern the build did not see (other lexicons) is read at load, as before.
TEST(PrefilterReadings, APatternNotKnownAheadIsReadAtLoad) {
  const std::string source = R"(\bmot mau (?:xanh|do) chua ai viet\b)";
  EXPECT_FALSE(prefilter_known_ahead(source));
  PatternSet set;
  set.add(source, "test");
  set.finish();
  EXPECT_EQ(set.candidates(utf8_view(U"mot mau xanh chua ai viet")), std::vector<std::size_t>{0});
  EXPECT_TRUE(set.candidates(utf8_view(U"mot mau tim")).empty());
}

}  // namespace
}  // namespace ln::moderation
