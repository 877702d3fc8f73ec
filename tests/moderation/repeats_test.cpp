// Repeat findings from a unit's recent fingerprints (moderation/repeats.h): the same words from
// the same child again are a repeat; the same words from another child are only counted; and a
// recent text without a fingerprint (no words, or written before fingerprints) matches nothing.
#include "moderation/repeats.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "base/clock.h"

namespace ln::moderation {
namespace {

const auto kNow = *parse_time("2026-11-24T10:00:00Z");

Submission idea(const std::string& pupil, const std::string& text) {
  Submission s;
  s.pupil_id = pupil;
  s.text = text;
  fingerprint(s);
  return s;
}

std::int64_t alike(const Submission& s) {
  return s.screening.alike_from_other_children.value_or(-1);
}

// The unit's recent submissions, as storage would hand them over one by one.
struct Recent {
  std::string pupil_id, fingerprint;
  std::int64_t simhash = 0;
  std::string created_at;
};

void annotate_repeats(Submission& s, const std::vector<Recent>& recent) {
  RepeatTally tally(s, kNow);
  for (const auto& r : recent) tally.see({r.pupil_id, r.fingerprint, r.simhash, r.created_at});
  tally.annotate(s);
}

bool has_rule(const Submission& s, const std::string& rule) {
  const auto rules = s.screening.rules();
  return std::find(rules.begin(), rules.end(), rule) != rules.end();
}

TEST(Repeats, SameWordsFromTheSameChildAreARepeatFromOthersOnlyCounted) {
  auto earlier = idea("p_1", "Em mong phường làm thêm sân bóng đá cho thiếu nhi");
  std::vector<Recent> recent = {
      {"p_1", earlier.fingerprint, earlier.simhash, "2026-11-24T08:00:00Z"},
      {"p_2", earlier.fingerprint, earlier.simhash, "2026-11-24T08:30:00Z"}};
  auto again = idea("p_1", "Em mong phường làm thêm sân bóng đá cho thiếu nhi!");
  annotate_repeats(again, recent);
  EXPECT_TRUE(has_rule(again, "spam.repeat"));
  EXPECT_TRUE(again.screening.has(ScreenerLabel::kSpam));
  EXPECT_EQ(alike(again), 1);

  auto other = idea("p_3", "Em mong phường làm thêm sân bóng đá cho thiếu nhi");
  annotate_repeats(other, recent);
  EXPECT_FALSE(has_rule(other, "spam.repeat"));
  EXPECT_EQ(alike(other), 2);
}

TEST(Repeats, ManyTextsInTenMinutesAreABurstButOnlyThoseWithAFingerprintCount) {
  auto texts = [](const std::string& fingerprint) {
    std::vector<Recent> recent;
    for (int i = 0; i < 4; ++i)
      recent.push_back({"p_1", fingerprint.empty() ? "" : fingerprint + std::to_string(i), 0,
                        "2026-11-24T09:5" + std::to_string(i) + ":00Z"});
    return recent;
  };
  auto fifth = idea("p_1", "Thư viện trường nên mở cửa cả thứ Bảy");
  annotate_repeats(fifth, texts("fp_"));
  EXPECT_TRUE(has_rule(fifth, "spam.burst"));

  // Texts with no words, or written before fingerprints, are not part of the history.
  auto alone = idea("p_1", "Thư viện trường nên mở cửa cả thứ Bảy");
  annotate_repeats(alone, texts(""));
  EXPECT_FALSE(has_rule(alone, "spam.burst"));
  EXPECT_FALSE(has_rule(alone, "spam.repeat"));
  EXPECT_EQ(alike(alone), 0);
}

}  // namespace
}  // namespace ln::moderation
