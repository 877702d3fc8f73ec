#pragma once
// What an attacker can work out from published counts: the true counts are unknown non-negative
// integers, every published figure is a linear equation over them, and what the attacker knows
// of how answers are made (one key per child, no more answers than respondents) are linear
// constraints. A hidden figure is safe when two solutions give it different values; this finds
// such a second solution by a depth-first search with bounds propagation (no external solver).
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ln::test {

// Σ coefficient × unknown, by unknown index.
using Linear = std::map<int, std::int64_t>;

class IntegerModel {
 public:
  // An unknown whose true value is `truth`, between 0 and `most`.
  int unknown(const std::string& name, std::int64_t truth, std::int64_t most);
  void equal(const Linear& f, std::int64_t value);
  void at_most(const Linear& f, std::int64_t value);  // f ≤ value
  void at_least(const Linear& f, std::int64_t value);
  std::int64_t truth(const Linear& f) const;
  static std::int64_t value(const Linear& f, const std::vector<std::int64_t>& x);
  // Whether `x` (a value for every unknown) meets every constraint: another solution.
  bool holds(const std::vector<std::int64_t>& x) const;
  const std::string& name(int unknown) const { return names_[static_cast<std::size_t>(unknown)]; }
  std::size_t size() const { return truth_.size(); }

  enum class Answer { kAnother, kDetermined, kGaveUp };
  // Whether some solution gives `f` a value other than its true one (searching at most
  // `node_limit` nodes each way); `side` tells whether that value is below (−1) or above (+1).
  Answer another_value(const Linear& f, int* side = nullptr, long node_limit = 200000) const;

 private:
  struct Constraint {
    std::vector<std::pair<int, std::int64_t>> terms;
    std::int64_t bound;  // Σ ≤ bound
  };
  using Domains = std::vector<std::pair<std::int64_t, std::int64_t>>;
  // Narrows the domains until every constraint holds of them, starting from `start`.
  bool propagate(Domains& d, const std::vector<Constraint>& cs,
                 const std::vector<std::vector<std::size_t>>& of,
                 const std::vector<std::size_t>& start) const;
  struct Search {
    const std::vector<Constraint>* cs;
    const std::vector<std::vector<std::size_t>>* of;  // unknown → its constraints
    std::vector<int> moving;                          // the unknowns of the figure
    std::vector<std::size_t> order;                   // ties between unknowns, in this order
  };
  bool search(Domains d, const Search& how, const std::vector<std::size_t>& changed,
              long& nodes) const;
  bool solvable_with(const Constraint& extra, long node_limit, bool& gave_up) const;

  std::vector<std::string> names_;
  std::vector<std::int64_t> truth_, most_;
  std::vector<Constraint> constraints_;
};

}  // namespace ln::test
