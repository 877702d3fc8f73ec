#pragma once
// What the handlers share for the life of the server: storage, the clock, and the domain
// services built on them.
#include <algorithm>
#include <atomic>

#include "api/http/metrics.h"
#include "api/pages/page_words.h"
#include "api/serve_options.h"
#include "base/crypto.h"
#include "base/write_limits.h"
#include "consult/accounts.h"
#include "consult/audit.h"
#include "consult/consultations.h"
#include "consult/councils.h"
#include "consult/events.h"
#include "consult/group_committer.h"
#include "consult/organisation.h"
#include "consult/pupils.h"
#include "consult/reports.h"
#include "consult/retention.h"
#include "consult/sessions.h"
#include "consult/settings.h"
#include "consult/storage.h"
#include "consult/targets.h"
#include "moderation/measures.h"
#include "moderation/queue.h"
#include "moderation/safeguarding.h"
#include "moderation/screener.h"
#include "moderation/submissions.h"
// Recommendations and official responses.
#include "api/http/smtp_mail.h"
#include "base/working_days.h"
#include "consult/asking_back.h"
#include "consult/recommendations.h"

namespace ln::api {

struct App {
  App(Storage& storage, const ServeOptions& options, const Keys& keys)
      : storage(storage), options(options), keys(keys) {}

  // Set before any member below reads them (some copy a value when they are built).
  static Settings settings_of(const ServeOptions& options) {
    Settings s;
    s.withdrawal_purge_days = options.withdrawal_purge_days;
    s.join_code_days = options.join_code_days;
    s.short_sign_in_codes = !options.refuse_short_sign_in_codes;
    s.min_group_size = options.min_group_size;
    s.claim_minutes = options.claim_minutes;
    s.first_review_hours = options.first_review_hours;
    s.safeguarding_ack_minutes = options.safeguarding_ack_minutes;
    return s;
  }

  Storage& storage;
  const ServeOptions& options;
  const Keys& keys;
  Settings settings = settings_of(options);
  SystemClock clock;
  Metrics metrics;
  std::atomic<bool> draining{false};  // set on SIGTERM: /readyz answers 503

  AuditLog audit{storage.audit(), clock};
  Sessions sessions{storage, clock, settings};
  Organisation organisation{storage, clock, audit, settings};
  // Wrong and refused guesses of every credential, for /metrics.
  GuessCounts guess_counts;
  Accounts accounts{storage, clock, audit, sessions, settings, &guess_counts};
  // The screener annotates and routes every child's text; it never publishes or rejects.
  moderation::Screener screener{options.lexicons, options.screener_model};
  // A pseudonym is the one text refused for personal information: it is shown to others at once.
  Pupils pupils{storage,
                clock,
                audit,
                sessions,
                organisation,
                settings,
                keys,
                // The lexicons' findings only: the learned second opinion reads whole texts, and
                // a two-word name is not one.
                [this](const std::string& pseudonym) {
                  const auto spans = screener.screen(pseudonym).spans;
                  return std::any_of(spans.begin(), spans.end(), [](const auto& span) {
                    return span.label == "personal_info";
                  });
                },
                &guess_counts};
  TextScreen screen = [this](const std::string& text) {
    Screening screening = moderation::screening_of(screener.screen(text));
    const Queue queue = screening.route.value_or(Queue::kNormal);
    return ScreenedText{queue, std::move(screening)};
  };
  moderation::Submissions submissions{storage, clock, audit, screen};
  Consultations consultations{storage, clock, audit, organisation, settings.min_group_size, screen};
  Targets targets{storage, clock, audit, organisation, consultations, settings.min_group_size};
  moderation::ModerationQueue moderation{storage, clock, audit, organisation, settings};
  moderation::SafeguardingCases safeguarding{storage, clock, audit, organisation, pupils, settings};
  moderation::Measures measures{storage, clock, settings};

  // Writes children's answers in batches, one sync per batch; stopped (drained) by serve() before
  // the HTTP endpoint shuts down.
  GroupCommitter group_committer{storage.consultations()};

  // Every write, per account and per client address (429 with Retry-After past the limit).
  WriteLimits write_limits{clock, {options.write_limit_account}, {options.write_limit_address}};
  // Each kind of stored data is deleted when its retention period is over (scheduled jobs).
  Retention retention{storage, clock, options.retention};

  // Recommendations and official responses.
  WorkingCalendar calendar{WorkingCalendar::load(options.calendar)};
  SmtpMailer mailer{options.smtp_url, options.smtp_from};
  Recommendations recommendations{
      storage,
      clock,
      audit,
      organisation,
      calendar,
      screen,
      // An authority's figures are public once it has had as many recommendations as the
      // smallest group the deployment publishes.
      {options.remind_before_working_days, options.escalate_after_working_days,
       static_cast<int>(SmallGroupRule(settings.min_group_size).threshold()),
       SmallGroupRule(settings.min_group_size)},
      &mailer};
  AskingBack asking_back{storage, clock, audit, organisation, screen};
  Councils councils{storage, clock, audit, organisation, pupils, recommendations};
  Events events{storage, clock, audit, organisation};
  Reports reports{storage,         clock,         audit,
                  organisation,    councils,      targets,
                  recommendations, consultations, settings.min_group_size};
  // The printable report page's words, from the front end's translation files.
  PageWords report_words{options.web_root, "report."};
};

}  // namespace ln::api
