#include "store/postgres/pool.h"

namespace ln::store::postgres {

Pool::Pool(std::string conninfo, int size, std::chrono::milliseconds wait_limit)
    : conninfo_(std::move(conninfo)), size_(size < 1 ? 1 : size), wait_limit_(wait_limit) {}

Pool::Lease Pool::acquire() {
  {
    std::unique_lock lock(mutex_);
    bool ready =
        freed_.wait_for(lock, wait_limit_, [&] { return !idle_.empty() || open_ < size_; });
    if (!ready)
      throw PgError("53300", "every pooled PostgreSQL connection stayed busy; raise --db-pool",
                    true);
    if (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(connection));
    }
    ++open_;  // reserve the slot, then connect without holding the lock
  }
  try {
    return Lease(*this, std::make_unique<Connection>(conninfo_));
  } catch (...) {
    std::lock_guard lock(mutex_);
    --open_;
    freed_.notify_one();
    throw;
  }
}

void Pool::give_back(std::unique_ptr<Connection> connection) {
  if (!connection) return;
  bool keep = connection->reusable();
  if (!keep) connection.reset();  // close outside the lock
  std::lock_guard lock(mutex_);
  if (keep)
    idle_.push_back(std::move(connection));
  else
    --open_;
  freed_.notify_one();
}

}  // namespace ln::store::postgres
