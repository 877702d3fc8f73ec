#pragma once
#include "api/serve_options.h"

namespace ln::api {

// `langnghe serve`: opens and migrates the database, serves until SIGTERM or SIGINT, then drains
// for options.drain_seconds, finishes requests still arriving or in flight (bounded by
// options.finish_seconds) and returns the process exit code.
int serve(const ServeOptions& options);

}  // namespace ln::api
