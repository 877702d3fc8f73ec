#include "store/storage_health.h"

#include <spdlog/spdlog.h>

namespace ln::store {

void StorageHealth::failed(const std::string& detail) {
  std::lock_guard lock(mutex_);
  ++refused_;
  last_failure_ = std::chrono::steady_clock::now();
  if (failing_) return;
  failing_ = true;
  since_ = std::chrono::steady_clock::now();
  last_probe_ = since_;
  refused_ = 1;
  spdlog::error(
      "{} database unavailable: {}; requests that need it are answered 503 until it works again",
      backend_, detail);
}

void StorageHealth::worked() {
  std::lock_guard lock(mutex_);
  if (!failing_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_failure_ < kSettle) return;
  failing_ = false;
  auto seconds = std::chrono::duration_cast<std::chrono::duration<double>>(now - since_).count();
  spdlog::warn("{} database works again after {:.1f}s ({} operations failed meanwhile)", backend_,
               seconds, refused_);
}

bool StorageHealth::failing() const {
  std::lock_guard lock(mutex_);
  return failing_;
}

bool StorageHealth::probe_due(std::chrono::milliseconds every) {
  std::lock_guard lock(mutex_);
  if (!failing_) return false;
  auto now = std::chrono::steady_clock::now();
  if (now - last_probe_ < every) return false;
  last_probe_ = now;
  return true;
}

}  // namespace ln::store
