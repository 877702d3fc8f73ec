// /api/v1/units: the tree of provinces, districts and wards.
#include "api/http/fields.h"
#include "api/http/route_doc.h"
#include "api/routes/routes.h"
#include "api/views/views.h"

namespace ln::api {
namespace {

const Shape kNewUnit{
    optional("parent_id", id().describe("the unit above (none for a province)")),
    required("kind", text().one_of({"province", "district", "ward"})),
    required("name", text().length(1, 200)),
    optional("code", code())};
const Shape kUnitPatch = name_patch_shape();
const Shape kMerge{required("into", id().describe("a live unit of the same kind"))};

}  // namespace

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
      doc("List units (optionally the children of ?parent_id=).", "organisation", read)
          .reads(page_query())
          .reads({query("parent_id", id(), "only the units right below this one")})
          .returns(page_schema(unit_schema())));

  r.add(
      "POST", "/api/v1/units",
      [&app](Request& q) {
        Fields f(q, kNewUnit);
        auto unit =
            app.organisation.create_unit(q.who(), {f.optional_text("parent_id"), f.text("kind"),
                                                   f.text("name"), f.optional_text("code")});
        return Response::json(201, to_json(unit));
      },
      doc("Create a unit.", "organisation", manage, kNewUnit, 201).returns(unit_schema()));

  r.add(
      "POST", "/api/v1/units/import",
      [&app](Request& q) {
        auto result = app.organisation.import_units(q.who(), q.body);
        return Response::json(201, {{"imported", result.imported}, {"ids", result.ids}});
      },
      csv_doc("Import units from CSV (code,name,kind,parent_code); all rows or none.",
              "organisation", manage)
          .returns(import_result_schema()));

  r.add(
      "GET", "/api/v1/units/{id}",
      [&app](Request& q) {
        return Response::json(200, to_json(app.organisation.unit(q.param("id"))));
      },
      doc("One unit.", "organisation", read).returns(unit_schema()));

  r.add(
      "PATCH", "/api/v1/units/{id}",
      [&app](Request& q) {
        Fields f(q, kUnitPatch);
        return Response::json(
            200, to_json(app.organisation.update_unit(q.who(), q.param("id"), name_patch(f))));
      },
      doc("Rename, recode, retire or restore a unit.", "organisation", manage, kUnitPatch)
          .returns(unit_schema())
          .fails(409, "the unit was merged into another (unit_merged)"));

  r.add(
      "POST", "/api/v1/units/{id}/merge",
      [&app](Request& q) {
        Fields f(q, kMerge);
        return Response::json(
            200, to_json(app.organisation.merge_unit(q.who(), q.param("id"), f.text("into"))));
      },
      doc("Merge a unit into another of the same kind; its schools and child units move.",
          "organisation", manage, kMerge)
          .returns(unit_schema())
          .fails(409, "the unit is already retired or merged (unit_retired)"));
}

}  // namespace ln::api
