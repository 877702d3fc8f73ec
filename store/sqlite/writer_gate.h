#pragma once
// One per database in a process: its write transactions queue here before BEGIN IMMEDIATE (see
// Transaction in connection.h). Writers pass in the order they came: the group committer, which
// comes back for its next batch the moment it is done, must not keep the others out. A thread may
// pass again while it holds the gate.
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace ln::store::sqlite {

class WriterGate {
 public:
  // Waits up to `timeout` for the gate; true if this thread holds it now.
  bool enter(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    const auto me = std::this_thread::get_id();
    if (depth_ > 0 && holder_ == me) {
      ++depth_;
      return true;
    }
    waiting_.push_back(me);
    if (!free_.wait_for(lock, timeout,
                        [&] { return depth_ == 0 && waiting_.front() == me; })) {
      waiting_.erase(std::find(waiting_.begin(), waiting_.end(), me));
      lock.unlock();
      free_.notify_all();  // the one behind may be first now
      return false;
    }
    waiting_.pop_front();
    holder_ = me;
    depth_ = 1;
    return true;
  }

  // Called once for every enter() that returned true.
  void leave() {
    {
      std::lock_guard lock(mutex_);
      if (--depth_ > 0) return;
      holder_ = std::thread::id();
    }
    free_.notify_all();
  }

  // How many writers wait at the gate now.
  std::size_t waiting() {
    std::lock_guard lock(mutex_);
    return waiting_.size();
  }

 private:
  std::mutex mutex_;
  std::condition_variable free_;
  std::thread::id holder_;
  int depth_ = 0;
  std::deque<std::thread::id> waiting_;  // in the order they came
};

}  // namespace ln::store::sqlite
