#pragma once
// Small-group protection: the one home of the rule, its threshold and how it is applied.
//
// Every count published about one consultation (results, their breakdowns, the CSV,
// representativeness) or one report is a figure of one Publication, and every sum that ties
// figures together (a total and its parts, the same children counted in two tables) is declared
// to it. protect() then hides:
//   1. every figure of 1 .. threshold-1 children (primary suppression);
//   2. every zero that shares a sum with a hidden figure of some children — "nobody else in this
//      group" would tell what the hidden children answered (attribute disclosure);
//   3. more figures, smallest first, until no hidden figure can be recomputed from the shown ones
//      through the declared sums: first while a sum has exactly one hidden member, then by exact
//      linear algebra over every declared sum at once (complementary suppression). A hidden
//      figure that anyone can show to be 0 (counts are never negative) protects nothing: it is
//      counted as known, and shown in the end.
// docs/SECURITY.md says why, and which tests prove it.
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace ln {

// The rule: groups of fewer than `threshold` children are never shown. The deployment configures
// the threshold (`--min-group-size`); it is never below the floor the design promises.
class SmallGroupRule {
 public:
  static constexpr std::int64_t kFloor = 5;
  explicit SmallGroupRule(std::int64_t configured = kFloor)
      : threshold_(configured < kFloor ? kFloor : configured) {}
  std::int64_t threshold() const { return threshold_; }
  // A group that may not be shown: some children, fewer than the threshold. Zero is no group.
  bool small(std::int64_t n) const { return n > 0 && n < threshold_; }

 private:
  std::int64_t threshold_;
};

// How a hidden figure is written in CSV files and printed pages: a word, never a number (a "<5"
// would tell a bound, and would be untrue of a figure hidden to protect another).
inline constexpr const char* kHiddenFigure = "hidden";

// The figures published together, the sums between them, and which of them are hidden.
class Publication {
 public:
  using Figure = std::size_t;

  // A figure of `value` children, named by what it counts ("q1/park/age_band/7-10"). The same
  // key gives the same figure: a count shown in several places is hidden in all or none.
  Figure add(const std::string& key, std::int64_t value);
  // A figure published elsewhere already (another publication decided whether it is hidden):
  // protect() never changes it, but protects this publication's figures against it.
  Figure add_fixed(const std::string& key, std::int64_t value, bool hidden);
  std::optional<Figure> find(const std::string& key) const;

  // total = the sum of parts (a part may appear more than once).
  void sum(Figure total, const std::vector<Figure>& parts);
  // a = b: the same children counted in two ways.
  void same(Figure a, Figure b) { sum(a, {b}); }
  // Hidden whatever its size: it would give away what another publication hides.
  void hide(Figure f) {
    if (!figures_[f].fixed) figures_[f].hidden = true;
  }

  void protect(const SmallGroupRule& rule);

  bool hidden(Figure f) const { return figures_[f].hidden; }
  std::int64_t value(Figure f) const { return figures_[f].value; }
  // The value as published: nothing when hidden.
  std::optional<std::int64_t> shown(Figure f) const {
    if (figures_[f].hidden) return std::nullopt;
    return figures_[f].value;
  }
  // Whether protect() hid any figure at all.
  bool any_hidden() const;
  std::size_t size() const { return figures_.size(); }

 private:
  struct Item {
    std::int64_t value = 0;
    bool hidden = false;
    bool fixed = false;
  };
  // Σ coefficient × figure = 0.
  struct Relation {
    std::vector<std::pair<Figure, std::int64_t>> terms;
  };
  bool hide_zeros_beside_hidden();
  // Hidden figures anyone can show to be 0: the hidden members of a sum, all of one sign, whose
  // shown members leave nothing for them (counts are never negative). They protect nothing.
  std::vector<bool> known_zeros() const;
  bool unknown(Figure f, const std::vector<bool>& zero) const {
    return figures_[f].hidden && !zero[f];
  }
  bool protect_single_hidden();
  bool protect_determined();
  // Hides the smallest shown figure that may be hidden among the members of `relations`, one of
  // some children rather than a zero (a hidden zero beside a hidden zero protects nothing);
  // false when there is none.
  bool hide_smallest_in(const std::vector<std::size_t>& relations);

  std::vector<Item> figures_;
  std::unordered_map<std::string, Figure> by_key_;
  std::vector<Relation> relations_;
  std::vector<std::vector<std::size_t>> relations_of_;  // figure → relations it appears in
};

// A table of counts, shown with its row and column totals and grand total.
struct SuppressedTable {
  // Indexes [row][column]; the extra last row holds the column totals, the extra last column the
  // row totals, and [rows][columns] the grand total.
  std::vector<std::vector<std::int64_t>> values;
  std::vector<std::vector<bool>> hidden;
};

// `cells[r][c]` with r rows and c columns; totals are computed here. One table on its own: a
// table published beside others that share its totals is declared to their Publication instead.
SuppressedTable suppress(const std::vector<std::vector<std::int64_t>>& cells,
                         const SmallGroupRule& rule = SmallGroupRule());

}  // namespace ln
