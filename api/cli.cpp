#include "api/cli.h"

#include <sodium.h>
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>
#include <tuple>

#include "api/data_files.h"
#include "api/screen_json.h"
#include "api/server.h"
#include "base/errors.h"
#include "base/local_zone.h"
#include "consult/accounts.h"
#include "consult/age_bands.h"
#include "consult/audit.h"
#include "langnghe_version.h"
#include "moderation/measures.h"
#include "moderation/screener.h"
#include "store/database_url.h"
#include "store/open_storage.h"
#include "store/sqlite/backup.h"

namespace ln::api {
namespace {

constexpr int kUsageError = 2;

// "65536", "64K", "64KiB", "1M", "1MiB" → bytes.
std::size_t parse_size(const std::string& text) {
  std::size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  if (digits == 0 || digits > 12) throw std::invalid_argument("not a size");
  std::size_t value = std::stoull(text.substr(0, digits));
  std::string unit = text.substr(digits);
  if (unit.empty() || unit == "B") return value;
  if (unit == "K" || unit == "k" || unit == "KiB" || unit == "KB") return value * 1024;
  if (unit == "M" || unit == "MiB" || unit == "MB") return value * 1024 * 1024;
  throw std::invalid_argument("unknown unit");
}

std::string check_listen(const std::string& value) {
  auto colon = value.rfind(':');
  if (colon == std::string::npos || colon == 0)
    return "--listen must be HOST:PORT, e.g. 127.0.0.1:8080";
  std::string port = value.substr(colon + 1);
  if (port.empty() || port.size() > 5 ||
      !std::all_of(port.begin(), port.end(), [](unsigned char c) { return std::isdigit(c); }))
    return "--listen needs a numeric port";
  int number = std::stoi(port);
  if (number < 1 || number > 65535) return "--listen port must be between 1 and 65535";
  return "";
}

std::string check_db(const std::string& value) {
  try {
    store::parse_database_url(value);
    return "";
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
}

void add_db_option(CLI::App& command, std::string& db) {
  command
      .add_option("--db", db, "Database URL: sqlite:PATH or postgresql://user:pass@host:port/db")
      ->envname("LANGNGHE_DB")
      ->capture_default_str()
      ->check(CLI::Validator(check_db, "URL", "database URL"));
}

void add_key_file_option(CLI::App& command, std::string& key_file) {
  command
      .add_option("--key-file", key_file,
                  "Key for encrypting identity records (created 0600 if missing)")
      ->envname("LANGNGHE_KEY_FILE")
      ->capture_default_str();
}

struct AdminCreate {
  std::string db;
  std::string username;
  std::string display_name;
  std::string key_file;
};

int admin_create_command(const AdminCreate& options, std::istream& in) {
  std::string password;
  std::getline(in, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  auto storage = store::open_storage(options.db);
  SystemClock clock;
  Settings settings;
  AuditLog audit(storage->audit(), clock);
  Sessions sessions(*storage, clock, settings);
  Accounts accounts(*storage, clock, audit, sessions, settings);
  try {
    auto account = accounts.create(
        nullptr, {options.username,
                  options.display_name.empty() ? options.username : options.display_name,
                  "admin",
                  password,
                  {},
                  {}});
    std::cout << "created admin " << account.username << " (" << account.id << ")\n";
    return 0;
  } catch (const Error& e) {
    std::cerr << "langnghe: " << e.what() << "\n";
    return 1;
  }
}

int audit_verify_command(const std::string& db) {
  auto storage = store::open_storage(db);
  SystemClock clock;
  AuditLog audit(storage->audit(), clock);
  auto result = audit.verify();
  if (result.ok) {
    std::cout << "audit log intact: " << result.entries << " entries\n";
    return 0;
  }
  std::cout << "audit log BROKEN at entry " << *result.broken_at << ": " << result.problem << "\n";
  return 1;
}

// `langnghe screen --misses`: texts moderators found the screener wrong about, one per line as
// kind<TAB>label<TAB>text, for safeguarding leads to review and, with identifying details changed,
// add to the corpus (tests/moderation/corpus/README.md). Audited as an export.
int screener_misses_command(const std::string& db, int days) {
  auto storage = store::open_storage(db);
  SystemClock clock;
  const Settings settings;
  moderation::Measures measures(*storage, clock, settings);
  const auto misses = measures.screener_misses(days);
  for (const auto& m : misses) {
    std::string text = m.text;
    std::replace_if(
        text.begin(), text.end(), [](char c) { return c == '\t' || c == '\n' || c == '\r'; }, ' ');
    std::cout << m.kind << '\t' << m.label << '\t' << text << '\n';
  }
  AuditLog audit(storage->audit(), clock);
  audit.record(AuditActor::system(), "screener.misses_exported", "screener", "misses", "",
               {{"days", days}, {"texts", misses.size()}});
  return 0;
}

// SQLite only: PostgreSQL has pg_dump and pg_restore (README, "Backups").
std::string sqlite_file_of(const std::string& db, const char* postgres_tool) {
  auto url = store::parse_database_url(db);
  if (url.backend != store::DatabaseUrl::Backend::kSqlite)
    throw std::invalid_argument(std::string("this command copies SQLite databases; for PostgreSQL "
                                            "use ") +
                                postgres_tool + " (see the README)");
  return url.target;
}

int backup_command(const std::string& db, const std::string& out) {
  auto report = store::sqlite::backup_database(sqlite_file_of(db, "pg_dump --format=custom"), out);
  std::cout << "backed up " << db << " to " << out << ": schema version " << report.schema_version
            << ", " << report.rows << " rows, " << report.bytes
            << " bytes, integrity ok (mode 0600)\n";
  return 0;
}

int restore_command(const std::string& db, const std::string& in, bool force) {
  auto file = sqlite_file_of(db, "pg_restore --clean");
  auto before = store::sqlite::inspect_database(file);
  try {
    auto report = store::sqlite::restore_database(in, file, force);
    std::cout << "restored " << in << " into " << db << " (which held " << before.rows << " rows"
              << (before.rows > 0 ? ", replaced because of --force" : "") << "): schema version "
              << report.schema_version << ", " << report.rows << " rows, integrity ok\n";
    return 0;
  } catch (const std::runtime_error& e) {
    std::cerr << "langnghe: restore refused: " << e.what() << "\n";
    return 1;
  }
}

int migrate_command(const std::string& db) {
  store::MigrationReport report;
  store::open_storage(db, &report, {.pool_size = 1});
  if (report.applied.empty()) {
    std::cout << "database already at schema version " << report.to_version << "\n";
  } else {
    std::cout << "migrated from schema version " << report.from_version << " to "
              << report.to_version << "\n";
  }
  return 0;
}

}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App app{"Lắng Nghe — a child participation and consultation platform", "langnghe"};
  app.set_version_flag("--version", std::string("langnghe ") + kVersion);
  app.require_subcommand(1);
  app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);

