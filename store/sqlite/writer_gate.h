#pragma once
// One per database in a process: its write transactions queue here before BEGIN IMMEDIATE (see
// Transaction in connection.h). Writers pass in the order they came: the group committer, which
// comes back for its next batch the moment it is done, must not keep the others out. A thread may
// pass again while it holds the gate.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <thread>

namespace ln::store::sqlite {

class WriterGate {
 public:
  // Waits up to `timeout` for the gate; true if this thread holds it now.
  bool enter(std::chrono::milliseconds timeout);
  // Called once for every enter() that returned true.
  void leave();
  // How many writers wait at the gate now.
  std::size_t waiting();

 private:
  std::mutex mutex_;
  std::condition_variable free_;
  std::thread::id holder_;
  int depth_ = 0;
  std::deque<std::thread::id> waiting_;  // in the order they came
};

}  // namespace ln::store::sqlite
