#include "moderation/lexicon.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "moderation/screener.h"

namespace ln::moderation {
namespace {

namespace fs = std::filesystem;

// A copy of the real lexicons in a temporary folder, to break one file at a time.
class BrokenLexicon : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("lexicon-test-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::copy(LANGNGHE_LEXICON_DIR, dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void append(const std::string& file, const std::string& line) {
    std::ofstream(dir_ / file, std::ios::app) << line << "\n";
  }
  std::string error() {
    try {
      Screener screener(dir_);
    } catch (const std::runtime_error& e) {
      return e.what();
    }
    return "";
  }
  fs::path dir_;
};

TEST(Lexicon, LoadsTheSourceLexicons) {
  const Lexicon lexicon = load_lexicon(LANGNGHE_LEXICON_DIR);
  EXPECT_FALSE(lexicon.version.empty());
  EXPECT_GT(lexicon.rude.size(), 50u);
  EXPECT_GT(lexicon.disclosures.size(), 30u);
  EXPECT_FALSE(lexicon.words("digit").empty());
  EXPECT_EQ(Screener(default_lexicon_dir()).lexicon_version(), lexicon.version);
}

TEST_F(BrokenLexicon, MissingFolderOrFileIsNamed) {
  EXPECT_EQ(error(), "");  // the copy itself is fine
  fs::remove(dir_ / "rude.tsv");
  EXPECT_NE(error().find("rude.tsv"), std::string::npos) << error();
  EXPECT_THROW(Screener(dir_ / "nowhere"), std::runtime_error);
}

TEST_F(BrokenLexicon, BadSeverityNamesTheLine) {
  append("rude.tsv", "xyz\tvi\tinsult\t9\t-");
  EXPECT_NE(error().find("rude.tsv:"), std::string::npos) << error();
  EXPECT_NE(error().find("severity"), std::string::npos) << error();
}

TEST_F(BrokenLexicon, WrongFieldCountAndUnknownCategory) {
  append("disclosure.tsv", "self_harm\tvi\t7\tre");
  EXPECT_NE(error().find("disclosure.tsv:"), std::string::npos) << error();
}

TEST_F(BrokenLexicon, UnknownCategory) {
  append("rude.tsv", "xyz\tvi\tnasty\t3\t-");
  EXPECT_NE(error().find("unknown category"), std::string::npos) << error();
}

TEST_F(BrokenLexicon, BadPatternIsReported) {
  append("disclosure.tsv", "self_harm\tvi\t7\tre\t(unclosed");
  EXPECT_NE(error().find("bad pattern"), std::string::npos) << error();
}

TEST_F(BrokenLexicon, UndefinedNameInPattern) {
  append("disclosure.tsv", "self_harm\tvi\t7\tre\t{NOT_DEFINED} x");
  EXPECT_NE(error().find("NOT_DEFINED"), std::string::npos) << error();
}

TEST_F(BrokenLexicon, InvalidUtf8) {
  append("rude_exceptions.txt", "abc\xff");
  EXPECT_NE(error().find("UTF-8"), std::string::npos) << error();
}

TEST_F(BrokenLexicon, AnAccentLineNeedsItsHarmForms) {
  append("disclosure_exceptions.tsv", "accent\ttu tu");
  EXPECT_NE(error().find("disclosure_exceptions.tsv:"), std::string::npos) << error();
  EXPECT_NE(error().find("harm forms"), std::string::npos) << error();
}

TEST_F(BrokenLexicon, ABareLineIsAnExceptionNotARule) {
  append("disclosure.tsv", "self_harm\tvi\t7\tbare\ttu tu");
  EXPECT_NE(error().find("disclosure.tsv:"), std::string::npos) << error();
  EXPECT_NE(error().find("kind must be 'phrase' or 're'"), std::string::npos) << error();
}

TEST_F(BrokenLexicon, ABareLineMustCompile) {
  append("disclosure_exceptions.tsv", "bare\t(unclosed");
  EXPECT_NE(error().find("disclosure_exceptions.tsv:"), std::string::npos) << error();
}

TEST_F(BrokenLexicon, AFrameLineIsAnExceptionNotARule) {
  append("disclosure.tsv", "self_harm\tvi\t7\tframe\ttu tu");
  EXPECT_NE(error().find("disclosure.tsv:"), std::string::npos) << error();
  EXPECT_NE(error().find("kind must be 'phrase' or 're'"), std::string::npos) << error();
}

TEST_F(BrokenLexicon, AFrameLineMustCompile) {
  append("disclosure_exceptions.tsv", "frame\t\\b(?:phim|truyen");
  EXPECT_NE(error().find("disclosure_exceptions.tsv:"), std::string::npos) << error();
}

TEST_F(BrokenLexicon, AnAccentLineWithAnEmptyHarmFormIsRefused) {
  append("disclosure_exceptions.tsv", "accent\ttu tu\ttự tử||");
  EXPECT_NE(error().find("empty harm form"), std::string::npos) << error();
}

TEST_F(BrokenLexicon, EmptyVersion) {
  std::ofstream(dir_ / "VERSION", std::ios::trunc) << "\n";
  EXPECT_NE(error().find("VERSION"), std::string::npos) << error();
}

}  // namespace
}  // namespace ln::moderation
