#pragma once
#include "api/serve_options.h"

namespace ln::api {

// `langnghe serve`: opens and migrates the database, serves until SIGTERM or SIGINT, then drains
// in-flight requests (bounded by options.drain_seconds) and returns the process exit code.
int serve(const ServeOptions& options);

}  // namespace ln::api
