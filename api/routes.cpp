#include "api/routes.h"

namespace ln::api {

void build_router(Router& router, App& app) {
  add_health_routes(router, app);
  add_openapi_routes(router);
  if (app.options.test_hooks) add_test_hook_routes(router);
}

}  // namespace ln::api
