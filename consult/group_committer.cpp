#include "consult/group_committer.h"

#include <pthread.h>

#include "base/errors.h"
#include "consult/audit.h"

namespace ln {
namespace {

// "Your answers" or "Your idea", with what to do: send again.
std::string send_again(const ChildWrite& w) {
  return w.response ? "Please send your answers again." : "Please send your idea again.";
}

std::exception_ptr not_saved(const ChildWrite& w) {
  return std::make_exception_ptr(
      Unavailable(std::string(w.response ? "Your answers" : "Your idea") +
                  " could not be saved just now. " + send_again(w)));
}

// The connection was lost while the batch was being committed: it may be stored. Sending answers
// again replaces the set stored for this child (one set per child and consultation), so it is
// safe; sending an idea again would store it twice.
std::exception_ptr maybe_saved(const ChildWrite& w) {
  return std::make_exception_ptr(Unavailable(
      w.response ? "Your answers may or may not have been saved: the connection to the database "
                   "was lost while they were being saved. Sending them again is safe: they "
                   "replace the answers you sent before."
                 : "Your idea may or may not have been saved: the connection to the database "
                   "was lost while it was being saved. Look at your ideas in a moment before "
                   "sending it again, so that it is not there twice."));
}

}  // namespace

GroupCommitter::GroupCommitter(ConsultationStore& store, std::size_t max_batch)
    : store_(store),
      max_batch_(std::max<std::size_t>(max_batch, 1)),
      replier_([this] { reply(); }),
      thread_([this] { run(); }) {}

GroupCommitter::~GroupCommitter() {
  stop();
}

void GroupCommitter::submit(ChildWrite write, Done done) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) throw Unavailable("The server is shutting down. " + send_again(write));
    queue_.push_back({std::move(write), std::move(done)});
  }
  arrived_.notify_one();
}

void GroupCommitter::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  arrived_.notify_one();
  if (thread_.joinable()) thread_.join();
  {
    std::lock_guard lock(replies_mutex_);
    replies_closing_ = true;
  }
  replies_ready_.notify_one();
  if (replier_.joinable()) replier_.join();
}

GroupCommitter::Stats GroupCommitter::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

void GroupCommitter::run() {
  pthread_setname_np(pthread_self(), "ln-commit");
  while (true) {
    std::deque<Pending> batch;
    {
      std::unique_lock lock(mutex_);
      arrived_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything is written
      // Everything that arrived while the last batch was syncing goes into this one.
      while (!queue_.empty() && batch.size() < max_batch_) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    commit(batch);
  }
}

void GroupCommitter::commit(std::deque<Pending>& batch) {
  std::vector<ChildWrite> writes;
  writes.reserve(batch.size());
  for (auto& p : batch) writes.push_back(std::move(p.write));
  std::vector<WriteOutcome> outcomes;
  bool failed = false;
  bool unknown = false;
  try {
    outcomes = store_.save_child_writes(writes, audit_hash);
  } catch (const StorageError& e) {
    failed = true;
    unknown = e.outcome_unknown();
  } catch (...) {
    failed = true;
  }
  {
    std::lock_guard lock(mutex_);
    ++stats_.batches;
    stats_.writes += static_cast<std::int64_t>(batch.size());
    stats_.largest_batch = std::max<std::int64_t>(stats_.largest_batch, batch.size());
  }
  Replies replies;
  replies.done.reserve(batch.size());
  replies.errors.reserve(batch.size());
  for (std::size_t i = 0; i < batch.size(); ++i) {
    std::exception_ptr error;
    if (failed)
      error = unknown ? maybe_saved(writes[i]) : not_saved(writes[i]);
    else if (outcomes[i] == WriteOutcome::kConflict && writes[i].response)
      error = std::make_exception_ptr(
          Conflict("These answers crossed with others you sent at the same moment. Please look "
                   "at your answers and send them again.",
                   "answer_conflict"));
    else if (outcomes[i] != WriteOutcome::kSaved)
      error = not_saved(writes[i]);
    replies.done.push_back(std::move(batch[i].done));
    replies.errors.push_back(std::move(error));
  }
  replies.writes = std::move(writes);
  {
    std::lock_guard lock(replies_mutex_);
    replies_.push_back(std::move(replies));
  }
  replies_ready_.notify_one();
}

void GroupCommitter::reply() {
  pthread_setname_np(pthread_self(), "ln-reply");
  while (true) {
    Replies replies;
    {
      std::unique_lock lock(replies_mutex_);
      replies_ready_.wait(lock, [this] { return replies_closing_ || !replies_.empty(); });
      if (replies_.empty()) return;  // closing, and everyone has been told
      replies = std::move(replies_.front());
      replies_.pop_front();
    }
    for (std::size_t i = 0; i < replies.done.size(); ++i) {
      try {
        replies.done[i](replies.errors[i]);
      } catch (...) {
        // A sender that cannot be told (its connection is gone) must not stop the others.
      }
    }
  }
}

}  // namespace ln
