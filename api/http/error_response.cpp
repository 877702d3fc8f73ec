#include "api/http/error_response.h"

#include <spdlog/spdlog.h>

#include "base/errors.h"

namespace ln::api {

Response error_response(int status, const std::string& code, const std::string& message,
                        const std::string& field) {
  nlohmann::json error = {{"code", code}, {"message", message}};
  if (!field.empty()) error["field"] = field;
  return Response::json(status, {{"error", error}});
}

Response storage_unavailable(bool outcome_unknown) {
  return error_response(
             503, "unavailable",
             outcome_unknown
                 ? "The connection to the database was lost while this was being saved, so it "
                   "may or may not have been saved. Please check, and send it again if it is "
                   "missing."
                 : "The database cannot take this right now, and nothing was changed. Please "
                   "send it again in a moment.")
      .with_header("Retry-After", "2");
}

Response response_for_current_exception() {
  try {
    throw;
  } catch (const Invalid& e) {
    return error_response(400, e.code(), e.what(), e.field());
  } catch (const Unauthorized& e) {
    return error_response(401, e.code(), e.what()).with_header("WWW-Authenticate", "Bearer");
  } catch (const Forbidden& e) {
    return error_response(403, e.code(), e.what());
  } catch (const NotFound& e) {
    return error_response(404, e.code(), e.what());
  } catch (const Conflict& e) {
    return error_response(409, e.code(), e.what());
  } catch (const Unprocessable& e) {
    Response r = error_response(422, e.code(), e.what());
    auto body = nlohmann::json::parse(r.body);
    body["error"]["problems"] = nlohmann::json::array();
    for (const auto& p : e.problems())
      body["error"]["problems"].push_back({{"field", p.field}, {"message", p.message}});
    return Response::json(422, body);
  } catch (const TooManyRequests& e) {
    return error_response(429, e.code(), e.what())
        .with_header("Retry-After", std::to_string(e.retry_after().count()));
  } catch (const Unavailable& e) {
    return error_response(503, e.code(), e.what())
        .with_header("Retry-After", std::to_string(e.retry_after().count()));
  } catch (const StorageError& e) {
    // A full disk, a lost database server…: the storage says so once in the log when it starts
    // and once when it ends (store/storage_health.h), not once per request.
    if (e.unavailable()) return storage_unavailable(e.outcome_unknown());
    spdlog::error("storage error in handler: {}", e.what());
  } catch (const std::exception& e) {
    spdlog::error("unhandled exception in handler: {}", e.what());
  } catch (...) {
    spdlog::error("unhandled non-standard exception in handler");
  }
  return error_response(500, "internal", "Something went wrong on our side. Please try again.");
}

}  // namespace ln::api
