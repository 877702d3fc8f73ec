#include "api/cli.h"

#include <sodium.h>
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <iostream>

#include "api/server.h"
#include "langnghe_version.h"
#include "store/database_url.h"
#include "store/open_storage.h"

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

int migrate_command(const std::string& db) {
  store::MigrationReport report;
  store::open_storage(db, &report);
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
  serve->add_option("--threads", serve_options.threads, "HTTP worker threads")
      ->envname("LANGNGHE_THREADS")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  serve->add_option("--web-root", serve_options.web_root, "Folder of the web pages served at /")
      ->envname("LANGNGHE_WEB_ROOT")
      ->capture_default_str();
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

  std::string migrate_db = serve_options.db;
  auto* migrate = app.add_subcommand("migrate", "Bring the database schema up to date and exit");
  add_db_option(*migrate, migrate_db);

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
                  serve->parsed() ? serve_options.log_level : "info");
    if (serve->parsed()) {
      serve_options.max_body = parse_size(max_body);
      if (const char* hooks = std::getenv("LANGNGHE_TEST_HOOKS"))
        serve_options.test_hooks = std::string(hooks) == "1";
      return ln::api::serve(serve_options);
    }
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
