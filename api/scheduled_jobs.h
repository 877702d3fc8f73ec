#pragma once
// Work that runs on a timer inside `serve`: for now the purge of identities whose consent was
// withdrawn. (With several instances this moves behind a database lock; see the PostgreSQL issue.)
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "api/app.h"

namespace ln::api {

// Runs every job once now; says what each deleted.
nlohmann::json run_scheduled_jobs(App& app);

class ScheduledJobs {
 public:
  ScheduledJobs(App& app, std::chrono::seconds interval);
  ~ScheduledJobs() { stop(); }
  void stop();

 private:
  void run();

  App& app_;
  std::chrono::seconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace ln::api
