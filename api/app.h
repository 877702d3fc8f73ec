#pragma once
// What the handlers share for the life of the server.
#include <atomic>

#include "api/metrics.h"
#include "api/serve_options.h"
#include "consult/storage.h"

namespace ln::api {

struct App {
  App(Storage& storage, const ServeOptions& options) : storage(storage), options(options) {}

  Storage& storage;
  const ServeOptions& options;
  Metrics metrics;
  std::atomic<bool> draining{false};  // set on SIGTERM: /readyz answers 503
};

}  // namespace ln::api
