#include "store/sqlite/checkpointer.h"

#include <pthread.h>

#include <chrono>
#include <memory>

#include <spdlog/spdlog.h>

namespace ln::store::sqlite {

Checkpointer::Checkpointer(std::string path, int pages)
    : path_(std::move(path)), pages_(pages), thread_([this] { run(); }) {}

Checkpointer::~Checkpointer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void Checkpointer::attach(Connection& connection) {
  sqlite3_wal_hook(connection.handle(), &Checkpointer::on_commit, this);
}

long Checkpointer::runs() const {
  std::lock_guard lock(mutex_);
  return runs_;
}

int Checkpointer::on_commit(void* self, sqlite3* /*db*/, const char* /*name*/, int pages) {
  auto* checkpointer = static_cast<Checkpointer*>(self);
  if (pages < checkpointer->pages_) return SQLITE_OK;
  {
    std::lock_guard lock(checkpointer->mutex_);
    if (checkpointer->due_) return SQLITE_OK;
    checkpointer->due_ = true;
  }
  checkpointer->wake_.notify_one();
  return SQLITE_OK;
}

void Checkpointer::run() {
  pthread_setname_np(pthread_self(), "ln-checkpoint");
  std::unique_ptr<Connection> connection;
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return due_ || stopping_; });
    if (stopping_) return;
    lock.unlock();
    try {
      if (!connection) connection = std::make_unique<Connection>(path_);
      // PASSIVE: copies what no reader still needs, never waits for readers or the writer.
      int rc = sqlite3_wal_checkpoint_v2(connection->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE,
                                         nullptr, nullptr);
      if (rc != SQLITE_OK && rc != SQLITE_BUSY)
        spdlog::warn("checkpoint: {}", sqlite3_errmsg(connection->handle()));
    } catch (const std::exception& e) {
      spdlog::warn("checkpoint: {}", e.what());
    }
    // While the log cannot be restarted (a reader still uses it), every commit finds it long:
    // at most one checkpoint every 20 ms then.
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    lock.lock();
    ++runs_;
    due_ = false;
  }
}

}  // namespace ln::store::sqlite
