#pragma once
// Small helpers every SQLite store uses: a borrowed connection, a write transaction that maps
// unique-key clashes to Conflict, the unit of work they join, and JSON lists bound as one
// parameter.
#include <functional>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "base/errors.h"
#include "store/lists.h"
#include "store/open_unit.h"
#include "store/sqlite/pool.h"

namespace ln::store::sqlite {

using UnitOfWork = OpenUnit<Pool, Connection>;

// `f` on `c` inside a savepoint: when it throws, what it wrote is undone and the transaction
// around it goes on.
template <typename F>
auto in_savepoint(Connection& c, F&& f) {
  c.exec("SAVEPOINT joined");
  try {
    if constexpr (std::is_void_v<decltype(f())>) {
      f();
      c.exec("RELEASE joined");
    } else {
      auto out = f();
      c.exec("RELEASE joined");
      return out;
    }
  } catch (...) {
    try {
      c.exec("ROLLBACK TO joined; RELEASE joined");
    } catch (...) {
      // The transaction is gone already; the unit's rollback finds nothing left to undo.
    }
    throw;
  }
}

template <typename F>
auto read(Pool& pool, F&& f) {
  if (Connection* joined = UnitOfWork::of(pool)) return f(*joined);
  auto connection = pool.acquire();
  return f(*connection);
}

// One transaction; inside a unit of work, a savepoint of the unit's transaction.
template <typename F>
void write(Pool& pool, F&& f) {
  try {
    if (Connection* joined = UnitOfWork::of(pool)) {
      in_savepoint(*joined, [&] { f(*joined); });
      return;
    }
    auto connection = pool.acquire();
    Transaction tx(*connection);
    f(*connection);
    tx.commit();
  } catch (const SqliteError& e) {
    if (e.is_constraint()) throw Conflict("That clashes with something that already exists.");
    throw;
  }
}

// Storage::atomically: one BEGIN IMMEDIATE transaction (behind the writer gate) that every
// read and write of this thread on `pool` joins until `work` returns; a unit inside a unit is a
// savepoint of it.
inline void unit_of_work(Pool& pool, const std::function<void()>& work) {
  try {
    if (Connection* joined = UnitOfWork::of(pool)) {
      in_savepoint(*joined, work);
      return;
    }
    auto connection = pool.acquire();
    Transaction tx(*connection);
    {
      UnitOfWork unit(pool, *connection);
      work();
    }
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
