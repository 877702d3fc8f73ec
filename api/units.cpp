// /api/v1/units: the tree of provinces, districts and wards.
#include "api/fields.h"
#include "api/route_doc.h"
#include "api/routes.h"
#include "api/views.h"

namespace ln::api {
void add_unit_routes(Router& r, App& app) {
  const auto read = Permission::kReadOrganisation;
  const auto manage = Permission::kManageOrganisation;

  r.add(
      "GET", "/api/v1/units",
      [&app](Request& q) {
        auto page = page_of(q);
        return Response::json(
            200,
            page_json(app.organisation.units(page, q.query_value("parent_id")), page, as_json));
      },
      doc("List units (optionally the children of ?parent_id=).", "organisation", read));

  r.add(
      "POST", "/api/v1/units",
      [&app](Request& q) {
        Fields f(q, {"parent_id", "kind", "name", "code"});
        auto unit =
            app.organisation.create_unit(q.who(), {f.optional_text("parent_id"), f.text("kind"),
                                                   f.text("name"), f.optional_text("code")});
        return Response::json(201, to_json(unit));
      },
      doc("Create a unit.", "organisation", manage,
          object_schema(
              {{"parent_id", "string"}, {"kind", "string"}, {"name", "string"}, {"code", "string"}},
              {"kind", "name"}),
          201));

  r.add(
      "POST", "/api/v1/units/import",
      [&app](Request& q) {
        auto result = app.organisation.import_units(q.who(), q.body);
        return Response::json(201, {{"imported", result.imported}, {"ids", result.ids}});
      },
      csv_doc("Import units from CSV (code,name,kind,parent_code); all rows or none.",
              "organisation", manage));

  r.add(
      "GET", "/api/v1/units/{id}",
      [&app](Request& q) {
        return Response::json(200, to_json(app.organisation.unit(q.param("id"))));
      },
      doc("One unit.", "organisation", read));

  r.add(
      "PATCH", "/api/v1/units/{id}",
      [&app](Request& q) {
        Fields f(q, {"name", "code", "retired"});
        return Response::json(
            200, to_json(app.organisation.update_unit(q.who(), q.param("id"), name_patch(f))));
      },
      doc("Rename, recode, retire or restore a unit.", "organisation", manage,
          object_schema({{"name", "string"}, {"code", "string"}, {"retired", "boolean"}})));

  r.add(
      "POST", "/api/v1/units/{id}/merge",
      [&app](Request& q) {
        Fields f(q, {"into"});
        return Response::json(
            200, to_json(app.organisation.merge_unit(q.who(), q.param("id"), f.text("into"))));
      },
      doc("Merge a unit into another of the same kind; its schools and child units move.",
          "organisation", manage, object_schema({{"into", "string"}}, {"into"})));
}

}  // namespace ln::api
