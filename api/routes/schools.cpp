// /api/v1/schools: schools (Liên đội) in units.
#include "api/http/fields.h"
#include "api/http/route_doc.h"
#include "api/routes/routes.h"
#include "api/views/views.h"

namespace ln::api {
namespace {

const Shape kNewSchool{required("unit_id", id().describe("a live unit")),
                       required("name", text().length(1, 200)), optional("code", code())};
const Shape kSchoolPatch = name_patch_shape();

}  // namespace

void add_school_routes(Router& r, App& app) {
  const auto read = Permission::kReadOrganisation;
  const auto manage = Permission::kManageOrganisation;

  r.add(
      "GET", "/api/v1/schools",
      [&app](Request& q) {
        auto page = page_of(q);
        return Response::json(
            200,
            page_json(app.organisation.schools(page, q.query_value("unit_id")), page, as_json));
      },
      doc("List schools (optionally of ?unit_id=).", "organisation", read)
          .reads(page_query())
          .reads({query("unit_id", id(), "only the schools of this unit")})
          .returns(page_schema(school_schema())));

  r.add(
      "POST", "/api/v1/schools",
      [&app](Request& q) {
        Fields f(q, kNewSchool);
        auto school = app.organisation.create_school(
            q.who(), {f.text("unit_id"), f.text("name"), f.optional_text("code")});
        return Response::json(201, to_json(school));
      },
      doc("Create a school (Liên đội).", "organisation", manage, kNewSchool, 201)
          .returns(school_schema()));

  r.add(
      "POST", "/api/v1/schools/import",
      [&app](Request& q) {
        auto result = app.organisation.import_schools(q.who(), q.body);
        return Response::json(201, {{"imported", result.imported}, {"ids", result.ids}});
      },
      csv_doc("Import schools from CSV (code,name,unit_code); all rows or none.", "organisation",
              manage)
          .returns(import_result_schema()));

  r.add(
      "GET", "/api/v1/schools/{id}",
      [&app](Request& q) {
        return Response::json(200, to_json(app.organisation.school(q.param("id"))));
      },
      doc("One school.", "organisation", read).returns(school_schema()));

  r.add(
      "PATCH", "/api/v1/schools/{id}",
      [&app](Request& q) {
        Fields f(q, kSchoolPatch);
        return Response::json(
            200, to_json(app.organisation.update_school(q.who(), q.param("id"), name_patch(f))));
      },
      doc("Rename, recode, retire or restore a school.", "organisation", manage, kSchoolPatch)
          .returns(school_schema()));
}

}  // namespace ln::api
