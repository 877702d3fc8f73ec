#include "api/scheduled_jobs.h"

#include <spdlog/spdlog.h>

namespace ln::api {

ScheduledJobs::ScheduledJobs(App& app, std::chrono::seconds interval)
    : app_(app), interval_(interval), thread_([this] { run(); }) {}

void ScheduledJobs::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ScheduledJobs::run() {
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
    lock.unlock();
    try {
      if (auto purged = app_.pupils.purge_due_identities())
        spdlog::info("purged {} identity records after consent was withdrawn", purged);
      auto reminders = app_.recommendations.run_reminders();
      if (reminders.notifications || reminders.flagged_overdue || reminders.emails)
        spdlog::info(
            "recommendation reminders: {} overdue flagged, {} notifications, {} e-mails, "
            "{} escalated",
            reminders.flagged_overdue, reminders.notifications, reminders.emails,
            reminders.escalated);
    } catch (const std::exception& e) {
      spdlog::error("scheduled job failed: {}", e.what());
    }
    lock.lock();
  }
}

}  // namespace ln::api
