#pragma once
// Copies the write-ahead log back into the database file on a thread of its own. Left to itself,
// SQLite runs that copy (and its fsync of the database file) inside whichever commit first finds
// 1,000 pages in the log: with group commit that is the committer, and every child waiting on that
// batch waited for the checkpoint too.
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "store/sqlite/connection.h"

namespace ln::store::sqlite {

class Checkpointer {
 public:
  // `pages`: how many pages in the log call for a checkpoint (SQLite's own default is 1,000).
  explicit Checkpointer(std::string path, int pages = 1000);
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;
  ~Checkpointer();

  // Turns off the connection's own automatic checkpoints and tells this thread instead.
  void attach(Connection& connection);

  // How many checkpoints this thread has run (for tests).
  long runs() const;

 private:
  static int on_commit(void* self, sqlite3* db, const char* name, int pages);
  void run();

  std::string path_;
  int pages_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool due_ = false;
  bool stopping_ = false;
  long runs_ = 0;
  std::thread thread_;
};

}  // namespace ln::store::sqlite
