#include "consult/suppression.h"

#include <algorithm>
#include <limits>

namespace ln {

SuppressedTable suppress(const std::vector<std::vector<std::int64_t>>& cells,
                         std::int64_t threshold) {
  threshold = std::max(threshold, kMinimumCell);
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
  // Primary: every small group, totals included. Zero is shown: it describes no child.
  for (std::size_t r = 0; r <= rows; ++r)
    for (std::size_t c = 0; c <= cols; ++c)
      t.hidden[r][c] = t.values[r][c] > 0 && t.values[r][c] < threshold;

  // Secondary: each row and each column (with its total) is one equation; while a line has
  // exactly one hidden entry it can be solved, so hide its smallest shown entry as well.
  auto protect_line = [&](std::vector<std::pair<std::size_t, std::size_t>> line) {
    int hidden = 0;
    for (auto [r, c] : line) hidden += t.hidden[r][c];
    if (hidden != 1) return false;
    std::pair<std::size_t, std::size_t> best{rows + 1, cols + 1};
    std::int64_t smallest = std::numeric_limits<std::int64_t>::max();
    for (auto [r, c] : line)
      if (!t.hidden[r][c] && t.values[r][c] < smallest) {
        smallest = t.values[r][c];
        best = {r, c};
      }
    if (best.first > rows) return false;  // a line of one entry
    t.hidden[best.first][best.second] = true;
    return true;
  };
  for (bool changed = true; changed;) {
    changed = false;
    for (std::size_t r = 0; r <= rows; ++r) {
      std::vector<std::pair<std::size_t, std::size_t>> line;
      for (std::size_t c = 0; c <= cols; ++c) line.push_back({r, c});
      changed |= protect_line(line);
    }
    for (std::size_t c = 0; c <= cols; ++c) {
      std::vector<std::pair<std::size_t, std::size_t>> line;
      for (std::size_t r = 0; r <= rows; ++r) line.push_back({r, c});
      changed |= protect_line(line);
    }
  }
  return t;
}

}  // namespace ln
