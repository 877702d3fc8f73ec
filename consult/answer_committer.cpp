#include "consult/answer_committer.h"

#include "consult/audit.h"
#include "consult/errors.h"

namespace ln {

AnswerCommitter::AnswerCommitter(ConsultationStore& store, std::size_t max_batch)
    : store_(store), max_batch_(std::max<std::size_t>(max_batch, 1)), thread_([this] { run(); }) {}

AnswerCommitter::~AnswerCommitter() {
  stop();
}

void AnswerCommitter::submit(AnswerWrite write, Done done) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_)
      throw Unavailable("The server is shutting down. Please send your answers again.");
    queue_.push_back({std::move(write), std::move(done)});
  }
  arrived_.notify_one();
}

void AnswerCommitter::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  arrived_.notify_one();
  if (thread_.joinable()) thread_.join();
}

AnswerCommitter::Stats AnswerCommitter::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

void AnswerCommitter::run() {
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

void AnswerCommitter::commit(std::deque<Pending>& batch) {
  std::vector<AnswerWrite> writes;
  writes.reserve(batch.size());
  for (auto& p : batch) writes.push_back(std::move(p.write));
  std::vector<WriteOutcome> outcomes;
  std::exception_ptr failure;
  try {
    outcomes = store_.save_responses(writes, [](AuditEntry& e) { e.hash = audit_hash(e); });
  } catch (...) {
    failure = std::make_exception_ptr(
        Unavailable("Your answers could not be saved just now. Please send them again."));
  }
  {
    std::lock_guard lock(mutex_);
    ++stats_.batches;
    stats_.writes += static_cast<std::int64_t>(batch.size());
    stats_.largest_batch = std::max<std::int64_t>(stats_.largest_batch, batch.size());
  }
  for (std::size_t i = 0; i < batch.size(); ++i) {
    std::exception_ptr error = failure;
    if (!error && outcomes[i] == WriteOutcome::kConflict)
      error = std::make_exception_ptr(
          Conflict("These answers crossed with others you sent at the same moment. Please look "
                   "at your answers and send them again.",
                   "answer_conflict"));
    else if (!error && outcomes[i] != WriteOutcome::kSaved)
      error = std::make_exception_ptr(
          Unavailable("Your answers could not be saved just now. Please send them again."));
    try {
      batch[i].done(error);
    } catch (...) {
      // A sender that cannot be told (its connection is gone) must not stop the others.
    }
  }
}

}  // namespace ln
