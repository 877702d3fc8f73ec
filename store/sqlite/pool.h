#pragma once
// Connections are never shared between threads: a request borrows one and gives it back.
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/sqlite/connection.h"

namespace ln::store::sqlite {

class Pool {
 public:
  // `on_open` runs once on every connection the pool opens (the storage attaches its checkpointer).
  explicit Pool(std::string path, std::function<void(Connection&)> on_open = {})
      : path_(std::move(path)), on_open_(std::move(on_open)) {}

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

  Lease acquire();
  // A connection of the caller's own, outside the pool (with `on_open` run on it).
  std::unique_ptr<Connection> open();
  const std::string& path() const { return path_; }
  // Whether writes work, as every connection of this pool last found.
  StorageHealth& health() { return *health_; }

 private:
  void give_back(std::unique_ptr<Connection> connection);

  std::string path_;
  std::function<void(Connection&)> on_open_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Connection>> idle_;
  // Shared by every connection this pool opens, its own and those it hands out (see Transaction).
  std::shared_ptr<WriterGate> writer_gate_ = std::make_shared<WriterGate>();
  std::shared_ptr<StorageHealth> health_ = std::make_shared<StorageHealth>("sqlite");
};

}  // namespace ln::store::sqlite
