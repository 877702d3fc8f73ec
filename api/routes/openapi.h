#pragma once
#include <nlohmann/json.hpp>

#include "api/http/router.h"

namespace ln::api {

// The OpenAPI 3 document of exactly the routes this server has registered.
nlohmann::json openapi_document(const Router& router);

}  // namespace ln::api
