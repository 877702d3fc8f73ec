// The model may hold back a possible disclosure the lexicons found when it finds the text wholly
// unlike a disclosure (moderation/screener.h): the finding stays visible to the moderator as a
// hint, without the label or the safeguarding route. Thoughts of suicide, self-harm and sexual
// abuse are never held. Each test sets the line just above or just below the model's own
// probability for the text, so it holds whatever the trained model says about it.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <iomanip>

#include "api/screen_json.h"
#include "moderation/classifier.h"
#include "moderation/screener.h"

namespace ln::moderation {
namespace {
namespace fs = std::filesystem;

class HeldFindings : public ::testing::Test {
 protected:
  HeldFindings() : dir_(fs::temp_directory_path() / ("ln-held-" + std::to_string(::getpid()))) {
    fs::create_directories(dir_);
    fs::copy_file(LANGNGHE_MODEL_FILE, dir_ / "model.bin", fs::copy_options::overwrite_existing);
  }
  ~HeldFindings() override { fs::remove_all(dir_); }

  // The model's disclosure probability for the text.
  float probability(const std::string& text) const {
    const Classifier model(LANGNGHE_MODEL_FILE);
    return model.probabilities(*normalise(text)).at("disclosure");
  }

  // A screener whose model raises no label by itself and holds below `line`.
  Screener screener_holding_below(float line) const {
    std::ofstream(dir_ / "model.bin.thresholds")
        << "disclosure\t1\npersonal_info\t1\nrude\t1\ndisclosure_held_below\t"
        << std::setprecision(9) << line << '\n';
    return Screener(default_lexicon_dir(), dir_ / "model.bin");
  }

  // Each text reaches safeguarding with nothing held, even when the line is above every probability.
  void expect_never_held(std::initializer_list<const char*> texts) const {
    const Screener screener = screener_holding_below(1.0f);
    for (const std::string text : texts) {
      const Verdict v = screener.screen(text);
      EXPECT_EQ(v.route, "safeguarding") << text;
      EXPECT_TRUE(v.held.empty()) << text;
    }
  }

  static bool has_category(const std::vector<Span>& spans, const std::string& category) {
    return std::any_of(spans.begin(), spans.end(),
                       [&](const Span& s) { return s.category == category; });
  }

  fs::path dir_;
};

const std::string kNewsStory =
    "Báo nói có đường dây lừa người sang Campuchia làm việc rồi bắt giữ, em nghe mà sợ.";

TEST_F(HeldFindings, AStoryTheModelFindsUnlikeADisclosureIsAHintNotARoute) {
  const Verdict lexicons = Screener(default_lexicon_dir()).screen(kNewsStory);
  ASSERT_TRUE(has_category(lexicons.spans, "trafficking")) << "the lexicons read harm in it";

  const float p = probability(kNewsStory);
  ASSERT_LT(p, 1.0f);
  const Verdict held = screener_holding_below(std::nextafter(p, 2.0f)).screen(kNewsStory);
  EXPECT_EQ(held.route, "normal");
  EXPECT_TRUE(std::find(held.labels.begin(), held.labels.end(), "disclosure") == held.labels.end());
  EXPECT_TRUE(has_category(held.held, "trafficking")) << "the moderator still sees the words";
  EXPECT_FALSE(has_category(held.spans, "trafficking"));
  EXPECT_EQ(api::verdict_json(held)["held"].size(), held.held.size());

  const Verdict kept = screener_holding_below(p).screen(kNewsStory);
  EXPECT_EQ(kept.route, "safeguarding") << "at the line itself the finding stands";
  EXPECT_TRUE(kept.held.empty());
}

TEST_F(HeldFindings, SuicideSelfHarmAndSexualAbuseAreNeverHeld) {
  expect_never_held({
      "Em không muốn sống nữa, em đã viết thư tạm biệt rồi.",
      "Em hay lấy dao lam cắt tay rồi mặc áo dài tay để giấu.",
      "Ông hàng xóm hay sờ vào vùng kín của em và bảo không được kể với ai.",
  });
}

// The model once gave this text a probability under the line: a child's own harm, told in the
// first person, must reach safeguarding whatever the model says.
TEST_F(HeldFindings, AChildTellingTheirOwnHarmIsNeverHeld) {
  expect_never_held({
      "Em bị bố đánh rất đau vì làm vỡ bát.",
      "tui bi ba danh hoai, tui so ve nha lam",
      "Bạn thân của mình bị bắt nạt ngày nào cũng bị lấy tiền.",
      "my stepdad hits me when he is drunk",
  });
}

TEST_F(HeldFindings, AHoldableFindingBesideOneNeverHeldIsNotHeld) {
  const std::string text =
      "Tụi nó bắt nạt em mỗi ngày, em không muốn sống nữa, em viết thư tạm biệt rồi.";
  const Verdict v = screener_holding_below(1.0f).screen(text);
  ASSERT_TRUE(has_category(v.spans, "bullying"));
  EXPECT_EQ(v.route, "safeguarding");
  EXPECT_TRUE(v.held.empty());
}

TEST_F(HeldFindings, WithoutALineInTheThresholdsFileNothingIsHeld) {
  std::ofstream(dir_ / "model.bin.thresholds") << "disclosure\t1\npersonal_info\t1\nrude\t1\n";
  const Verdict v = Screener(default_lexicon_dir(), dir_ / "model.bin").screen(kNewsStory);
  EXPECT_EQ(v.route, "safeguarding");
  EXPECT_TRUE(v.held.empty());
}

}  // namespace
}  // namespace ln::moderation
