#pragma once
// Connections are never shared between threads: a request borrows one and gives it back. At most
// `size` connections are open; a request that finds them all busy waits for one.
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/postgres/connection.h"

namespace ln::store::postgres {

class Pool {
 public:
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

  // Throws PgError when a new connection cannot be made or none frees up within the wait limit.
  Lease acquire();
  int size() const { return size_; }

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
};

}  // namespace ln::store::postgres
