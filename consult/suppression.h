#pragma once
// Small-group protection for published counts. A table of counts is shown with its row and
// column totals; every count under the threshold (never below 5) is hidden, and then enough
// other counts are hidden that no hidden one can be worked out by subtracting the shown ones
// from a total.
#include <cstdint>
#include <vector>

namespace ln {

inline constexpr std::int64_t kMinimumCell = 5;

struct SuppressedTable {
  // Indexes [row][column]; the extra last row holds the column totals, the extra last column the
  // row totals, and [rows][columns] the grand total.
  std::vector<std::vector<std::int64_t>> values;
  std::vector<std::vector<bool>> hidden;
};

// `cells[r][c]` with r rows and c columns; totals are computed here.
SuppressedTable suppress(const std::vector<std::vector<std::int64_t>>& cells,
                         std::int64_t threshold = kMinimumCell);

}  // namespace ln
