// /api/v1/classes: classes, their join codes and their pupils (facilitators in their units).
#include "api/http/fields.h"
#include "api/http/route_doc.h"
#include "api/routes/routes.h"
#include "api/views/views.h"

namespace ln::api {
namespace {

const Shape kNewClass{required("school_id", id().describe("a live school in my units")),
                      required("name", text().length(1, 40)),
                      required("grade", integer().range(1, 12)),
                      required("school_year", text().length(4, 20).describe("e.g. 2026-2027"))};
const Shape kClassPatch{optional("name", text().length(1, 40)),
                        optional("retired", boolean().describe("true retires it, false restores it"))};

nlohmann::json new_class_schema() {
  auto schema = class_schema();
  schema["properties"]["join_code"] = join_code_schema();
  schema["required"].push_back("join_code");
  return schema;
}

nlohmann::json items_schema(const nlohmann::json& item) {
  return Shape{required("items", list_of(Value(item)))}.schema();
}

}  // namespace

void add_class_routes(Router& r, App& app) {
  const auto manage = Permission::kManageClasses;

  r.add(
      "GET", "/api/v1/classes",
      [&app](Request& q) {
        auto page = page_of(q);
        return Response::json(200,
                              page_json(app.organisation.classes(q.who(), page), page, as_json));
      },
      doc("Classes in my units.", "classes", manage)
          .reads(page_query())
          .returns(page_schema(class_schema())));

  r.add(
      "POST", "/api/v1/classes",
      [&app](Request& q) {
        Fields f(q, kNewClass);
        auto [k, code] = app.organisation.create_class(
            q.who(),
            {f.text("school_id"), f.text("name"), f.integer("grade"), f.text("school_year")});
        auto body = to_json(k);
        body["join_code"] = to_json(code);
        return Response::json(201, body);
      },
      doc("Create a class; it comes with a join code.", "classes", manage, kNewClass, 201)
          .returns(new_class_schema()));

  r.add(
      "GET", "/api/v1/classes/{id}",
      [&app](Request& q) {
        return Response::json(200, to_json(app.organisation.school_class(q.who(), q.param("id"))));
      },
      doc("One class.", "classes", manage).returns(class_schema()));

  r.add(
      "PATCH", "/api/v1/classes/{id}",
      [&app](Request& q) {
        Fields f(q, kClassPatch);
        return Response::json(
            200, to_json(app.organisation.update_class(q.who(), q.param("id"), name_patch(f))));
      },
      doc("Rename, retire or restore a class.", "classes", manage, kClassPatch)
          .returns(class_schema()));

  r.add(
      "GET", "/api/v1/classes/{id}/join-codes",
      [&app](Request& q) {
        nlohmann::json items = nlohmann::json::array();
        for (const auto& c : app.organisation.join_codes(q.who(), q.param("id")))
          items.push_back(to_json(c));
        return Response::json(200, {{"items", items}});
      },
      doc("The class's join codes, newest first.", "classes", manage)
          .returns(items_schema(join_code_schema())));

  r.add(
      "POST", "/api/v1/classes/{id}/join-codes",
      [&app](Request& q) {
        return Response::json(201, to_json(app.organisation.new_join_code(q.who(), q.param("id"))));
      },
      doc("A new join code for the class.", "classes", manage, nullptr, 201)
          .returns(join_code_schema())
          .fails(409, "the class is retired (class_retired)"));

  r.add(
      "POST", "/api/v1/classes/{id}/join-codes/rotate",
      [&app](Request& q) {
        return Response::json(201,
                              to_json(app.organisation.rotate_join_code(q.who(), q.param("id"))));
      },
      [&] {
        auto d = doc("A new join code for the class; all its other codes stop working.", "classes",
                     manage, nullptr, 201);
        d.responses["409"] = {{"description", "the class is retired"}};
        return d.returns(join_code_schema());
      }());

  r.add(
      "DELETE", "/api/v1/classes/{id}/join-codes/{code}",
      [&app](Request& q) {
        app.organisation.revoke_join_code(q.who(), q.param("id"), q.param("code"));
        return Response::no_content();
      },
      doc("Revoke a join code.", "classes", manage, nullptr, 204));

  r.add(
      "GET", "/api/v1/classes/{id}/pupils",
      [&app](Request& q) {
        nlohmann::json items = nlohmann::json::array();
        for (const auto& p : app.pupils.pupils_of_class(q.who(), q.param("id")))
          items.push_back(to_json(p, app.pupils.consents_of(p)));
        return Response::json(200, {{"items", items}});
      },
      doc("The pupils of a class: pseudonym, age band and consent, never identity.", "classes",
          Permission::kManagePupils)
          .returns(items_schema(pupil_schema())));
}

}  // namespace ln::api
