#include "consult/safeguarding_leads.h"

#include "consult/notifications.h"

namespace ln {

std::vector<Submission> open_safeguarding_cases(Storage& storage, const std::string& pupil_id) {
  std::vector<Submission> open;
  Page page;
  page.limit = 200;
  for (;;) {
    auto batch = storage.submissions().submissions_of(pupil_id, page);
    for (auto& s : batch)
      if (s.queue == Queue::kSafeguarding && s.status != SubmissionStatus::kClosed)
        open.push_back(s);
    if (static_cast<int>(batch.size()) < page.limit) break;
    page.after = batch.back().id;
  }
  return open;
}

void tell_safeguarding_leads(Storage& storage, const std::string& now, const std::string& unit_id,
                             const std::string& case_id, NotificationKind kind,
                             const std::string& message, const std::string& except_account) {
  for (const auto& a : accounts_serving(storage, "safeguarding_lead", unit_id)) {
    if (a.id == except_account) continue;
    storage.recommendations().insert_notification(
        {notification_id(now), "account", a.id, kind, "submission", case_id, message,
         "safeguarding:" + case_id + ":" + std::string(word(kind)) + ":" + now + ":" + a.id, now,
         std::nullopt});
  }
}

}  // namespace ln
