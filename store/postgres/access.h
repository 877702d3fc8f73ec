#pragma once
// Small helpers every PostgreSQL store uses: a borrowed connection, a write transaction that maps
// constraint violations to Conflict (as the SQLite backend does), and JSON lists bound as one
// parameter. A lost or unreachable server leaves as PgError, which the HTTP layer answers 503 like
// every StorageError that is unavailable().
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "consult/errors.h"
#include "store/lists.h"
#include "store/postgres/pool.h"

namespace ln::store::postgres {

template <typename F>
auto read(Pool& pool, F&& f) {
  auto connection = pool.acquire();
  return f(*connection);
}

// Runs `f` in one transaction and returns what it returns.
template <typename F>
auto write(Pool& pool, F&& f) {
  try {
    auto connection = pool.acquire();
    Transaction tx(*connection);
    if constexpr (std::is_void_v<decltype(f(*connection))>) {
      f(*connection);
      tx.commit();
    } else {
      auto out = f(*connection);
      tx.commit();
      return out;
    }
  } catch (const PgError& e) {
    if (e.is_constraint()) throw Conflict("That clashes with something that already exists.");
    throw;
  }
}

// The first row of a one-key query, mapped by `row`.
template <typename Map>
auto first_row(Pool& pool, const std::string& sql, const std::string& key, Map map)
    -> std::optional<decltype(map(std::declval<const Row&>()))> {
  using T = decltype(map(std::declval<const Row&>()));
  return read(pool, [&](Connection& c) -> std::optional<T> {
    auto result = c.exec(sql, key);
    if (result.rows() == 0) return std::nullopt;
    return map(result.row(0));
  });
}

using store::json_list;
using store::split_list;

}  // namespace ln::store::postgres
