#pragma once
// The session as cookies for the web pages: ln_session (HttpOnly) and ln_csrf (readable by the
// page, echoed in X-CSRF-Token on writes).
#include <chrono>
#include <string>

#include "api/http/http.h"
#include "consult/sessions.h"

namespace ln::api {

inline void set_session_cookies(Response& response, const Request& request,
                                const StartedSession& started, std::chrono::seconds lifetime) {
  std::string secure = request.header("x-forwarded-proto") == "https" ? "; Secure" : "";
  std::string age = "; Max-Age=" + std::to_string(lifetime.count());
  response.with_header("Set-Cookie", "ln_session=" + started.token +
                                         "; Path=/; HttpOnly; SameSite=Strict" + age + secure);
  response.with_header("Set-Cookie", "ln_csrf=" + started.session.csrf_token +
                                         "; Path=/; SameSite=Strict" + age + secure);
}

inline void clear_session_cookies(Response& response) {
  response.with_header("Set-Cookie", "ln_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
  response.with_header("Set-Cookie", "ln_csrf=; Path=/; SameSite=Strict; Max-Age=0");
}

}  // namespace ln::api
