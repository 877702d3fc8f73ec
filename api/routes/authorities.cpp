// /api/v1/authorities: the agencies that answer children's recommendations.
#include "api/http/fields.h"
#include "api/http/route_doc.h"
#include "api/routes/routes.h"
#include "api/views/views.h"

namespace ln::api {
namespace {

const Shape kNewAuthority{
    required("name", text().length(1, 200)),
    required("kind", text().length(1, 60).describe("e.g. People's Committee, department")),
    required("unit_id", id().describe("the unit it belongs to")),
    optional("code", code()),
    optional("due_days", integer().range(1, 365).describe(
                             "working days it has to answer a recommendation (default 30)")),
    optional("served_unit_ids", list_of(id()).count(0, 500))};
const Shape kAuthorityPatch = name_patch_shape().with(
    {optional("kind", text().length(1, 60)), optional("due_days", integer().range(1, 365)),
     optional("served_unit_ids", list_of(id()).count(0, 500))});

}  // namespace

void add_authority_routes(Router& r, App& app) {
  const auto read = Permission::kReadOrganisation;
  const auto manage = Permission::kManageOrganisation;

  r.add(
      "GET", "/api/v1/authorities",
      [&app](Request& q) {
        auto page = page_of(q);
        return Response::json(200, page_json(app.organisation.authorities(page), page, as_json));
      },
      doc("List authorities.", "organisation", read)
          .reads(page_query())
          .returns(page_schema(authority_schema())));

  r.add(
      "POST", "/api/v1/authorities",
      [&app](Request& q) {
        Fields f(q, kNewAuthority);
        AuthorityInput input{
            f.text("name"),
            f.text("kind"),
            f.text("unit_id"),
            f.optional_text("code"),
            f.optional_integer("due_days").value_or(30),
            f.optional_texts("served_unit_ids").value_or(std::vector<std::string>{})};
        return Response::json(201, to_json(app.organisation.create_authority(q.who(), input)));
      },
      doc("Create an authority (an agency that answers children's recommendations).",
          "organisation", manage, kNewAuthority, 201)
          .returns(authority_schema()));

  r.add(
      "POST", "/api/v1/authorities/import",
      [&app](Request& q) {
        auto result = app.organisation.import_authorities(q.who(), q.body);
        return Response::json(201, {{"imported", result.imported}, {"ids", result.ids}});
      },
      csv_doc("Import authorities from CSV (code,name,kind,unit_code,served_unit_codes,due_days).",
              "organisation", manage)
          .returns(import_result_schema()));

  r.add(
      "GET", "/api/v1/authorities/{id}",
      [&app](Request& q) {
        return Response::json(200, to_json(app.organisation.authority(q.param("id"))));
      },
      doc("One authority.", "organisation", read).returns(authority_schema()));

  r.add(
      "PATCH", "/api/v1/authorities/{id}",
      [&app](Request& q) {
        Fields f(q, kAuthorityPatch);
        AuthorityPatch patch{name_patch(f), f.optional_text("kind"), f.optional_integer("due_days"),
                             f.optional_texts("served_unit_ids")};
        return Response::json(
            200, to_json(app.organisation.update_authority(q.who(), q.param("id"), patch)));
      },
      doc("Change an authority.", "organisation", manage, kAuthorityPatch)
          .returns(authority_schema()));
}

}  // namespace ln::api
