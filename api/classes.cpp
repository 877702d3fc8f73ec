// /api/v1/classes: classes, their join codes and their pupils (facilitators in their units).
#include "api/fields.h"
#include "api/route_doc.h"
#include "api/routes.h"
#include "api/views.h"

namespace ln::api {

void add_class_routes(Router& r, App& app) {
  const auto manage = Permission::kManageClasses;

  r.add(
      "GET", "/api/v1/classes",
      [&app](Request& q) {
        auto page = page_of(q);
        return Response::json(200,
                              page_json(app.organisation.classes(q.who(), page), page, as_json));
      },
      doc("Classes in my units.", "classes", manage));

  r.add(
      "POST", "/api/v1/classes",
      [&app](Request& q) {
        Fields f(q, {"school_id", "name", "grade", "school_year"});
        auto [k, code] = app.organisation.create_class(
            q.who(),
            {f.text("school_id"), f.text("name"), f.integer("grade"), f.text("school_year")});
        auto body = to_json(k);
        body["join_code"] = to_json(code);
        return Response::json(201, body);
      },
      doc("Create a class; it comes with a join code.", "classes", manage,
          object_schema({{"school_id", "string"},
                         {"name", "string"},
                         {"grade", "integer"},
                         {"school_year", "string"}},
                        {"school_id", "name", "grade", "school_year"}),
          201));

  r.add(
      "GET", "/api/v1/classes/{id}",
      [&app](Request& q) {
        return Response::json(200, to_json(app.organisation.school_class(q.who(), q.param("id"))));
      },
      doc("One class.", "classes", manage));

  r.add(
      "PATCH", "/api/v1/classes/{id}",
      [&app](Request& q) {
        Fields f(q, {"name", "retired"});
        return Response::json(
            200, to_json(app.organisation.update_class(q.who(), q.param("id"), name_patch(f))));
      },
      doc("Rename, retire or restore a class.", "classes", manage,
          object_schema({{"name", "string"}, {"retired", "boolean"}})));

  r.add(
      "GET", "/api/v1/classes/{id}/join-codes",
      [&app](Request& q) {
        nlohmann::json items = nlohmann::json::array();
        for (const auto& c : app.organisation.join_codes(q.who(), q.param("id")))
          items.push_back(to_json(c));
        return Response::json(200, {{"items", items}});
      },
      doc("The class's join codes, newest first.", "classes", manage));

  r.add(
      "POST", "/api/v1/classes/{id}/join-codes",
      [&app](Request& q) {
        return Response::json(201, to_json(app.organisation.new_join_code(q.who(), q.param("id"))));
      },
      doc("A new join code for the class.", "classes", manage, nullptr, 201));

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
        return d;
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
          Permission::kManagePupils));
}

}  // namespace ln::api