  ServeOptions serve_options;
  std::string max_body = "64KiB";
  std::string log_format = "text";
  auto* serve = app.add_subcommand("serve", "Serve the HTTP API and the web pages");
  serve->add_option("--listen", serve_options.listen, "Address to listen on, HOST:PORT")
      ->envname("LANGNGHE_LISTEN")
      ->capture_default_str()
      ->check(CLI::Validator(check_listen, "HOST:PORT", "listen address"));
  add_db_option(*serve, serve_options.db);
  serve
      ->add_option(
          "--trusted-proxy", serve_options.trusted_proxies,
          "Address of a reverse proxy whose X-Real-IP header names the client (repeatable)")
      ->envname("LANGNGHE_TRUSTED_PROXY")
      ->delimiter(',')
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  serve
      ->add_option("--db-pool", serve_options.db_pool,
                   "PostgreSQL connections this instance opens at most (requests wait when all "
                   "are busy)")
      ->envname("LANGNGHE_DB_POOL")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  serve
      ->add_option("--drain-seconds", serve_options.drain_seconds,
                   "After SIGTERM, how long /readyz answers 503 and new requests get 503 before "
                   "the listener closes (long enough for a load balancer to notice)")
      ->envname("LANGNGHE_DRAIN_SECONDS")
      ->capture_default_str()
      ->check(CLI::Range(0, 300));
  serve
      ->add_option("--finish-seconds", serve_options.finish_seconds,
                   "Then, how long requests still arriving or being answered get to finish")
      ->envname("LANGNGHE_FINISH_SECONDS")
      ->capture_default_str()
      ->check(CLI::Range(0, 300));
  serve->add_option("--threads", serve_options.threads, "HTTP worker threads")
      ->envname("LANGNGHE_THREADS")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  serve
      ->add_option("--web-root", serve_options.web_root,
                   "Folder of the web pages served at / (default: share/langnghe/web beside bin/)")
      ->envname("LANGNGHE_WEB_ROOT");
  serve->add_option("--log-format", log_format, "text or json")
      ->envname("LANGNGHE_LOG_FORMAT")
      ->capture_default_str()
      ->check(CLI::IsMember({"text", "json"}));
  serve->add_option("--log-level", serve_options.log_level, "trace, debug, info, warn, error, off")
      ->envname("LANGNGHE_LOG_LEVEL")
      ->capture_default_str()
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));
  serve->add_option("--max-body", max_body, "Largest request body accepted, e.g. 65536 or 64KiB")
      ->envname("LANGNGHE_MAX_BODY")
      ->capture_default_str()
      ->check(CLI::Validator(
          [](const std::string& v) {
            try {
              std::size_t bytes = parse_size(v);
              if (bytes < 1024 || bytes > 64 * 1024 * 1024)
                return std::string("--max-body must be between 1KiB and 64MiB");
              return std::string();
            } catch (const std::exception&) {
              return std::string("--max-body must be a size such as 65536, 64KiB or 1MiB");
            }
          },
          "SIZE", "size"));
  serve
      ->add_flag("--demo", serve_options.demo,
                 "Fill an empty database with a demo (never for real children)")
      ->envname("LANGNGHE_DEMO");
  add_key_file_option(*serve, serve_options.key_file);
  serve
      ->add_option("--withdrawal-purge-days", serve_options.withdrawal_purge_days,
                   "Days after consent is withdrawn before the identity record is deleted")
      ->envname("LANGNGHE_WITHDRAWAL_PURGE_DAYS")
      ->capture_default_str()
      ->check(CLI::Range(0, 15));
  serve
      ->add_option("--jobs-interval", serve_options.jobs_interval_seconds,
                   "Seconds between runs of the scheduled jobs (identity purge)")
      ->envname("LANGNGHE_JOBS_INTERVAL")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));

  serve
      ->add_option("--metrics-token", serve_options.metrics_token,
                   "Bearer token an operator's Prometheus sends to read /metrics (at least 24 "
                   "characters); without one, nobody can read it (401)")
      ->envname("LANGNGHE_METRICS_TOKEN")
      ->check(CLI::Validator(
          [](const std::string& v) {
            return v.size() >= 24 ? std::string()
                                  : std::string("--metrics-token needs at least 24 characters");
          },
          "TOKEN", "token"));
  serve
      ->add_flag("--refuse-short-sign-in-codes", serve_options.refuse_short_sign_in_codes,
                 "Refuse the short sign-in codes given before 2026-12 (meo-xanh-4821), once "
                 "every child has a new one")
      ->envname("LANGNGHE_REFUSE_SHORT_SIGN_IN_CODES");
  serve
      ->add_option("--join-code-days", serve_options.join_code_days,
                   "Days a new class join code works (a facilitator can rotate it sooner)")
      ->envname("LANGNGHE_JOIN_CODE_DAYS")
      ->capture_default_str()
      ->check(CLI::Range(1, 365));

  serve
      ->add_option("--min-group-size", serve_options.min_group_size,
                   "Published counts of fewer children than this are hidden (5 or more)")
      ->envname("LANGNGHE_MIN_GROUP_SIZE")
      ->capture_default_str()
      ->check(CLI::Range(5, 1000));

  serve
      ->add_option("--claim-minutes", serve_options.claim_minutes,
                   "Minutes a moderator's claim on an item lasts")
      ->envname("LANGNGHE_CLAIM_MINUTES")
      ->capture_default_str()
      ->check(CLI::Range(1, 240));
  serve
      ->add_option("--first-review-hours", serve_options.first_review_hours,
                   "Hours within which a child's text should have its first review")
      ->envname("LANGNGHE_FIRST_REVIEW_HOURS")
      ->capture_default_str()
      ->check(CLI::Range(1, 24 * 14));
  serve
      ->add_option("--safeguarding-ack-minutes", serve_options.safeguarding_ack_minutes,
                   "Minutes within which a safeguarding lead should acknowledge a possible "
                   "disclosure")
      ->envname("LANGNGHE_SAFEGUARDING_ACK_MINUTES")
      ->capture_default_str()
      ->check(CLI::Range(5, 24 * 60));

  serve
      ->add_option("--holidays", serve_options.holidays,
                   "Holiday calendar (date, holiday|working, name per line); default: the built-in "
                   "Vietnamese calendar")
      ->envname("LANGNGHE_HOLIDAYS");
  serve
      ->add_option("--smtp-url", serve_options.smtp_url,
                   "SMTP server for reminder e-mails, smtp://host:port (none: in-app only)")
      ->envname("LANGNGHE_SMTP_URL");
  serve
      ->add_option("--time-zone", serve_options.time_zone,
                   "Time zone the pages and printed reports show and take times in (tz database)")
      ->envname("LANGNGHE_TIME_ZONE")
      ->capture_default_str()
      ->check(CLI::Validator(ln::check_time_zone, "ZONE", "time zone"));
  serve->add_option("--smtp-from", serve_options.smtp_from, "Sender address of reminder e-mails")
      ->envname("LANGNGHE_SMTP_FROM")
      ->capture_default_str();
  serve
      ->add_option("--remind-before", serve_options.remind_before_working_days,
                   "Working days before a due date when reminders go out")
      ->envname("LANGNGHE_REMIND_BEFORE")
      ->capture_default_str()
      ->check(CLI::Range(0, 60));
  serve
      ->add_option("--escalate-after", serve_options.escalate_after_working_days,
                   "Working days after a due date before an unanswered item escalates")
      ->envname("LANGNGHE_ESCALATE_AFTER")
      ->capture_default_str()
      ->check(CLI::Range(0, 120));
  serve
      ->add_option("--lexicons", serve_options.lexicons,
                   "Folder of the screener's lexicons and rules")
      ->envname("LANGNGHE_LEXICONS");
  serve
      ->add_option("--screener-model", serve_options.screener_model,
                   "The screener's learned second opinion (fastText model; its thresholds beside "
                   "it as MODEL.thresholds)")
      ->envname("LANGNGHE_SCREENER_MODEL");
  serve
      ->add_option("--write-limit-account", serve_options.write_limit_account,
                   "Writes per minute per signed-in account or pupil (0: no limit)")
      ->envname("LANGNGHE_WRITE_LIMIT_ACCOUNT")
      ->capture_default_str()
      ->check(CLI::Range(0, 1000000));
  serve
      ->add_option("--write-limit-address", serve_options.write_limit_address,
                   "Writes per minute per client address (0: no limit)")
      ->envname("LANGNGHE_WRITE_LIMIT_ADDRESS")
      ->capture_default_str()
      ->check(CLI::Range(0, 1000000));
  // Retention periods (consult/retention.h), in days.
  for (auto [flag, env, days, what] :
       std::initializer_list<std::tuple<const char*, const char*, int*, const char*>>{
           {"--retain-sessions-days", "LANGNGHE_RETAIN_SESSIONS_DAYS",
            &serve_options.retention.sessions_days, "Days ended sessions are kept"},
           {"--retain-sign-in-failures-days", "LANGNGHE_RETAIN_SIGN_IN_FAILURES_DAYS",
            &serve_options.retention.sign_in_failures_days,
            "Days a sign-in failure counter is kept after its last failure"},
           {"--retain-codes-days", "LANGNGHE_RETAIN_CODES_DAYS",
            &serve_options.retention.codes_days,
            "Days expired or revoked join and guardian codes are kept"},
           {"--retain-answers-days", "LANGNGHE_RETAIN_ANSWERS_DAYS",
            &serve_options.retention.answers_days,
            "Days children's answers are kept after their consultation closes (results stay)"},
           {"--retain-data-requests-days", "LANGNGHE_RETAIN_DATA_REQUESTS_DAYS",
            &serve_options.retention.data_requests_days, "Days handled data requests are kept"}})
    serve->add_option(flag, *days, what)
        ->envname(env)
        ->capture_default_str()
        ->check(CLI::Range(0, 3650));
  std::string age_bands = "7-10,11-13,14-15,16-17";
  serve
      ->add_option("--age-bands", age_bands,
                   "Age bands from 7 to 17 whose wording consultations carry, youngest first")
      ->envname("LANGNGHE_AGE_BANDS")
      ->capture_default_str()
      ->check(CLI::Validator(
          [](const std::string& v) {
            try {
              configure_age_bands(parse_age_bands(v));
              return std::string();
            } catch (const std::invalid_argument& e) {
              return std::string("--age-bands: ") + e.what();
            }
          },
          "BANDS", "age bands"));

  std::string migrate_db = serve_options.db;
  auto* migrate = app.add_subcommand("migrate", "Bring the database schema up to date and exit");
  add_db_option(*migrate, migrate_db);

  AdminCreate admin_options{serve_options.db, "", "", serve_options.key_file};
  auto* admin = app.add_subcommand("admin", "Administer accounts from the command line");
  admin->require_subcommand(1);
  auto* admin_create = admin->add_subcommand(
      "create", "Create an admin account; the password is read from the first line of stdin");
  add_db_option(*admin_create, admin_options.db);
  admin_create->add_option("--username", admin_options.username, "The new admin's username")
      ->required();
  admin_create->add_option("--display-name", admin_options.display_name,
                           "The name shown to others");

  std::string lexicons, screener_model;  // empty: found as `serve` finds them
  auto* screen = app.add_subcommand(
      "screen",
      "Screen UTF-8 lines from stdin; print one JSON verdict per line (for tuning lexicons)");
  screen->add_option("--lexicons", lexicons, "Folder of the screener's lexicons and rules")
      ->envname("LANGNGHE_LEXICONS");
  screen
      ->add_option("--screener-model", screener_model,
                   "The screener's learned second opinion (fastText model)")
      ->envname("LANGNGHE_SCREENER_MODEL");
  bool lexicons_only = false;
  screen->add_flag("--lexicons-only", lexicons_only,
                   "Screen with the lexicons alone, without the learned second opinion (what the "
                   "rules find by themselves, nothing held back)");
  bool screen_misses = false;
  std::string misses_db = serve_options.db;
  int misses_days = 90;
  screen->add_flag("--misses", screen_misses,
                   "Instead of screening stdin, print the texts moderators found the screener "
                   "wrong about (kind, label, text; no identity), from --db");
  add_db_option(*screen, misses_db);
  screen->add_option("--days", misses_days, "With --misses: how many days back")
      ->capture_default_str()
      ->check(CLI::Range(1, 366));

  std::string audit_db = serve_options.db;
  auto* audit = app.add_subcommand("audit", "Work with the audit log");
  audit->require_subcommand(1);
  auto* audit_verify = audit->add_subcommand("verify", "Check the audit log's hash chain");
  add_db_option(*audit_verify, audit_db);

  std::string backup_db = serve_options.db, backup_out;
  auto* backup = app.add_subcommand(
      "backup", "Copy a SQLite database to a file while it is in use (PostgreSQL: pg_dump)");
  add_db_option(*backup, backup_db);
  backup->add_option("--out", backup_out, "The file to write (mode 0600)")->required();
  std::string restore_db = serve_options.db, restore_in;
  bool restore_force = false;
  auto* restore = app.add_subcommand(
      "restore", "Replace a SQLite database with a backup (PostgreSQL: pg_restore)");
  add_db_option(*restore, restore_db);
  restore->add_option("--in", restore_in, "The backup file to restore")->required();
  restore->add_flag("--force", restore_force,
                    "Replace a database that holds data (stop every server using it first)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kUsageError;
  }

  if (sodium_init() < 0) {
    std::cerr << "langnghe: libsodium could not start\n";
    return 1;
  }
  try {
    setup_logging(log_format == "json" ? LogFormat::kJson : LogFormat::kText,
                  serve->parsed() ? serve_options.log_level : "warn");
    if (serve->parsed()) {
      serve_options.max_body = parse_size(max_body);
      ln::use_time_zone(serve_options.time_zone);
      if (const char* hooks = std::getenv("LANGNGHE_TEST_HOOKS"))
        serve_options.test_hooks = std::string(hooks) == "1";
      find_data_files(serve_options);
      return ln::api::serve(serve_options);
    }
    if (admin_create->parsed()) return admin_create_command(admin_options, std::cin);
    if (screen->parsed() && screen_misses) return screener_misses_command(misses_db, misses_days);
    if (screen->parsed() && lexicons_only)
      return screen_lines(moderation::Screener(find_data_file(DataFile::kLexicons, lexicons)),
                          std::cin, std::cout);
    if (screen->parsed())
      return screen_lines(
          moderation::Screener(find_data_file(DataFile::kLexicons, lexicons),
                               find_data_file(DataFile::kScreenerModel, screener_model)),
          std::cin, std::cout);
    if (audit_verify->parsed()) return audit_verify_command(audit_db);
    if (backup->parsed()) return backup_command(backup_db, backup_out);
    if (restore->parsed()) return restore_command(restore_db, restore_in, restore_force);
    return migrate_command(migrate_db);
  } catch (const std::invalid_argument& e) {
    std::cerr << "langnghe: " << e.what() << "\n";
    return kUsageError;
  } catch (const std::exception& e) {
    std::cerr << "langnghe: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace ln::api
