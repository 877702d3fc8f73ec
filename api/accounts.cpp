// /api/v1/accounts: adult accounts, their roles and scopes (admins only).
#include "api/fields.h"
#include "api/route_doc.h"
#include "api/routes.h"
#include "api/views.h"

namespace ln::api {

void add_account_routes(Router& r, App& app) {
  const auto manage = Permission::kManageAccounts;

  r.add(
      "GET", "/api/v1/accounts",
      [&app](Request& q) {
        auto page = page_of(q);
        return Response::json(200, page_json(app.accounts.list(page), page, as_json));
      },
      doc("List adult accounts.", "accounts", manage));

  r.add(
      "POST", "/api/v1/accounts",
      [&app](Request& q) {
        Fields f(q, {"username", "display_name", "role", "password", "unit_ids", "authority_id",
                     "school_ids"});
        NewAccount input{f.text("username"),
                         f.text("display_name"),
                         f.text("role"),
                         f.text("password"),
                         f.optional_texts("unit_ids").value_or(std::vector<std::string>{}),
                         f.optional_text("authority_id"),
                         f.optional_texts("school_ids").value_or(std::vector<std::string>{})};
        return Response::json(201, to_json(app.accounts.create(&q.who(), input)));
      },
      doc("Create an adult account with a role, scoped to units (or an authority for officials; "
          "facilitators also to their schools, school_ids).",
          "accounts", manage,
          object_schema({{"username", "string"},
                         {"display_name", "string"},
                         {"role", "string"},
                         {"password", "string"},
                         {"unit_ids", "string[]"},
                         {"authority_id", "string"},
                         {"school_ids", "string[]"}},
                        {"username", "display_name", "role", "password"}),
          201));

  r.add(
      "GET", "/api/v1/accounts/{id}",
      [&app](Request& q) { return Response::json(200, to_json(app.accounts.get(q.param("id")))); },
      doc("One account.", "accounts", manage));

  r.add(
      "PATCH", "/api/v1/accounts/{id}",
      [&app](Request& q) {
        Fields f(q, {"display_name", "role", "unit_ids", "authority_id", "disabled", "password",
                     "school_ids"});
        AccountPatch patch{f.optional_text("display_name"), f.optional_text("role"),
                           f.optional_texts("unit_ids"),    f.optional_text("authority_id"),
                           f.optional_boolean("disabled"),  f.optional_text("password"),
                           f.optional_texts("school_ids")};
        return Response::json(200, to_json(app.accounts.update(q.who(), q.param("id"), patch)));
      },
      doc("Change an account's role, scope, name, password or disable it; its sessions end.",
          "accounts", manage,
          object_schema({{"display_name", "string"},
                         {"role", "string"},
                         {"unit_ids", "string[]"},
                         {"school_ids", "string[]"},
                         {"authority_id", "string"},
                         {"disabled", "boolean"},
                         {"password", "string"}})));
}

}  // namespace ln::api
