#pragma once
// The unit of work open on this thread (Storage::atomically): while it is open, every store call
// this thread makes on the same pool runs on the unit's connection, inside its one transaction,
// instead of borrowing a connection and opening a transaction of its own.
namespace ln::store {

template <typename Pool, typename Connection>
class OpenUnit {
 public:
  OpenUnit(const Pool& pool, Connection& connection)
      : pool_(&pool), connection_(&connection), outer_(top_) {
    top_ = this;
  }
  OpenUnit(const OpenUnit&) = delete;
  OpenUnit& operator=(const OpenUnit&) = delete;
  ~OpenUnit() { top_ = outer_; }

  // The connection of the unit this thread has open on `pool`, or nullptr.
  static Connection* of(const Pool& pool) {
    for (const OpenUnit* unit = top_; unit; unit = unit->outer_)
      if (unit->pool_ == &pool) return unit->connection_;
    return nullptr;
  }

 private:
  const Pool* pool_;
  Connection* connection_;
  const OpenUnit* outer_;
  static inline thread_local const OpenUnit* top_ = nullptr;
};

}  // namespace ln::store
