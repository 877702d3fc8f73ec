// /api/v1/accounts: adult accounts, their roles and scopes (admins only).
#include "api/http/fields.h"
#include "api/http/route_doc.h"
#include "api/routes/routes.h"
#include "api/views/views.h"

namespace ln::api {
namespace {

Value adult_role() {
  return text().one_of({"facilitator", "moderator", "safeguarding_lead", "official", "admin"});
}

const Shape kNewAccount{
    required("username", text().length(3, 40).pattern("^[A-Za-z0-9._-]+$").describe(
                             "letters, digits, '.', '_' or '-'; kept in lower case")),
    required("display_name", text().length(1, 120)),
    required("role", adult_role()),
    required("password", text().length(1, 200).describe("at least --min-password-length")),
    optional("unit_ids", list_of(id()).count(0, 500).describe("every role but admin needs one")),
    optional("authority_id", id().describe("officials: the authority they answer for")),
    optional("school_ids", list_of(id()).count(0, 500).describe("facilitators: their schools"))};
const Shape kAccountPatch{optional("display_name", text().length(1, 120)),
                          optional("role", adult_role()),
                          optional("unit_ids", list_of(id()).count(0, 500)),
                          optional("school_ids", list_of(id()).count(0, 500)),
                          optional("authority_id", text().max_length(100)),
                          optional("disabled", boolean()),
                          optional("password", text().length(1, 200))};

}  // namespace

void add_account_routes(Router& r, App& app) {
  const auto manage = Permission::kManageAccounts;

  r.add(
      "GET", "/api/v1/accounts",
      [&app](Request& q) {
        auto page = page_of(q);
        return Response::json(200, page_json(app.accounts.list(page), page, as_json));
      },
      doc("List adult accounts.", "accounts", manage)
          .reads(page_query())
          .returns(page_schema(account_schema())));

  r.add(
      "POST", "/api/v1/accounts",
      [&app](Request& q) {
        Fields f(q, kNewAccount);
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
          "accounts", manage, kNewAccount, 201)
          .returns(account_schema())
          .fails(409, "the username is taken"));

  r.add(
      "GET", "/api/v1/accounts/{id}",
      [&app](Request& q) { return Response::json(200, to_json(app.accounts.get(q.param("id")))); },
      doc("One account.", "accounts", manage).returns(account_schema()));

  r.add(
      "PATCH", "/api/v1/accounts/{id}",
      [&app](Request& q) {
        Fields f(q, kAccountPatch);
        AccountPatch patch{f.optional_text("display_name"), f.optional_text("role"),
                           f.optional_texts("unit_ids"),    f.optional_text("authority_id"),
                           f.optional_boolean("disabled"),  f.optional_text("password"),
                           f.optional_texts("school_ids")};
        return Response::json(200, to_json(app.accounts.update(q.who(), q.param("id"), patch)));
      },
      doc("Change an account's role, scope, name, password or disable it; its sessions end.",
          "accounts", manage, kAccountPatch)
          .returns(account_schema()));
}

}  // namespace ln::api
