#include "store/sqlite/writer_gate.h"

#include <algorithm>

namespace ln::store::sqlite {

bool WriterGate::enter(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  const auto me = std::this_thread::get_id();
  if (depth_ > 0 && holder_ == me) {
    ++depth_;
    return true;
  }
  waiting_.push_back(me);
  if (!free_.wait_for(lock, timeout, [&] { return depth_ == 0 && waiting_.front() == me; })) {
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

void WriterGate::leave() {
  {
    std::lock_guard lock(mutex_);
    if (--depth_ > 0) return;
    holder_ = std::thread::id();
  }
  free_.notify_all();
}

std::size_t WriterGate::waiting() {
  std::lock_guard lock(mutex_);
  return waiting_.size();
}

}  // namespace ln::store::sqlite
