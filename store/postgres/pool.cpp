#include "store/postgres/pool.h"

#include <algorithm>

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
    auto now = std::chrono::steady_clock::now();
    if (failed_tries_ > 0) {
      if (now < next_try_)
        throw PgError("08001", "PostgreSQL unreachable; not tried again yet", true);
      // This request makes the one try; the others are refused until it has failed or worked.
      next_try_ = now + kLongestPause;
    }
    ++open_;  // reserve the slot, then connect without holding the lock
  }
  health_.connecting();
  try {
    auto connection = std::make_unique<Connection>(conninfo_);
    connection->share_health(&health_);
    {
      std::lock_guard lock(mutex_);
      failed_tries_ = 0;
    }
    health_.worked();
    return Lease(*this, std::move(connection));
  } catch (const PgError& e) {
    {
      std::lock_guard lock(mutex_);
      --open_;
      // 100 ms, 200 ms, 400 ms … up to the cap, each between half and all of it.
      auto pause = std::min<std::chrono::milliseconds>(
          kLongestPause, kFirstPause * (1LL << std::min(failed_tries_, 20)));
      ++failed_tries_;
      std::uniform_real_distribution<double> share(0.5, 1.0);
      next_try_ = std::chrono::steady_clock::now() +
                  std::chrono::milliseconds(static_cast<long long>(pause.count() * share(jitter_)));
      freed_.notify_one();
    }
    health_.failed(e.what());
    throw;
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
  bool lost = connection->lost();
  std::vector<std::unique_ptr<Connection>> dropped;
  if (!keep) connection.reset();  // close outside the lock
  {
    std::lock_guard lock(mutex_);
    if (keep)
      idle_.push_back(std::move(connection));
    else
      --open_;
    // A server that dropped one connection (a restart, a failover) has most likely dropped the
    // idle ones too: new ones are cheap, and no later request fails on a dead one.
    if (lost) {
      open_ -= static_cast<int>(idle_.size());
      dropped.swap(idle_);
    }
    freed_.notify_all();
  }
}

}  // namespace ln::store::postgres
