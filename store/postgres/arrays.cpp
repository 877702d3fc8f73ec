#include "store/postgres/arrays.h"

namespace ln::store::postgres {

void ArrayColumn::separate() {
  if (text_.size() > 1) text_ += ',';
}

// Every value is quoted (so that text reading NULL, spaces or braces stays text); inside the
// quotes only the double quote and the backslash are escaped.
void ArrayColumn::add(std::string_view value) {
  separate();
  text_ += '"';
  for (char ch : value) {
    if (ch == '"' || ch == '\\') text_ += '\\';
    text_ += ch;
  }
  text_ += '"';
}

void ArrayColumn::add(std::int64_t value) {
  separate();
  text_ += std::to_string(value);
}

void ArrayColumn::add(std::nullopt_t) {
  separate();
  text_ += "NULL";
}

}  // namespace ln::store::postgres
