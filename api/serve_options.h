#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "api/http/logging.h"
#include "consult/retention.h"

namespace ln::api {

// `langnghe serve` settings; each comes from a flag or a LANGNGHE_… environment variable.
struct ServeOptions {
  std::string listen = "127.0.0.1:8080";
  std::string db = "sqlite:./data/langnghe.db";
  std::vector<std::string> trusted_proxies;  // whose X-Real-IP names the client
  int db_pool = 8;                           // PostgreSQL connections this instance opens at most
  int threads = 2;
  std::string web_root;  // empty: found at start (api/data_files.h)
  LogFormat log_format = LogFormat::kText;
  std::string log_level = "info";
  std::size_t max_body = 64 * 1024;
  bool demo = false;
  std::string time_zone = "Asia/Ho_Chi_Minh";  // where times are shown and typed in
  std::string key_file = "data/langnghe.key";
  int withdrawal_purge_days = 15;
  int join_code_days = 14;                  // a new class join code's lifetime
  bool refuse_short_sign_in_codes = false;  // once every child has a new, long code
  std::string metrics_token;  // Bearer token for /metrics; empty: nobody reads it (401)
  int jobs_interval_seconds = 60;
  long long min_group_size = 5;
  int claim_minutes = 10;
  int first_review_hours = 24;
  int safeguarding_ack_minutes = 60;
  // The screener's data files and its learned second opinion; empty: found at start
  // (api/data_files.h).
  std::string lexicons;
  std::string screener_model;
  // After SIGTERM: how long /readyz says 503 (and new requests get 503) before the listener
  // closes, then how long requests still arriving or in flight get to finish.
  int drain_seconds = 5;
  int finish_seconds = 10;
  bool test_hooks = false;  // LANGNGHE_TEST_HOOKS=1: routes under /__test for the API tests only

  // Writes (POST, PUT, PATCH, DELETE) per minute, also the burst; 0 turns a limit off.
  int write_limit_account = 600;   // per signed-in account or pupil
  int write_limit_address = 6000;  // per client address (a school behind one NAT shares it)

  RetentionPeriods retention;  // --retain-…-days
  // Recommendations and official responses.
  std::string holidays;  // an editable holiday calendar (PUT /calendar); empty: the installed one
  std::string calendar;  // the calendar read at start: `holidays`, or found (api/data_files.h)
  std::string smtp_url;  // smtp://host:port; empty: reminders stay in-app
  std::string smtp_from = "langnghe@localhost";
  int remind_before_working_days = 5;
  int escalate_after_working_days = 10;  // the grace period after a due date
};

}  // namespace ln::api
