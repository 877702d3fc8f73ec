#pragma once
// Small helpers every PostgreSQL store uses: a borrowed connection, a write transaction that maps
// constraint violations to Conflict (as the SQLite backend does), the unit of work they join, and
// JSON lists bound as one parameter. A lost or unreachable server leaves as PgError, which the
// HTTP layer answers 503 like every StorageError that is unavailable().
#include <functional>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "base/errors.h"
#include "store/lists.h"
#include "store/open_unit.h"
#include "store/postgres/pool.h"
#include "store/postgres/sql.h"

namespace ln::store::postgres {

using UnitOfWork = OpenUnit<Pool, Connection>;

// `f` on `c` inside a savepoint: when it throws, what it wrote is undone and the transaction
// around it goes on (PostgreSQL would otherwise refuse every later statement of it).
template <typename F>
auto in_savepoint(Connection& c, F&& f) {
  c.exec_script("SAVEPOINT joined");
  try {
    if constexpr (std::is_void_v<decltype(f())>) {
      f();
      c.exec_script("RELEASE SAVEPOINT joined");
    } else {
      auto out = f();
      c.exec_script("RELEASE SAVEPOINT joined");
      return out;
    }
  } catch (...) {
    try {
      c.exec_script("ROLLBACK TO SAVEPOINT joined; RELEASE SAVEPOINT joined");
    } catch (...) {
      // The connection is gone; the unit's transaction went with it.
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

// Runs `f` in one transaction and returns what it returns; inside a unit of work, in a savepoint
// of the unit's transaction.
template <typename F>
auto write(Pool& pool, F&& f) {
  try {
    if (Connection* joined = UnitOfWork::of(pool))
      return in_savepoint(*joined, [&] { return f(*joined); });
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

// Storage::atomically: one transaction that every read and write of this thread on `pool` joins
// until `work` returns; a unit inside a unit is a savepoint of it. Every unit may append to the
// audit chain, so it takes the chain's lock first, as the group committer's batches do: taken in
// the same order everywhere, a unit and a batch never each hold what the other waits for.
inline void unit_of_work(Pool& pool, const std::function<void()>& work) {
  try {
    if (Connection* joined = UnitOfWork::of(pool)) {
      in_savepoint(*joined, work);
      return;
    }
    auto connection = pool.acquire();
    Transaction tx(*connection);
    connection->exec(sql::kAdvisoryLock, sql::kAuditLockKey);
    {
      UnitOfWork unit(pool, *connection);
      work();
    }
    tx.commit();
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
