#pragma once
// Logs go to stdout through spdlog: text for people, or one JSON object per line for machines.
#include <string>

namespace ln::api {

enum class LogFormat { kText, kJson };

// Throws std::invalid_argument for an unknown level.
void setup_logging(LogFormat format, const std::string& level);

struct AccessRecord {
  std::string method;
  std::string route;
  int status;
  double latency_ms;
  std::string request_id;
};

void log_access(const AccessRecord& record);

}  // namespace ln::api
