#pragma once
// The one list of every resource's routes. Each resource registers its own in its handler file.
#include "api/app.h"
#include "api/http/router.h"

namespace ln::api {

// Fills `router`, which must then stay where it is (the OpenAPI route reads it).
void build_router(Router& router, App& app);

void add_health_routes(Router& router, App& app);
void add_openapi_routes(Router& router);
void add_about_routes(Router& router, App& app);
void add_age_band_routes(Router& router, App& app);
void add_auth_routes(Router& router, App& app);
void add_account_routes(Router& router, App& app);
void add_unit_routes(Router& router, App& app);
void add_school_routes(Router& router, App& app);
void add_authority_routes(Router& router, App& app);
void add_class_routes(Router& router, App& app);
void add_pupil_routes(Router& router, App& app);
void add_guardian_routes(Router& router, App& app);
void add_data_request_routes(Router& router, App& app);
void add_submission_routes(Router& router, App& app);
void add_consultation_routes(Router& router, App& app);
void add_moderation_routes(Router& router, App& app);
void add_safeguarding_routes(Router& router, App& app);
void add_audit_routes(Router& router, App& app);
void add_test_hook_routes(Router& router, App& app);
void add_recommendation_routes(Router& router, App& app);
void add_question_routes(Router& router, App& app);
void add_council_routes(Router& router, App& app);
void add_event_routes(Router& router, App& app);
void add_report_routes(Router& router, App& app);

}  // namespace ln::api
