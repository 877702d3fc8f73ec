#pragma once
// Group commit for what children send: answer sets and ideas. A 201 promises they are synced to
// disk, and a disk syncs only a few thousand times a second, so one commit per request caps a
// national consultation there. The committer gathers the writes that arrive while the previous
// batch is being written, writes them all in one transaction (one sync), and only then tells each
// sender — from a thread of its own, so the threads that took the requests never wait on the disk
// and the committer goes on to the next batch while the last one's replies are sent.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "consult/storage.h"

namespace ln {

class GroupCommitter {
 public:
  // Called on the reply thread, in the order of submission, once the write's batch is committed
  // (no error) or when it could not be saved: Conflict for a clash with answers stored meanwhile,
  // Unavailable when the database failed: then nothing of its batch was saved, unless the
  // connection was lost during the commit (the message then says it may have been saved).
  using Done = std::function<void(std::exception_ptr error)>;

  explicit GroupCommitter(ConsultationStore& store, std::size_t max_batch = 1000);
  GroupCommitter(const GroupCommitter&) = delete;
  GroupCommitter& operator=(const GroupCommitter&) = delete;
  ~GroupCommitter();

  // Queues the write; `done` is called exactly once. Throws Unavailable after stop().
  void submit(ChildWrite write, Done done);
  // Writes and answers everything submitted so far, then ends the thread. Safe to call twice.
  void stop();

  struct Stats {
    std::int64_t batches = 0;
    std::int64_t writes = 0;
    std::int64_t largest_batch = 0;
  };
  Stats stats() const;

 private:
  struct Pending {
    ChildWrite write;
    Done done;
  };
  // One batch's callbacks and what they are told; its writes are freed on the reply thread too.
  struct Replies {
    std::vector<Done> done;
    std::vector<std::exception_ptr> errors;
    std::vector<ChildWrite> writes;
  };
  void run();
  void commit(std::deque<Pending>& batch);
  void reply();

  ConsultationStore& store_;
  std::size_t max_batch_;
  mutable std::mutex mutex_;
  std::condition_variable arrived_;
  std::deque<Pending> queue_;
  bool stopping_ = false;
  Stats stats_;

  std::mutex replies_mutex_;
  std::condition_variable replies_ready_;
  std::deque<Replies> replies_;
  bool replies_closing_ = false;
  std::thread replier_;  // started before the committer, ended after it
  std::thread thread_;
};

}  // namespace ln
