#pragma once
// RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF, an optional UTF-8 BOM. Reading
// (imports) and writing one field of an export, the only way any export writes a cell.
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

// One cell of an exported CSV, quoted. A cell a spreadsheet would read as a formula (starting
// with =, +, -, @, a tab or a carriage return) gets a leading apostrophe, so a text a child or an
// adult typed is shown, never run, when the file is opened (OWASP "CSV injection").
std::string csv_field(std::string_view value);

}  // namespace ln
