#pragma once
// A batch of answers adds its counter deltas once per counter cell instead of once per answer:
// many pupils' answers fall into the same few cells, so a batch of hundreds touches tens of rows.
#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

#include "consult/records.h"

namespace ln::store {

class CounterSums {
 public:
  void add(const std::string& consultation_id, const std::vector<ResultCounter>& deltas) {
    for (const auto& d : deltas) {
      // One reused key buffer: a lookup allocates nothing; only a new cell copies its fields.
      key_.clear();
      for (const std::string* part :
           {&consultation_id, &d.question_id, &d.option_key, &d.age_band, &d.gender, &d.unit_id}) {
        key_ += *part;
        key_ += kSeparator;
      }
      key_ += word(d.channel);
      key_ += kSeparator;
      auto it = cells_.find(key_);
      if (it == cells_.end()) {
        ResultCounter cell = d;
        cell.count = 0;
        it = cells_.emplace(key_, Cell{consultation_id, std::move(cell)}).first;
      }
      it->second.counter.count += d.count;
    }
  }

  // Calls `f(consultation_id, counter)` for every cell whose sum is not zero, in key order (a
  // fixed order, so concurrent writers lock counter rows in the same order).
  template <typename F>
  void each(F&& f) const {
    std::vector<const std::pair<const std::string, Cell>*> cells;
    cells.reserve(cells_.size());
    for (const auto& cell : cells_)
      if (cell.second.counter.count != 0) cells.push_back(&cell);
    std::sort(cells.begin(), cells.end(),
              [](const auto* a, const auto* b) { return a->first < b->first; });
    for (const auto* cell : cells) f(cell->second.consultation_id, cell->second.counter);
  }

 private:
  // Below every printable character: keys sort as the tuple of their fields would.
  static constexpr char kSeparator = '\x1f';
  struct Cell {
    std::string consultation_id;
    ResultCounter counter;
  };
  std::string key_;
  std::unordered_map<std::string, Cell> cells_;
};

}  // namespace ln::store
