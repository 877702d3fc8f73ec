#include "base/csv.h"

#include <algorithm>

#include "base/errors.h"

namespace ln {
namespace {

struct RawRow {
  int line;
  std::vector<std::string> cells;
};

std::vector<RawRow> split_records(std::string_view text,
                                  std::vector<Unprocessable::Problem>& problems) {
  std::vector<RawRow> rows;
  RawRow row{1, {}};
  std::string cell;
  bool quoted = false, cell_started = false;
  int line = 1;
  auto end_cell = [&] {
    row.cells.push_back(std::move(cell));
    cell.clear();
    cell_started = false;
  };
  auto end_row = [&] {
    end_cell();
    bool blank = row.cells.size() == 1 && row.cells[0].empty();
    if (!blank) rows.push_back(std::move(row));
    row = RawRow{line, {}};
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          cell += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        cell += c;
      }
      continue;
    }
    if (c == '"' && !cell_started) {
      quoted = cell_started = true;
    } else if (c == ',') {
      end_cell();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;
    } else if (c == '\n') {
      ++line;
      end_row();
    } else {
      cell += c;
      cell_started = true;
    }
  }
  if (quoted)
    problems.push_back({"line " + std::to_string(row.line), "a quoted field is not closed"});
  else if (!cell.empty() || !row.cells.empty())
    end_row();
  return rows;
}

std::string trim(std::string s) {
  s.erase(0, s.find_first_not_of(" \t"));
  s.erase(s.find_last_not_of(" \t") + 1);
  return s;
}

}  // namespace

std::string csv_field(std::string_view value) {
  std::string out = "\"";
  if (!value.empty() && std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos)
    out += '\'';
  for (char ch : value) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

CsvTable parse_csv(std::string_view text, const std::vector<std::string>& required_columns,
                   std::size_t max_rows) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<Unprocessable::Problem> problems;
  auto raw = split_records(text, problems);
  if (raw.empty())
    throw Unprocessable("invalid_csv", "The file is empty.", {{"line 1", "no header row"}});

  CsvTable table;
  for (auto& h : raw.front().cells) table.header.push_back(trim(h));
  for (const auto& column : required_columns)
    if (std::find(table.header.begin(), table.header.end(), column) == table.header.end())
      problems.push_back({"line 1", "the header has no column '" + column + "'"});
  if (raw.size() - 1 > max_rows)
    problems.push_back({"line 1", "more than " + std::to_string(max_rows) + " rows in one file"});

  for (std::size_t r = 1; r < raw.size(); ++r) {
    const auto& cells = raw[r].cells;
    if (cells.size() != table.header.size()) {
      problems.push_back({"line " + std::to_string(raw[r].line),
                          "has " + std::to_string(cells.size()) + " fields, the header has " +
                              std::to_string(table.header.size())});
      continue;
    }
    CsvRow row{raw[r].line, {}};
    for (std::size_t c = 0; c < cells.size(); ++c) row.fields[table.header[c]] = trim(cells[c]);
    table.rows.push_back(std::move(row));
  }
  if (!problems.empty())
    throw Unprocessable("invalid_csv",
                        "The file has rows that cannot be imported; nothing was imported.",
                        problems);
  return table;
}

}  // namespace ln
