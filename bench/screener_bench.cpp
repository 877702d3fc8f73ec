// The screener's throughput on realistic children's texts (Vietnamese, English and mixes, up to
// 500 characters, with and without findings) and its time on a 1 MB hostile input. `make bench`
// runs it; only the public API of moderation/screener.h is used.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "moderation/screener.h"

namespace {

const ln::moderation::Screener& screener() {
  // Both signals, as the server screens: the lexicons and the learned second opinion.
  static const ln::moderation::Screener s(LANGNGHE_LEXICON_DIR, LANGNGHE_MODEL_FILE);
  return s;
}

const std::vector<std::string>& texts() {
  static const std::vector<std::string> t = {
      // 16 texts
      // Plain ideas, no findings.
      "Em muốn phường làm thêm sân bóng đá mini cho các bạn nhỏ chơi vào cuối tuần.",
      "Please add more trees and benches in the park near our school, it is too hot in summer.",
      "Thư viện trường nên mở cửa cả thứ Bảy để tụi em đọc sách và làm bài tập nhóm. Em và các bạn "
      "trong lớp 6A rất thích đọc truyện tranh và sách khoa học, nhưng ngày thường tụi em phải học "
      "thêm nên không có thời gian. Nếu thư viện mở cửa cuối tuần thì tụi em có chỗ học nhóm mát "
      "mẻ, không phải ra quán cà phê. Em cũng mong thư viện có thêm máy tính để tra cứu bài.",
      "Our class wants a vegetable garden at school so we can learn how to grow food. Cô giáo nói "
      "là có thể trồng rau muống và cà chua ở góc sân sau, tụi em sẽ tự tưới nước mỗi ngày.",
      "Sân chơi gần nhà em có xích đu bị gãy, mong các cô chú sửa sớm để các em nhỏ không bị ngã.",
      "Mong phường tổ chức lớp học bơi miễn phí cho trẻ em vào mùa hè, vì nhiều bạn chưa biết bơi.",
      "I think the bus stop near the market needs a roof, when it rains we all get wet waiting.",
      "Đường đến trường của em rất tối, mong phường lắp thêm đèn đường ở hẻm 42 để tụi em đi học "
      "thêm buổi tối về không bị sợ.",
      // With findings: contact details, an address, rude words, spam, a possible disclosure.
      "Bạn nào muốn chơi bóng thì gọi em số 0912 345 678 hoặc email nam.nguyen2013@gmail.com nha.",
      "Nhà em ở số 12 ngõ 34 đường Lê Lợi, phường 9, mấy bạn tới chơi với em đi.",
      "Thằng Tuấn lớp 6A ngu như bò, đồ khốn nạn, suốt ngày bắt nạt tụi em.",
      "mua thẻ cào giá rẻ tại http://the-cao-re.example.com mua ngay mua ngay mua ngay!!!",
      "Em sợ về nhà lắm, bố em hay đánh em mỗi khi say rượu, em không biết nói với ai.",
      "Some older kids at the park keep hitting me and taking my money, I'm scared to go there.",
      "Zalo của mình là 0987.654.321, add mình để lập nhóm đá bóng cuối tuần ở sân trường nhé.",
      "Cô ơi em buồn lắm, em không muốn sống nữa, ở trường không ai chơi với em cả.",
  };
  return t;
}

void BM_ScreenRealisticTexts(benchmark::State& state) {
  screener();  // loaded once, as the server does, before the clock starts
  const auto& all = texts();
  // Each text screened once before the clock too: a running server has compiled the patterns
  // its texts need (a pattern is compiled the first time a text needs it, moderation/pattern.h).
  for (const auto& t : all) benchmark::DoNotOptimize(screener().screen(t));
  std::size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const auto& t = all[i++ % all.size()];
    benchmark::DoNotOptimize(screener().screen(t));
    bytes += t.size();
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
  state.counters["texts_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ScreenRealisticTexts)->UseRealTime();
// Each text 300 times, a fixed amount of work: what callgrind counts instructions over
// (--benchmark_filter='Realistic.*iterations'), unlike the timed run above, whose iteration count
// (and so its mix of texts and its share of warming up) depends on the machine's load.
BENCHMARK(BM_ScreenRealisticTexts)->Iterations(16 * 300)->UseRealTime();

// 1 MB built to make matchers work hard: near-misses of lexicon words, digit runs that almost
// look like phone numbers, separators between every letter, and nothing that finishes a match.
std::string hostile(std::size_t size) {
  const std::vector<std::string> pieces = {"n.g.u.n.g.u ",   "0 9 1 2 3 4 5 6 ",
                                           "k-h-ố-n-n ",     "đ đ đ đ ",
                                           "1234567890123 ", "@@..@@.. ",
                                           "s.ố n.h.à ",     "đ ánh đ ập ",
                                           "http:/ /x ",     "ngõ ngõ ngõ ",
                                           "zalo0za10 ",     "a\u0301e\u0301o\u0301 ",
                                           "ＮＧＵ ",        "😡😡 "};
  std::string out;
  for (std::size_t i = 0;; ++i) {
    const auto& piece = pieces[(i * 7) % pieces.size()];
    if (out.size() + piece.size() > size) break;  // whole pieces only: valid UTF-8
    out += piece;
  }
  return out;
}

void BM_ScreenHostileMegabyte(benchmark::State& state) {
  static const std::string input = hostile(1 << 20);
  screener();
  for (auto _ : state) benchmark::DoNotOptimize(screener().screen(input));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * input.size()));
}
BENCHMARK(BM_ScreenHostileMegabyte)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
