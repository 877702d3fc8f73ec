// CSV import (consult/csv): any bytes give a table whose every row has the required columns, or
// ln::Unprocessable listing what cannot be read.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "base/csv.h"
#include "base/errors.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    auto table = ln::parse_csv(text, {"name", "code"}, 500);
    if (table.rows.size() > 500) std::abort();
    int previous_line = 1;
    for (const auto& row : table.rows) {
      if (!row.fields.count("name") || !row.fields.count("code")) std::abort();
      if (row.line <= previous_line) std::abort();
      previous_line = row.line;
    }
  } catch (const ln::Unprocessable&) {
  }
  return 0;
}
