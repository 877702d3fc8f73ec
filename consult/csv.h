#pragma once
// RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF, an optional UTF-8 BOM.
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ln {

struct CsvRow {
  int line = 0;  // the line the row starts on, 1-based, counting the header
  std::map<std::string, std::string> fields;
};

struct CsvTable {
  std::vector<std::string> header;
  std::vector<CsvRow> rows;
};

// Throws Unprocessable listing the lines that cannot be read, or a missing required column.
CsvTable parse_csv(std::string_view text, const std::vector<std::string>& required_columns,
                   std::size_t max_rows = 20000);

}  // namespace ln
