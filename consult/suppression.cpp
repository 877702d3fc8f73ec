#include "consult/suppression.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <tuple>

namespace ln {
namespace {

// Exact arithmetic modulo a 61-bit prime: the sums have coefficients ±1, so elimination over
// this field finds the same dependencies as over the rationals, without rounding.
constexpr std::uint64_t kPrime = (std::uint64_t{1} << 61) - 1;

std::uint64_t mul(std::uint64_t a, std::uint64_t b) {
  return static_cast<std::uint64_t>(static_cast<unsigned __int128>(a) * b % kPrime);
}
std::uint64_t sub(std::uint64_t a, std::uint64_t b) { return a >= b ? a - b : a + kPrime - b; }
std::uint64_t inverse(std::uint64_t a) {
  std::uint64_t result = 1, e = kPrime - 2;
  for (; e; e >>= 1, a = mul(a, a))
    if (e & 1) result = mul(result, a);
  return result;
}
std::uint64_t field(std::int64_t c) {
  return c >= 0 ? static_cast<std::uint64_t>(c) % kPrime
                : sub(0, static_cast<std::uint64_t>(-c) % kPrime);
}

struct Components {
  std::vector<std::size_t> parent;
  explicit Components(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  std::size_t root(std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void join(std::size_t a, std::size_t b) { parent[root(a)] = root(b); }
};

}  // namespace

Publication::Figure Publication::add(const std::string& key, std::int64_t value) {
  if (auto it = by_key_.find(key); it != by_key_.end()) return it->second;
  figures_.push_back({value, false, false});
  relations_of_.emplace_back();
  by_key_.emplace(key, figures_.size() - 1);
  return figures_.size() - 1;
}

Publication::Figure Publication::add_fixed(const std::string& key, std::int64_t value, bool hidden) {
  Figure f = add(key, value);
  figures_[f].fixed = true;
  figures_[f].hidden = hidden;
  return f;
}

std::optional<Publication::Figure> Publication::find(const std::string& key) const {
  auto it = by_key_.find(key);
  if (it == by_key_.end()) return std::nullopt;
  return it->second;
}

void Publication::sum(Figure total, const std::vector<Figure>& parts) {
  std::vector<std::pair<Figure, std::int64_t>> terms{{total, 1}};
  for (Figure p : parts) {
    auto it = std::find_if(terms.begin(), terms.end(), [&](const auto& t) { return t.first == p; });
    if (it == terms.end())
      terms.push_back({p, -1});
    else
      it->second -= 1;
  }
  std::erase_if(terms, [](const auto& t) { return t.second == 0; });
  if (terms.empty()) return;
  relations_.push_back({std::move(terms)});
  for (const auto& [f, c] : relations_.back().terms) relations_of_[f].push_back(relations_.size() - 1);
}

bool Publication::any_hidden() const {
  return std::any_of(figures_.begin(), figures_.end(), [](const Item& i) { return i.hidden; });
}

void Publication::protect(const SmallGroupRule& rule) {
  for (auto& f : figures_)
    if (!f.fixed && rule.small(f.value)) f.hidden = true;
  for (bool changed = true; changed;) {
    changed = hide_zeros_beside_hidden();
    changed |= protect_single_hidden();
    if (!changed) changed = protect_determined();
  }
  // What anyone can work out to be 0 is no secret: shown as it is.
  auto zero = known_zeros();
  for (Figure f = 0; f < figures_.size(); ++f)
    if (zero[f] && !figures_[f].fixed) figures_[f].hidden = false;
}

std::vector<bool> Publication::known_zeros() const {
  std::vector<bool> zero(figures_.size(), false);
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& r : relations_) {
      std::int64_t shown = 0;
      int positive = 0, negative = 0;
      for (const auto& [f, c] : r.terms) {
        if (!unknown(f, zero))
          shown += c * (figures_[f].hidden ? 0 : figures_[f].value);
        else
          (c > 0 ? positive : negative) += 1;
      }
      // Σ hidden c·x = −shown, every c of one sign, every x ≥ 0: all x are 0 when shown is 0.
      if (shown != 0 || (positive && negative) || (!positive && !negative)) continue;
      for (const auto& [f, c] : r.terms)
        if (unknown(f, zero)) {
          zero[f] = true;
          changed = true;
        }
    }
  }
  return zero;
}

bool Publication::hide_zeros_beside_hidden() {
  bool changed = false;
  for (const auto& r : relations_) {
    bool beside = std::any_of(r.terms.begin(), r.terms.end(), [&](const auto& t) {
      return figures_[t.first].hidden && figures_[t.first].value > 0;
    });
    if (!beside) continue;
    for (const auto& [f, c] : r.terms)
      if (!figures_[f].hidden && !figures_[f].fixed && figures_[f].value == 0) {
        figures_[f].hidden = true;
        changed = true;
      }
  }
  return changed;
}

bool Publication::hide_smallest_in(const std::vector<std::size_t>& relations) {
  // Children first, then the fewest, then the first declared.
  auto better = [&](Figure a, Figure b) {
    auto rank = [&](Figure f) {
      return std::tuple(figures_[f].value == 0, figures_[f].value, f);
    };
    return rank(a) < rank(b);
  };
  std::optional<Figure> best;
  for (std::size_t r : relations)
    for (const auto& [f, c] : relations_[r].terms)
      if (!figures_[f].hidden && !figures_[f].fixed && (!best || better(f, *best))) best = f;
  if (!best) return false;
  figures_[*best].hidden = true;
  return true;
}

// A sum with exactly one hidden member gives it away: the quick, common case.
bool Publication::protect_single_hidden() {
  bool any = false;
  for (bool changed = true; changed;) {
    changed = false;
    for (std::size_t r = 0; r < relations_.size(); ++r) {
      int hidden = 0;
      for (const auto& [f, c] : relations_[r].terms) hidden += figures_[f].hidden;
      if (hidden == 1 && hide_smallest_in({r})) changed = any = true;
    }
  }
  return any;
}

// Every sum at once: the shown figures are constants, the hidden ones unknowns. A hidden figure
// is worked out exactly when its unit vector lies in the row space of the sums restricted to the
// hidden figures (found by reducing them to row echelon form, one connected group at a time).
bool Publication::protect_determined() {
  auto zero = known_zeros();
  std::vector<Figure> hidden;
  std::vector<std::size_t> column(figures_.size(), std::numeric_limits<std::size_t>::max());
  for (Figure f = 0; f < figures_.size(); ++f)
    if (unknown(f, zero)) {
      column[f] = hidden.size();
      hidden.push_back(f);
    }
  if (hidden.empty()) return false;
  Components groups(hidden.size());
  std::vector<std::size_t> touching;  // relations with a hidden member
  for (std::size_t r = 0; r < relations_.size(); ++r) {
    std::optional<std::size_t> first;
    for (const auto& [f, c] : relations_[r].terms)
      if (unknown(f, zero)) {
        if (first)
          groups.join(*first, column[f]);
        else
          first = column[f];
      }
    if (first) touching.push_back(r);
  }
  std::unordered_map<std::size_t, std::vector<std::size_t>> rows_of, columns_of;
  for (std::size_t i = 0; i < hidden.size(); ++i) columns_of[groups.root(i)].push_back(i);
  for (std::size_t r : touching)
    for (const auto& [f, c] : relations_[r].terms)
      if (unknown(f, zero)) {
        rows_of[groups.root(column[f])].push_back(r);
        break;
      }

  bool changed = false;
  for (auto& [root, cols] : columns_of) {
    const auto& rows = rows_of[root];
    if (rows.empty()) continue;
    std::unordered_map<std::size_t, std::size_t> local;
    for (std::size_t i = 0; i < cols.size(); ++i) local[cols[i]] = i;
    std::vector<std::vector<std::uint64_t>> m(rows.size(), std::vector<std::uint64_t>(cols.size()));
    for (std::size_t i = 0; i < rows.size(); ++i)
      for (const auto& [f, c] : relations_[rows[i]].terms)
        if (unknown(f, zero)) {
          auto& e = m[i][local[column[f]]];
          e = (e + field(c)) % kPrime;
        }
    // Reduced row echelon form.
    std::vector<std::size_t> pivot_col;
    std::size_t rank = 0;
    for (std::size_t c = 0; c < cols.size() && rank < rows.size(); ++c) {
      std::size_t p = rank;
      while (p < rows.size() && m[p][c] == 0) ++p;
      if (p == rows.size()) continue;
      std::swap(m[p], m[rank]);
      std::uint64_t inv = inverse(m[rank][c]);
      for (auto& e : m[rank]) e = mul(e, inv);
      for (std::size_t i = 0; i < rows.size(); ++i) {
        if (i == rank || m[i][c] == 0) continue;
        std::uint64_t factor = m[i][c];
        for (std::size_t k = c; k < cols.size(); ++k)
          if (m[rank][k]) m[i][k] = sub(m[i][k], mul(factor, m[rank][k]));
      }
      pivot_col.push_back(c);
      ++rank;
    }
    for (std::size_t i = 0; i < rank; ++i) {
      std::size_t nonzero = std::count_if(m[i].begin(), m[i].end(), [](auto e) { return e != 0; });
      if (nonzero != 1) continue;
      // This hidden figure can be worked out: hide one more figure of a sum it is in, or,
      // when every such figure is fixed by another publication, of its whole group.
      Figure f = hidden[cols[pivot_col[i]]];
      if (hide_smallest_in(relations_of_[f]) || hide_smallest_in(rows)) changed = true;
    }
  }
  return changed;
}

SuppressedTable suppress(const std::vector<std::vector<std::int64_t>>& cells,
                         const SmallGroupRule& rule) {
  std::size_t rows = cells.size(), cols = rows ? cells[0].size() : 0;
  SuppressedTable t;
  t.values.assign(rows + 1, std::vector<std::int64_t>(cols + 1, 0));
  t.hidden.assign(rows + 1, std::vector<bool>(cols + 1, false));
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t c = 0; c < cols; ++c) {
      t.values[r][c] = cells[r][c];
      t.values[r][cols] += cells[r][c];
      t.values[rows][c] += cells[r][c];
      t.values[rows][cols] += cells[r][c];
    }
  Publication d;
  std::vector<std::vector<Publication::Figure>> f(rows + 1, std::vector<Publication::Figure>(cols + 1));
  for (std::size_t r = 0; r <= rows; ++r)
    for (std::size_t c = 0; c <= cols; ++c)
      f[r][c] = d.add(std::to_string(r) + "/" + std::to_string(c), t.values[r][c]);
  for (std::size_t r = 0; r <= rows; ++r) {
    std::vector<Publication::Figure> parts(f[r].begin(), f[r].begin() + static_cast<long>(cols));
    d.sum(f[r][cols], parts);
  }
  for (std::size_t c = 0; c <= cols; ++c) {
    std::vector<Publication::Figure> parts;
    for (std::size_t r = 0; r < rows; ++r) parts.push_back(f[r][c]);
    d.sum(f[rows][c], parts);
  }
  d.protect(rule);
  for (std::size_t r = 0; r <= rows; ++r)
    for (std::size_t c = 0; c <= cols; ++c) t.hidden[r][c] = d.hidden(f[r][c]);
  return t;
}

}  // namespace ln
