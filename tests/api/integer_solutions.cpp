#include "tests/api/integer_solutions.h"

#include <algorithm>
#include <deque>
#include <random>

namespace ln::test {
namespace {

std::int64_t floor_div(std::int64_t a, std::int64_t b) {  // b > 0
  return a >= 0 ? a / b : -((-a + b - 1) / b);
}

}  // namespace

int IntegerModel::unknown(const std::string& name, std::int64_t truth, std::int64_t most) {
  names_.push_back(name);
  truth_.push_back(truth);
  most_.push_back(most);
  return static_cast<int>(truth_.size() - 1);
}

void IntegerModel::at_most(const Linear& f, std::int64_t value) {
  Constraint c{{}, value};
  for (const auto& [u, k] : f)
    if (k != 0) c.terms.push_back({u, k});
  constraints_.push_back(std::move(c));
}

void IntegerModel::at_least(const Linear& f, std::int64_t value) {
  Linear negated;
  for (const auto& [u, k] : f) negated[u] = -k;
  at_most(negated, -value);
}

void IntegerModel::equal(const Linear& f, std::int64_t value) {
  at_most(f, value);
  at_least(f, value);
}

std::int64_t IntegerModel::truth(const Linear& f) const {
  std::int64_t sum = 0;
  for (const auto& [u, k] : f) sum += k * truth_[static_cast<std::size_t>(u)];
  return sum;
}

std::int64_t IntegerModel::value(const Linear& f, const std::vector<std::int64_t>& x) {
  std::int64_t sum = 0;
  for (const auto& [u, k] : f) sum += k * x[static_cast<std::size_t>(u)];
  return sum;
}

bool IntegerModel::holds(const std::vector<std::int64_t>& x) const {
  for (std::size_t u = 0; u < x.size(); ++u)
    if (x[u] < 0 || x[u] > most_[u]) return false;
  for (const auto& c : constraints_) {
    std::int64_t sum = 0;
    for (const auto& [u, k] : c.terms) sum += k * x[static_cast<std::size_t>(u)];
    if (sum > c.bound) return false;
  }
  return true;
}

bool IntegerModel::propagate(Domains& d, const std::vector<Constraint>& cs,
                             const std::vector<std::vector<std::size_t>>& of,
                             const std::vector<std::size_t>& start) const {
  std::deque<std::size_t> work(start.begin(), start.end());
  std::vector<bool> queued(cs.size(), false);
  for (std::size_t i : start) queued[i] = true;
  while (!work.empty()) {
    std::size_t ci = work.front();
    work.pop_front();
    queued[ci] = false;
    const auto& c = cs[ci];
    std::int64_t least = 0;  // the smallest the sum can be
    for (const auto& [u, k] : c.terms) {
      const auto& [lo, hi] = d[static_cast<std::size_t>(u)];
      least += k > 0 ? k * lo : k * hi;
    }
    if (least > c.bound) return false;
    for (const auto& [u, k] : c.terms) {
      auto& [lo, hi] = d[static_cast<std::size_t>(u)];
      std::int64_t others = least - (k > 0 ? k * lo : k * hi);
      bool changed = false;
      if (k > 0) {
        std::int64_t most = floor_div(c.bound - others, k);
        if (most < hi) hi = most, changed = true;
      } else {
        std::int64_t fewest = -floor_div(c.bound - others, -k);  // ceil((others - bound) / -k)
        if (fewest > lo) lo = fewest, changed = true;
      }
      if (lo > hi) return false;
      if (changed) {
        least = 0;
        for (const auto& [v, kv] : c.terms) {
          const auto& [l2, h2] = d[static_cast<std::size_t>(v)];
          least += kv > 0 ? kv * l2 : kv * h2;
        }
        for (std::size_t other : of[static_cast<std::size_t>(u)])
          if (!queued[other]) {
            queued[other] = true;
            work.push_back(other);
          }
      }
    }
  }
  return true;
}

bool IntegerModel::search(Domains d, const Search& how, const std::vector<std::size_t>& changed,
                          long& nodes) const {
  if (--nodes < 0) return false;
  if (!propagate(d, *how.cs, *how.of, changed)) return false;
  // An open unknown of the figure first (it must move), then the one with the fewest values
  // left, ties broken by the attempt's own order.
  std::size_t pick = d.size();
  for (int u : how.moving)
    if (d[static_cast<std::size_t>(u)].first < d[static_cast<std::size_t>(u)].second) {
      pick = static_cast<std::size_t>(u);
      break;
    }
  if (pick == d.size())
    for (std::size_t u : how.order)
      if (d[u].first < d[u].second &&
          (pick == d.size() || d[u].second - d[u].first < d[pick].second - d[pick].first))
        pick = u;
  if (pick == d.size()) return true;
  // Values nearest the truth first (solutions near the truth are found fastest); an unknown of
  // the figure tries the truth last.
  std::int64_t t = std::clamp(truth_[pick], d[pick].first, d[pick].second);
  std::vector<std::int64_t> values;
  for (std::int64_t v = d[pick].first; v <= d[pick].second; ++v) values.push_back(v);
  bool moving = std::find(how.moving.begin(), how.moving.end(), static_cast<int>(pick)) !=
                how.moving.end();
  std::stable_sort(values.begin(), values.end(), [&](std::int64_t a, std::int64_t b) {
    auto key = [&](std::int64_t v) {
      return std::pair(moving && v == t, v > t ? v - t : t - v);
    };
    return key(a) < key(b);
  });
  for (std::int64_t v : values) {
    Domains next = d;
    next[pick] = {v, v};
    if (search(next, how, (*how.of)[pick], nodes)) return true;
    if (nodes < 0) return false;
  }
  return false;
}

bool IntegerModel::solvable_with(const Constraint& extra, long node_limit, bool& gave_up) const {
  std::vector<Constraint> cs = constraints_;
  cs.push_back(extra);
  std::vector<std::vector<std::size_t>> of(truth_.size());
  for (std::size_t i = 0; i < cs.size(); ++i)
    for (const auto& [u, k] : cs[i].terms) of[static_cast<std::size_t>(u)].push_back(i);
  Domains d;
  for (auto m : most_) d.push_back({0, m});
  std::vector<std::size_t> every(cs.size());
  for (std::size_t i = 0; i < cs.size(); ++i) every[i] = i;
  if (!propagate(d, cs, of, every)) return false;  // no solution at all: proven
  Search how{&cs, &of, {}, {}};
  for (const auto& [u, k] : extra.terms) how.moving.push_back(u);
  for (std::size_t u = 0; u < truth_.size(); ++u) how.order.push_back(u);
  // Short attempts, each with its own order of unknowns: a search stuck deep in one order is
  // abandoned for another (restarts). Only a complete first attempt can prove there is none.
  std::mt19937 shuffle(7);
  const int attempts = 8;
  for (int attempt = 0; attempt < attempts; ++attempt) {
    long nodes = attempt == 0 ? node_limit / 2 : node_limit / (2 * (attempts - 1));
    if (search(d, how, every, nodes)) return true;
    if (nodes >= 0) return false;  // the whole tree was searched: there is none
    std::shuffle(how.order.begin(), how.order.end(), shuffle);
    std::shuffle(how.moving.begin(), how.moving.end(), shuffle);
  }
  gave_up = true;
  return false;
}

IntegerModel::Answer IntegerModel::another_value(const Linear& f, int* side,
                                                 long node_limit) const {
  std::int64_t t = truth(f);
  bool gave_up = false;
  Constraint below{{}, t - 1};  // f ≤ t − 1
  Constraint above{{}, -(t + 1)};  // −f ≤ −(t + 1)
  for (const auto& [u, k] : f) {
    below.terms.push_back({u, k});
    above.terms.push_back({u, -k});
  }
  if (solvable_with(below, node_limit, gave_up)) {
    if (side) *side = -1;
    return Answer::kAnother;
  }
  if (solvable_with(above, node_limit, gave_up)) {
    if (side) *side = 1;
    return Answer::kAnother;
  }
  return gave_up ? Answer::kGaveUp : Answer::kDetermined;
}

}  // namespace ln::test
