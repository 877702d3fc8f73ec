#include "api/http/logging.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <fmt/chrono.h>

#include "base/clock.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace ln::api {
namespace {

LogFormat g_format = LogFormat::kText;

// %* : the message as a JSON string literal, so a JSON pattern stays valid whatever we log.
class JsonMessageFlag : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    std::string text(msg.payload.data(), msg.payload.size());
    std::string quoted =
        nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    dest.append(quoted.data(), quoted.data() + quoted.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<JsonMessageFlag>();
  }
};

}  // namespace

void setup_logging(LogFormat format, const std::string& level) {
  auto parsed = spdlog::level::from_str(level);
  if (parsed == spdlog::level::off && level != "off")
    throw std::invalid_argument("--log-level must be one of trace, debug, info, warn, error, off");
  g_format = format;

  // One sink each: spdlog keeps the pattern on the sink. Both lock the same console mutex.
  auto app = std::make_shared<spdlog::logger>("langnghe",
                                              std::make_shared<spdlog::sinks::stdout_sink_mt>());
  auto access =
      std::make_shared<spdlog::logger>("access", std::make_shared<spdlog::sinks::stdout_sink_mt>());
  if (format == LogFormat::kJson) {
    auto formatter = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc);
    formatter->add_flag<JsonMessageFlag>('*').set_pattern(
        R"({"ts":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","msg":%*})");
    app->set_formatter(std::move(formatter));
    // Access lines arrive as whole JSON objects (see log_access).
    access->set_pattern("%v", spdlog::pattern_time_type::utc);
  } else {
    app->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc);
    access->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ access %v", spdlog::pattern_time_type::utc);
  }
  app->set_level(parsed);
  access->set_level(parsed);
  app->flush_on(spdlog::level::trace);
  access->flush_on(spdlog::level::trace);
  spdlog::drop_all();
  spdlog::register_logger(access);
  spdlog::set_default_logger(app);
}

void log_access(const AccessRecord& r) {
  auto logger = spdlog::get("access");
  if (!logger || !logger->should_log(spdlog::level::info)) return;
  if (g_format == LogFormat::kJson) {
    auto now = std::chrono::system_clock::now();
    auto millis =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()) % 1000;
    nlohmann::json line = {
        {"ts", fmt::format("{}.{:03}Z", ln::format_time(now).substr(0, 19), millis.count())},
        {"level", "info"},
        {"msg", "request"},
        {"method", r.method},
        {"route", r.route},
        {"status", r.status},
        {"latency_ms", std::round(r.latency_ms * 1000.0) / 1000.0},
        {"request_id", r.request_id}};
    logger->info(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  } else {
    logger->info("{} {} {} {:.2f}ms rid={}", r.method, r.route, r.status, r.latency_ms,
                 r.request_id);
  }
}

}  // namespace ln::api
