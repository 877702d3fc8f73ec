#pragma once
// Small helpers every SQLite store uses: a borrowed connection, a write transaction that maps
// unique-key clashes to Conflict, and JSON lists bound as one parameter.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "consult/errors.h"
#include "store/lists.h"
#include "store/sqlite/pool.h"

namespace ln::store::sqlite {

template <typename F>
auto read(Pool& pool, F&& f) {
  auto connection = pool.acquire();
  return f(*connection);
}

template <typename F>
void write(Pool& pool, F&& f) {
  auto connection = pool.acquire();
  try {
    Transaction tx(*connection);
    f(*connection);
    tx.commit();
  } catch (const SqliteError& e) {
    if (e.is_constraint()) throw Conflict("That clashes with something that already exists.");
    throw;
  }
}

// The first row of a one-key query, mapped by `row`.
template <typename Row>
auto first_row(Pool& pool, const std::string& sql, const std::string& key, Row row)
    -> std::optional<decltype(row(std::declval<const Statement&>()))> {
  using T = decltype(row(std::declval<const Statement&>()));
  return read(pool, [&](Connection& c) -> std::optional<T> {
    auto s = c.prepare(sql);
    s.bind(1, key);
    if (!s.step()) return std::nullopt;
    return row(s);
  });
}

// Every remaining row of a bound statement, mapped by `row`.
template <typename Row>
auto all_rows(Statement& s, Row row)
    -> std::vector<decltype(row(std::declval<const Statement&>()))> {
  std::vector<decltype(row(std::declval<const Statement&>()))> out;
  while (s.step()) out.push_back(row(s));
  return out;
}

using store::json_list;
using store::split_list;

}  // namespace ln::store::sqlite
