#include "store/sqlite/pool.h"

namespace ln::store::sqlite {

Pool::Lease Pool::acquire() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(connection));
    }
  }
  return Lease(*this, open());
}

std::unique_ptr<Connection> Pool::open() {
  health_->connecting();
  auto connection = std::make_unique<Connection>(path_);
  connection->share_writer_gate(writer_gate_);
  connection->share_health(health_);
  if (on_open_) on_open_(*connection);
  return connection;
}

void Pool::give_back(std::unique_ptr<Connection> connection) {
  if (!connection) return;
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(connection));
}

}  // namespace ln::store::sqlite
