#pragma once
// What the handlers share for the life of the server: storage, the clock, and the domain
// services built on them.
#include <atomic>

#include "api/metrics.h"
#include "api/serve_options.h"
#include "consult/accounts.h"
#include "consult/audit.h"
#include "consult/consultations.h"
#include "consult/councils.h"
#include "consult/crypto.h"
#include "consult/events.h"
#include "consult/organisation.h"
#include "consult/pupils.h"
#include "consult/reports.h"
#include "consult/sessions.h"
#include "consult/settings.h"
#include "consult/storage.h"
#include "consult/targets.h"
#include "moderation/queue.h"
#include "moderation/safeguarding.h"
#include "moderation/screener.h"
#include "moderation/submissions.h"

namespace ln::api {

struct App {
  App(Storage& storage, const ServeOptions& options, const Keys& keys)
      : storage(storage), options(options), keys(keys) {
    settings.withdrawal_purge_days = options.withdrawal_purge_days;
    settings.min_group_size = options.min_group_size;
  }

  Storage& storage;
  const ServeOptions& options;
  const Keys& keys;
  Settings settings;
  SystemClock clock;
  Metrics metrics;
  std::atomic<bool> draining{false};  // set on SIGTERM: /readyz answers 503

  AuditLog audit{storage.audit(), clock};
  Sessions sessions{storage, clock, settings};
  Organisation organisation{storage, clock, audit, settings};
  Accounts accounts{storage, clock, audit, sessions, settings};
  Pupils pupils{storage, clock, audit, sessions, organisation, settings, keys};
  // The screener annotates and routes every child's text; it never publishes or rejects.
  moderation::Screener screener{options.lexicons.empty() ? moderation::default_lexicon_dir()
                                                         : std::filesystem::path(options.lexicons)};
  TextScreen screen = [this](const std::string& text) {
    auto verdict = screener.screen(text);
    return ScreenedText{verdict.route, moderation::to_json(verdict).dump()};
  };
  moderation::Submissions submissions{storage, clock, audit, screen};
  Consultations consultations{storage, clock, audit, organisation, settings.min_group_size, screen};
  Targets targets{storage, clock, audit, organisation};
  moderation::ModerationQueue moderation{storage, clock, audit, organisation};
  moderation::SafeguardingCases safeguarding{storage, clock, audit, organisation, pupils};
  // Children's Councils, events and the unit reports (issue 7).
  Councils councils{storage, clock, audit, organisation, pupils};
  Events events{storage, clock, audit, organisation};
  Reports reports{storage, clock, audit, organisation, councils, targets, options.min_group_size};
};

}  // namespace ln::api
