#pragma once
// Connections are never shared between threads: a request borrows one and gives it back. At most
// `size` connections are open; a request that finds them all busy waits for one.
//
// When the server cannot be reached, the pool tries again after a pause that doubles with every
// failed try (up to a cap, with jitter so several instances do not knock together), shared by
// every request: meanwhile a request that needs a new connection is refused at once (503) instead
// of opening one more. The log says once that the database is lost and once that it is back
// (StorageHealth).
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <vector>

#include "store/postgres/connection.h"
#include "store/storage_health.h"

namespace ln::store::postgres {

class Pool {
 public:
  // The pause after the first failed try, and the longest pause.
  static constexpr std::chrono::milliseconds kFirstPause{100};
  static constexpr std::chrono::milliseconds kLongestPause{5000};

  Pool(std::string conninfo, int size,
       std::chrono::milliseconds wait_limit = std::chrono::seconds(30));

  class Lease {
   public:
    Lease(Pool& pool, std::unique_ptr<Connection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() { pool_.give_back(std::move(connection_)); }
    Connection& operator*() { return *connection_; }
    Connection* operator->() { return connection_.get(); }

   private:
    Pool& pool_;
    std::unique_ptr<Connection> connection_;
  };

  // Throws PgError when a new connection cannot be made (or is not tried again yet, see above)
  // or none frees up within the wait limit.
  Lease acquire();
  int size() const { return size_; }
  StorageHealth& health() { return health_; }

 private:
  // Keeps a healthy, idle connection; drops one that broke or was left inside a transaction.
  void give_back(std::unique_ptr<Connection> connection);

  std::string conninfo_;
  int size_;
  std::chrono::milliseconds wait_limit_;
  std::mutex mutex_;
  std::condition_variable freed_;
  int open_ = 0;
  std::vector<std::unique_ptr<Connection>> idle_;

  int failed_tries_ = 0;  // connection tries failed in a row
  std::chrono::steady_clock::time_point next_try_{};
  std::mt19937 jitter_{std::random_device{}()};
  StorageHealth health_{"postgresql"};
};

}  // namespace ln::store::postgres
