// A pattern whose prefilter reading the build worked out is compiled the first time a text needs
// it (moderation/pattern.cpp): many threads screening at once, each the first to need some
// pattern, must find exactly what one thread finds alone. Run under ThreadSanitizer too
// (concurrency_tests, `tsan.concurrency`).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include "moderation/normalise.h"
#include "moderation/pattern.h"
#include "moderation/screener.h"

namespace ln::moderation {
namespace {

const std::vector<std::string> kTexts = {
    "Em muốn phường làm thêm sân bóng đá mini cho các bạn nhỏ chơi vào cuối tuần.",
    "Ai muốn vào đội cầu lông thì gọi em số 0938112457 hoặc thu.tran@yahoo.com nhé.",
    "Nhà em ở 45/7 hẻm 102 đường Nguyễn Trãi, quận 5, thứ bảy các bạn qua làm bài nhóm.",
    "Con Vy lớp 8C đồ chó đẻ, suốt ngày chửi tụi em là lũ vô học.",
    "nap kim cuong gia re nhat tai http://kimcuong-sieure.example.net nap ngay nap ngay nap ngay!!!",
    "Mẹ kế hay nhốt em trong nhà tắm cả tối, em không dám kể với bố.",
    "The boys in grade 8 wait for me after school and push me into the mud every day.",
    "Facebook của mình là fb.com/tuan.bongda2011, ai rảnh thì kết bạn đá bóng chiều chủ nhật.",
    "Hôm qua bố đánh em vì điểm kém, giờ em không muốn sống nữa, chẳng ai cần em cả.",
    "co chu trong game hua cho em skin neu em gui anh va dan em dung ke voi me",
    "my step dad locks me in my room and says no food if i tell anyone",
    "Tên em là Nguyễn Văn An, học lớp 7B trường THCS Lê Quý Đôn.",
    "em toàn nhịn ăn rồi móc họng cho nôn vì sợ béo",
    "e bj ba me bo o nha 1 minh may ngay r ko co gi an",
    // Idioms, blanked before the rules run: the rules' own set is built for the first such text.
    "bài tập nhiều mệt muốn chết, nhưng bố em đánh em vì em về muộn",
    "hôm nay nóng muốn chết luôn, mong phường trồng thêm cây",
};

std::string written(const Verdict& v) {
  std::string out = v.route;
  for (const auto& label : v.labels) out += " " + label;
  for (const auto* spans : {&v.spans, &v.held}) {
    out += " |";
    for (const Span& s : *spans) {
      out += " " + s.rule + "@" + std::to_string(s.start) + "-" + std::to_string(s.end);
    }
  }
  return out;
}

std::vector<std::string> screened(const Screener& screener) {
  std::vector<std::string> out;
  for (const auto& text : kTexts) out.push_back(written(screener.screen(text)));
  return out;
}

TEST(LazyPatterns, ManyThreadsScreeningAtOnceFindWhatOneFinds) {
  std::vector<std::string> alone;
  {
    const Screener screener(default_lexicon_dir());
    alone = screened(screener);
  }
  // A new screener: the patterns of the first are gone, so none is compiled yet.
  const Screener screener(default_lexicon_dir());
  constexpr int kThreads = 6;
  std::vector<std::vector<std::string>> found(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      // Each thread starts at another text, so different threads need a pattern first.
      std::vector<std::string> mine(kTexts.size());
      for (std::size_t k = 0; k < kTexts.size(); ++k) {
        const std::size_t i = (k + static_cast<std::size_t>(t) * 2) % kTexts.size();
        mine[i] = written(screener.screen(kTexts[i]));
      }
      found[static_cast<std::size_t>(t)] = std::move(mine);
    });
  }
  for (auto& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(found[static_cast<std::size_t>(t)], alone);
  // Not an empty comparison: the texts hold disclosures and contact details.
  EXPECT_NE(std::count_if(alone.begin(), alone.end(),
                          [](const std::string& v) { return v.starts_with("safeguarding"); }),
            0);
  EXPECT_NE(std::count_if(alone.begin(), alone.end(),
                          [](const std::string& v) { return v.starts_with("priority"); }),
            0);
}

// A set built on its first search (PatternSet::finish_when_used) gives each thread the
// candidates a set finished at once gives.
TEST(LazyPatterns, ASetBuiltOnFirstUseGivesManyThreadsAtOnceWhatAFinishedSetGives) {
  const std::vector<std::string> sources = {
      R"(\b(?:bo|ba|cha) (?:danh|dap) (?:em|con)\b)", R"(\bkhong muon song nua\b)", R"(\b0\d{9}\b)",
      R"([a-z]+@[a-z]+\.[a-z]{2,})", R"(\bbi (?:bat nat|danh) (?:hoai|suot)\b)"};
  PatternSet finished, when_used;
  for (const auto& source : sources) {
    finished.add(source, "test");
    when_used.add(source, "test");
  }
  finished.finish();
  when_used.finish_when_used();
  std::vector<Utf8View> views;
  std::vector<std::vector<std::size_t>> expected;
  for (const auto& text : kTexts) {
    views.push_back(normalise(text)->plain_utf8);
    expected.push_back(finished.candidates(views.back()));
  }
  constexpr int kThreads = 6;
  std::vector<std::vector<std::vector<std::size_t>>> found(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (const auto& view : views)
        found[static_cast<std::size_t>(t)].push_back(when_used.candidates(view));
    });
  }
  for (auto& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(found[static_cast<std::size_t>(t)], expected);
  EXPECT_NE(
      std::count_if(expected.begin(), expected.end(), [](const auto& c) { return !c.empty(); }), 0);
}

}  // namespace
}  // namespace ln::moderation
