// Signing in and out, and what a signed-in user can see and change about themselves.
#include "api/http/fields.h"
#include "api/http/route_doc.h"
#include "api/http/session_cookies.h"
#include "api/routes/routes.h"
#include "api/views/views.h"

namespace ln::api {
namespace {

const Shape kLogin{required("username", text().max_length(100)),
                   required("password", text().max_length(200))};
const Shape kNewPassword{required("current_password", text().max_length(200)),
                         required("new_password", text().max_length(200).describe(
                                                      "at least --min-password-length characters"))};

nlohmann::json signed_in_schema() {
  return Shape{required("token", text().describe("Bearer token; also set as the ln_session cookie")),
               required("csrf_token", text().describe("X-CSRF-Token for writes made with the cookie")),
               required("expires_at", timestamp()),
               required("account", Value(account_schema()))}
      .schema();
}

}  // namespace

void add_auth_routes(Router& r, App& app) {
  r.add(
      "POST", "/api/v1/auth/login",
      [&app](Request& q) {
        Fields f(q, kLogin);
        auto username = f.text("username"), password = f.text("password");
        auto signed_in = app.accounts.sign_in(username, password, q.client_address,
                                              q.header("user-agent").value_or(""));
        auto response = Response::json(200, {{"token", signed_in.started.token},
                                             {"csrf_token", signed_in.started.session.csrf_token},
                                             {"expires_at", signed_in.started.session.expires_at},
                                             {"account", to_json(signed_in.account)}});
        set_session_cookies(response, q, signed_in.started, app.settings.adult_session);
        return response;
      },
      [] {
        auto d = doc("Sign in as an adult; the token works as Bearer or as the ln_session cookie.",
                     "auth", std::nullopt, kLogin);
        d.returns(signed_in_schema());
        d.responses["401"] = {{"description", "wrong username or password"}};
        d.responses["429"] = {{"description", "too many failures: wait Retry-After seconds"}};
        return d;
      }());

  r.add(
      "POST", "/api/v1/auth/logout",
      [&app](Request& q) {
        app.sessions.end(q.who().session_id);
        auto response = Response::no_content();
        clear_session_cookies(response);
        return response;
      },
      doc("Sign out of this session.", "auth", Permission::kSignedIn, nullptr, 204));

  r.add(
      "GET", "/api/v1/me", [](Request& q) { return Response::json(200, me_json(q.who())); },
      doc("Who is signed in.", "auth", Permission::kSignedIn).returns(me_schema()));

  r.add(
      "GET", "/api/v1/me/sessions",
      [&app](Request& q) {
        const auto& me = q.who();
        nlohmann::json items = nlohmann::json::array();
        for (const auto& s :
             app.sessions.live_sessions_of(me.is_pupil() ? "pupil" : "account", me.id))
          items.push_back(to_json(s, me.session_id));
        return Response::json(200, {{"items", items}});
      },
      doc("My live sessions.", "auth", Permission::kSignedIn)
          .returns(Shape{required("items", list_of(Value(session_schema())))}.schema()));

  r.add(
      "DELETE", "/api/v1/me/sessions/{id}",
      [&app](Request& q) {
        app.sessions.end_own(q.who(), q.param("id"));
        return Response::no_content();
      },
      doc("End one of my sessions.", "auth", Permission::kSignedIn, nullptr, 204)
          .fails(404, "no live session of mine with this id"));

  r.add(
      "POST", "/api/v1/me/password",
      [&app](Request& q) {
        Fields f(q, kNewPassword);
        app.accounts.change_password(q.who(), f.text("current_password"), f.text("new_password"),
                                     q.client_address);
        return Response::no_content();
      },
      [] {
        auto d = doc("Change my password; my other sessions end.", "auth", Permission::kAdult,
                     kNewPassword, 204);
        d.responses["429"] = {
            {"description", "too many wrong current passwords: wait Retry-After seconds"}};
        return d;
      }());
}

}  // namespace ln::api
