#include "api/routes/routes.h"

namespace ln::api {

void build_router(Router& router, App& app) {
  add_health_routes(router, app);
  add_openapi_routes(router);
  add_about_routes(router, app);
  add_age_band_routes(router, app);
  add_auth_routes(router, app);
  add_account_routes(router, app);
  add_unit_routes(router, app);
  add_school_routes(router, app);
  add_authority_routes(router, app);
  add_class_routes(router, app);
  add_pupil_routes(router, app);
  add_guardian_routes(router, app);
  add_data_request_routes(router, app);
  add_submission_routes(router, app);
  add_consultation_routes(router, app);
  add_moderation_routes(router, app);
  add_safeguarding_routes(router, app);
  add_audit_routes(router, app);
  add_recommendation_routes(router, app);
  add_question_routes(router, app);
  add_council_routes(router, app);
  add_event_routes(router, app);
  add_report_routes(router, app);
  if (app.options.test_hooks) add_test_hook_routes(router, app);
}

}  // namespace ln::api
