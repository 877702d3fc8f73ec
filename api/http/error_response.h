#pragma once
#include <exception>
#include <string>

#include "api/http/http.h"

namespace ln::api {

// {"error": {"code": …, "message": …, "field": …}} — the one error shape of the API.
Response error_response(int status, const std::string& code, const std::string& message,
                        const std::string& field = "");

// 503 for a write the storage could not take (a full disk, a lost database server), with
// Retry-After; `outcome_unknown` when the connection was lost while it was being committed.
Response storage_unavailable(bool outcome_unknown);

// Maps the exception in flight to its response: typed domain errors to their status, anything
// else to a 500 whose body says nothing of the library that threw.
Response response_for_current_exception();

}  // namespace ln::api
