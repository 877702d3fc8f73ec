#include "api/http/metrics.h"

#include <fmt/format.h>

namespace ln::api {
namespace {

// Label values are route templates and methods we chose, but escape anyway.
std::string label(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace

void Metrics::observe(const std::string& method, const std::string& route, int status,
                      double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{method, route, status}];
  Histogram& h = latency_[route];
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  ++h.count;
  h.sum += seconds;
}

std::string Metrics::render() const {
  std::lock_guard lock(mutex_);
  std::string out;
  out +=
      "# HELP langnghe_http_requests_total HTTP requests answered, by route template and status.\n";
  out += "# TYPE langnghe_http_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    const auto& [method, route, status] = key;
    out +=
        fmt::format("langnghe_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n",
                    label(method), label(route), status, count);
  }
  out +=
      "# HELP langnghe_http_request_duration_seconds Time from request parsed to response sent.\n";
  out += "# TYPE langnghe_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    for (std::size_t i = 0; i < kBuckets.size(); ++i)
      out += fmt::format(
          "langnghe_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n",
          label(route), kBuckets[i], h.buckets[i]);
    out += fmt::format(
        "langnghe_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n",
        label(route), h.count);
    out += fmt::format("langnghe_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n",
                       label(route), h.sum);
    out += fmt::format("langnghe_http_request_duration_seconds_count{{route=\"{}\"}} {}\n",
                       label(route), h.count);
  }
  return out;
}

}  // namespace ln::api
