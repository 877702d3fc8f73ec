#pragma once
// Whether the database takes writes right now. Each backend reports here when a write fails for
// storage reasons (a full disk, an I/O error, a lost server) and when a write commits again.
// Readiness (/readyz) says 503 while writes fail, and the log says so once when it starts and
// once when it ends — never once per refused request (a full disk under load refused 31,179
// answers in a few minutes).
#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

namespace ln::store {

class StorageHealth {
 public:
  explicit StorageHealth(std::string backend) : backend_(std::move(backend)) {}

  // A write (or a connection) failed for storage reasons; `detail` is the library's text.
  void failed(const std::string& detail);
  // A write committed: the database takes writes again — once no write has failed for
  // `kSettle`. On a full disk a small write may still fit where a failed one left room, and the
  // log would otherwise say "works again" and "unavailable" in turn.
  void worked();
  static constexpr std::chrono::milliseconds kSettle{1000};
  bool failing() const;
  // Counts a connection opened or tried (for /metrics).
  void connecting() { ++attempts_; }
  std::int64_t connection_attempts() const { return attempts_; }

  // While failing: true at most once per `every`, for the caller to try a small write of its
  // own (so readiness comes back even when no request writes).
  bool probe_due(std::chrono::milliseconds every = std::chrono::seconds(1));

 private:
  std::string backend_;
  mutable std::mutex mutex_;
  bool failing_ = false;
  std::chrono::steady_clock::time_point since_;
  std::chrono::steady_clock::time_point last_failure_;
  std::chrono::steady_clock::time_point last_probe_;
  std::int64_t refused_ = 0;  // failures while failing, for the line that says it ended
  std::atomic<std::int64_t> attempts_{0};
};

}  // namespace ln::store
