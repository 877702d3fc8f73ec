#include "api/scheduled_jobs.h"

#include <spdlog/spdlog.h>

namespace ln::api {

nlohmann::json run_scheduled_jobs(App& app) {
  auto identities = app.pupils.purge_due_identities();
  if (identities)
    spdlog::info("purged {} identity records after consent was withdrawn", identities);
  auto p = app.retention.purge();
  nlohmann::json purged = {{"sessions", p.sessions},     {"sign_in_failures", p.sign_in_failures},
                           {"join_codes", p.join_codes}, {"guardian_codes", p.guardian_codes},
                           {"answers", p.answers},       {"data_requests", p.data_requests}};
  for (const auto& [kind, count] : purged.items())
    if (count.get<std::int64_t>() > 0)
      spdlog::info("retention: deleted {} {} past their retention period", count.dump(), kind);
  auto reminders = app.recommendations.run_reminders();
  if (reminders.notifications || reminders.flagged_overdue || reminders.emails)
    spdlog::info(
        "recommendation reminders: {} overdue flagged, {} notifications, {} e-mails, {} escalated",
        reminders.flagged_overdue, reminders.notifications, reminders.emails, reminders.escalated);
  return {{"identities_purged", identities},
          {"retention_purged", purged},
          {"recommendations_overdue", reminders.flagged_overdue},
          {"notifications", reminders.notifications},
          {"emails", reminders.emails},
          {"escalated", reminders.escalated}};
}

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
      run_scheduled_jobs(app_);
    } catch (const std::exception& e) {
      spdlog::error("scheduled job failed: {}", e.what());
    }
    lock.lock();
  }
}

}  // namespace ln::api
