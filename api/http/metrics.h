#pragma once
// Prometheus text-format metrics: requests by route and status, and a latency histogram by route.
#include <array>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace ln::api {

class Metrics {
 public:
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

  void observe(const std::string& method, const std::string& route, int status, double seconds);
  // The Prometheus text exposition (version 0.0.4).
  std::string render() const;

 private:
  struct Histogram {
    std::array<unsigned long long, kBuckets.size()> buckets{};
    unsigned long long count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, unsigned long long> requests_;
  std::map<std::string, Histogram> latency_;
};

}  // namespace ln::api
