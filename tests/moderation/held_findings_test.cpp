// The model may hold back a possible disclosure the lexicons found when it finds the text wholly
// unlike a disclosure (moderation/screener.h): the finding stays visible to the moderator as a
// hint, without the label or the safeguarding route. What a child tells in the first person is
// held only under a far lower line and never in a short text; thoughts of suicide, self-harm and
// sexual abuse are held only when told of someone else, in a long text, under the lowest line.
// Rude words that are everyday words when written without diacritics ("ngu": ngủ) are held the
// same way, under the rude line. Each test sets the line just above or just below the model's own
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

  // The model's probability of `label` for the text.
  float probability(const std::string& text, const std::string& label = "disclosure") const {
    const Classifier model(LANGNGHE_MODEL_FILE);
    return model.probabilities(*normalise(text)).at(label);
  }

  // A screener whose model raises no label by itself and holds only rude words that are everyday
  // words too, below `line`.
  Screener screener_holding_rude_below(float line) const {
    std::ofstream(dir_ / "model.bin.thresholds")
        << std::setprecision(9) << "disclosure\t1\npersonal_info\t1\nrude\t1\nrude_held_below\t"
        << line << '\n';
    return Screener(default_lexicon_dir(), dir_ / "model.bin");
  }

  static bool has_label(const Verdict& v, const std::string& label) {
    return std::find(v.labels.begin(), v.labels.end(), label) != v.labels.end();
  }

  // A screener whose model raises no label by itself and holds below `line`, findings told in the
  // first person below `first_person_line` and the gravest kinds below `gravest_line` (none when
  // 0).
  Screener screener_holding_below(float line, float first_person_line = 0.0f,
                                  float gravest_line = 0.0f) const {
    std::ofstream thresholds(dir_ / "model.bin.thresholds");
    thresholds << std::setprecision(9)
               << "disclosure\t1\npersonal_info\t1\nrude\t1\ndisclosure_held_below\t" << line
               << '\n';
    if (first_person_line > 0) {
      thresholds << "disclosure_held_below_first_person\t" << first_person_line << '\n';
    }
    if (gravest_line > 0) thresholds << "disclosure_held_below_gravest\t" << gravest_line << '\n';
    thresholds.close();
    return Screener(default_lexicon_dir(), dir_ / "model.bin");
  }

  // Each text reaches safeguarding with nothing held, even when the lines are above every
  // probability (the first-person and gravest lines too, unless the arguments say otherwise).
  void expect_never_held(std::initializer_list<const char*> texts, float first_person_line = 1.0f,
                         float gravest_line = 1.0f) const {
    const Screener screener = screener_holding_below(1.0f, first_person_line, gravest_line);
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

TEST_F(HeldFindings, SuicideSelfHarmAndSexualAbuseToldInTheFirstPersonAreNeverHeld) {
  expect_never_held({
      "Em không muốn sống nữa, em đã viết thư tạm biệt rồi.",
      "Em hay lấy dao lam cắt tay rồi mặc áo dài tay để giấu.",
      "Ông hàng xóm hay sờ vào vùng kín của em và bảo không được kể với ai.",
      "Dạo này tối nào em cũng nghĩ đến chuyện tự tử, em đã cho hết truyện và gấu bông cho em gái.",
  });
}

// A request for counselling about thoughts of suicide, which the model finds unlike a disclosure,
// is held only under the lowest line; the ordinary and first-person lines do not hold it.
TEST_F(HeldFindings, ThoughtsOfSuicideToldOfOthersAreHeldOnlyUnderTheGravestLine) {
  const std::string text =
      "Trường mình nên có một góc tâm sự, để những bạn học sinh đang nghĩ đến chuyện tự tử biết "
      "tìm đến ai mà không bị phạt.";
  const Verdict lexicons = Screener(default_lexicon_dir()).screen(text);
  ASSERT_TRUE(has_category(lexicons.spans, "self_harm")) << "the lexicons read harm in it";

  const float p = probability(text);
  ASSERT_LT(p, 1.0f);
  const Verdict ordinary = screener_holding_below(1.0f, 1.0f).screen(text);
  EXPECT_EQ(ordinary.route, "safeguarding");
  EXPECT_TRUE(ordinary.held.empty());

  const Verdict held = screener_holding_below(1.0f, 1.0f, std::nextafter(p, 2.0f)).screen(text);
  EXPECT_EQ(held.route, "normal");
  EXPECT_TRUE(has_category(held.held, "self_harm")) << "the moderator still sees the words";

  const Verdict at_line = screener_holding_below(1.0f, 1.0f, p).screen(text);
  EXPECT_EQ(at_line.route, "safeguarding") << "at the line itself the finding stands";
  EXPECT_TRUE(at_line.held.empty());
}

TEST_F(HeldFindings, AShortTextOfTheGravestKindsIsNeverHeld) {
  expect_never_held({"Nghe nói có anh kia tự tử.", "Bạn ấy tự làm đau mình."});
}

// The model once gave "Em bị bố đánh…" a probability under the line: a child's own harm, told in
// the first person, is held only under the far lower first-person line.
TEST_F(HeldFindings, AChildTellingTheirOwnHarmIsNotHeldUnderTheOrdinaryLine) {
  expect_never_held(
      {
          "Em bị bố đánh rất đau vì làm vỡ bát.",
          "tui bi ba danh hoai, tui so ve nha lam",
          "Bạn thân của mình bị bắt nạt ngày nào cũng bị lấy tiền, mình không biết phải làm sao.",
          "my stepdad hits me when he is drunk",
      },
      0.0f);
}

// Under twelve words the model reads least well ("ba lại đánh mẹ r, cứu mẹ e vs 😭"): a short text
// told in the first person is never held, whatever the lines say.
TEST_F(HeldFindings, AShortTextToldInTheFirstPersonIsNeverHeld) {
  expect_never_held({
      "Em bị bố đánh rất đau vì làm vỡ bát.",
      "tui bi ba danh hoai, tui so ve nha lam",
      "mẹ nhốt em ở nhà cả ngày hôm nay",
      "my stepdad hits me when he is drunk",
  });
}

// A long text told in the first person, which the model finds unlike a disclosure, is held only
// when its probability is under the first-person line; the ordinary line does not hold it.
TEST_F(HeldFindings, ALongTextToldInTheFirstPersonIsHeldOnlyUnderItsOwnLine) {
  const std::string text =
      "Hè này mẹ nhốt em ở nhà bắt ôn thi vào lớp 10 suốt ba tháng, em thành tù nhân lớp 9 rồi 😩";
  const Verdict lexicons = Screener(default_lexicon_dir()).screen(text);
  ASSERT_TRUE(has_category(lexicons.spans, "violence_home")) << "the lexicons read harm in it";

  const float p = probability(text);
  ASSERT_LT(p, 1.0f);
  const Verdict ordinary = screener_holding_below(1.0f).screen(text);
  EXPECT_EQ(ordinary.route, "safeguarding");
  EXPECT_TRUE(ordinary.held.empty());

  const Verdict held = screener_holding_below(1.0f, std::nextafter(p, 2.0f)).screen(text);
  EXPECT_EQ(held.route, "normal");
  EXPECT_TRUE(has_category(held.held, "violence_home")) << "the moderator still sees the words";

  const Verdict at_line = screener_holding_below(1.0f, p).screen(text);
  EXPECT_EQ(at_line.route, "safeguarding") << "at the line itself the finding stands";
  EXPECT_TRUE(at_line.held.empty());
}

TEST_F(HeldFindings, AHoldableFindingBesideOneNeverHeldIsNotHeld) {
  const std::string text =
      "Tụi nó bắt nạt em mỗi ngày, em không muốn sống nữa, em viết thư tạm biệt rồi.";
  const Verdict v = screener_holding_below(1.0f).screen(text);
  ASSERT_TRUE(has_category(v.spans, "bullying"));
  EXPECT_EQ(v.route, "safeguarding");
  EXPECT_TRUE(v.held.empty());
}

// Written without diacritics, "ngu" is "ngủ" (sleep) as often as "ngu" (stupid): the model may
// hold it back, and the moderator still sees it marked.
TEST_F(HeldFindings, ARudeWordThatIsAlsoAnEverydayWordIsHeldUnderTheRudeLine) {
  const std::string text = "toi qua tui om con meo ngu ca dem, sang day no cao nhe mat tui mot cai";
  const Verdict lexicons = Screener(default_lexicon_dir()).screen(text);
  ASSERT_TRUE(has_label(lexicons, "rude")) << "the lexicons read \"ngu\" as rude";

  const float p = probability(text, "rude");
  ASSERT_LT(p, 1.0f);
  const Verdict held = screener_holding_rude_below(std::nextafter(p, 2.0f)).screen(text);
  EXPECT_FALSE(has_label(held, "rude"));
  EXPECT_EQ(held.route, "normal");
  ASSERT_EQ(held.held.size(), 1u) << "the moderator still sees the word";
  EXPECT_EQ(held.held[0].rule, "rude.vi.ngu");
  EXPECT_EQ(api::verdict_json(held)["held"][0]["label"], "rude");

  const Verdict at_line = screener_holding_rude_below(p).screen(text);
  EXPECT_TRUE(has_label(at_line, "rude")) << "at the line itself the word stands";
  EXPECT_TRUE(at_line.held.empty());
}

// Only a bare word of the flagged kind, alone among the text's rude words, may be held: not one
// written with its diacritics, broken up to hide it, inside a longer insult or beside another
// rude word — whatever the model says.
TEST_F(HeldFindings, ARudeWordWithDiacriticsBrokenUpOrBesideAnotherIsNeverHeld) {
  const Screener screener = screener_holding_rude_below(1.0f);
  for (const std::string text :
       {"Em đéo hiểu sao lớp mình phải trực nhật hoài", "hom nay hoc n.g.u qua",
        "tui de0 biet lam bai nay", "bai kho qua thang ngu",
        "Em muốn trường có thêm cây xanh và ghế đá, trưa nay nắng vl, em "
        "về nhà chỉ muốn nằm ngu"}) {
    ASSERT_LT(probability(text, "rude"), 1.0f) << text << ": the line alone would keep it";
    const Verdict v = screener.screen(text);
    EXPECT_TRUE(has_label(v, "rude")) << text;
    EXPECT_TRUE(v.held.empty()) << text;
  }
}

TEST_F(HeldFindings, WithoutALineInTheThresholdsFileNothingIsHeld) {
  std::ofstream(dir_ / "model.bin.thresholds") << "disclosure\t1\npersonal_info\t1\nrude\t1\n";
  const Screener screener(default_lexicon_dir(), dir_ / "model.bin");
  const Verdict v = screener.screen(kNewsStory);
  EXPECT_EQ(v.route, "safeguarding");
  EXPECT_TRUE(v.held.empty());
  const Verdict sleep = screener.screen("hom qua em ngu mot giac tu trua den toi");
  EXPECT_TRUE(has_label(sleep, "rude"));
  EXPECT_TRUE(sleep.held.empty());
}

// The shipped screener, its model and its own lines: children who say their harm plainly, with the
// explicit words the model once learned as safe ("tự tử", "đánh", "I want to kill myself"), beside
// everyday words a frame or an idiom once took them for ("sống", "phim", "đi", "bài hát"), see 111.
TEST(ShippedScreener, PlainlyToldHarmGoesToSafeguarding) {
  const Screener screener(default_lexicon_dir(), LANGNGHE_MODEL_FILE);
  for (const char* text : {
           "Em không muốn sống nữa, em muốn tự tử",
           "Sống làm gì nữa, tự tử cho xong",
           "em chán sống lắm rồi, tối nay em sẽ tự tử",
           "khong muon song nua, chac em tu sat",
           "Tao đi tự tử đây, tạm biệt mọi người",
           "Em mệt quá rồi, chắc em đi tự tử cho xong",
           "em chan song lam roi, chac tu tu thoi",
           "Nó uống thuốc. Tu tu roi.",
           "Tu tu nha, tao met lam roi",
           "Xem phim xong em nghĩ tới tự tử, vì em cũng như nhân vật đó",
           "I want to kill myself, nobody cares about me",
           "e mun chet lm r, k ai thuong e ca",
           "Tình huống của em là ở nhà em bị bố dượng đánh suốt",
           "Nó bảo nói với ai thì em sẽ bị đánh chết",
           "em song voi di, ngay nao cung bi danh",
           "Bài hát này làm em khóc, vì em cũng bị bố đánh như trong đó",
           "bo tao danh tao nhu danh cho",
           "Ông ngoại em đánh bà ngoại bằng gậy, ngày nào em cũng phải thấy",
           "Chú hàng xóm hay sờ vào người em, chú bảo không được nói với ai",
           "Bố mẹ em đi làm xa, em ở nhà một mình cả tuần, không có gì ăn",
       }) {
    const Verdict v = screener.screen(text);
    EXPECT_EQ(v.route, "safeguarding") << text;
  }
}

}  // namespace
}  // namespace ln::moderation
