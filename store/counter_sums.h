#pragma once
// A batch of answers adds its counter deltas once per counter cell instead of once per answer:
// many pupils' answers fall into the same few cells, so a batch of hundreds touches tens of rows.
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "consult/records.h"

namespace ln::store {

class CounterSums {
 public:
  void add(const std::string& consultation_id, const std::vector<ResultCounter>& deltas) {
    for (const auto& d : deltas)
      sums_[{consultation_id, d.question_id, d.option_key, d.age_band, d.gender, d.unit_id,
             d.channel}] += d.count;
  }

  // Calls `f(consultation_id, counter)` for every cell whose sum is not zero, in key order (a
  // fixed order, so concurrent writers lock counter rows in the same order).
  template <typename F>
  void each(F&& f) const {
    for (const auto& [k, n] : sums_) {
      if (n == 0) continue;
      const auto& [consultation, question, option, band, gender, unit, channel] = k;
      f(consultation, ResultCounter{question, option, band, gender, unit, channel, n});
    }
  }

 private:
  using Key = std::tuple<std::string, std::string, std::string, std::string, std::string,
                         std::string, std::string>;
  std::map<Key, std::int64_t> sums_;
};

}  // namespace ln::store
