// /api/v1/guardian: what a parent or guardian does with the code a facilitator gave them.
#include "api/http/fields.h"
#include "api/http/route_doc.h"
#include "api/routes/routes.h"
#include "api/views/data_export.h"
#include "api/views/views.h"
#include "consult/consent_text.h"

namespace ln::api {
namespace {

// Every route here checks a guardian code, under the guardian-code guess limit.
OperationDoc guessed(OperationDoc d) {
  d.responses["429"] = {{"description",
                         "too many wrong guardian codes from this address: wait Retry-After "
                         "seconds"}};
  return d;
}

// Each code works once for each of these actions.
OperationDoc used_once(OperationDoc d) {
  d.responses["409"] = {{"description", "guardian_code_used: this code was used for this already"}};
  return guessed(std::move(d));
}

const Shape kCode{required("code", text().max_length(100).describe("the guardian code"))};
const Shape kGuardianRequest = kCode.with(
    {required("kind", word_of(kDataRequestKinds)), optional("details", text().max_length(1000))});

nlohmann::json guardian_consent_json() {
  nlohmann::json parts = nlohmann::json::array();
  for (const auto& p : guardian_consent_text())
    parts.push_back({{"key", p.key}, {"vi", p.vi}, {"en", p.en}});
  return {{"version", kConsentTextVersion}, {"parts", parts}};
}

nlohmann::json guardian_consent_schema() {
  return Shape{required("version", text()),
               required("parts", list_of(object_of(Shape{required("key", text()),
                                                         required("vi", text()),
                                                         required("en", text())})))}
      .schema();
}

}  // namespace

void add_guardian_routes(Router& r, App& app) {
  r.add(
      "GET", "/api/v1/guardian/consent-text",
      [](Request&) { return Response::json(200, guardian_consent_json()); },
      doc("What a guardian agrees to: what is collected, why, for how long, who sees it and how "
          "to refuse or withdraw, in Vietnamese and English.",
          "consent", std::nullopt)
          .returns(guardian_consent_schema()));

  r.add(
      "POST", "/api/v1/guardian/child",
      [&app](Request& q) {
        Fields f(q, kCode);
        auto child = app.pupils.guardian_child(f.text("code"), q.client_address);
        return Response::json(200, {{"pseudonym", child.pseudonym},
                                    {"class", child.class_name},
                                    {"school", child.school_name},
                                    {"consent_text", guardian_consent_json()}});
      },
      guessed(doc("Which child a guardian code is for: the child's pseudonym, class and school, "
                  "nothing more (the code is not used up).",
                  "consent", std::nullopt, kCode)
                  .returns(Shape{required("pseudonym", text()), required("class", text()),
                                 required("school", text()),
                                 required("consent_text", Value(guardian_consent_schema()))}
                               .schema())));

  r.add(
      "POST", "/api/v1/guardian/consent",
      [&app](Request& q) {
        Fields f(q, kCode);
        return Response::json(
            201, to_json(app.pupils.guardian_consent(f.text("code"), q.client_address)));
      },
      used_once(doc("A guardian gives consent with their guardian code.", "consent", std::nullopt,
                    kCode, 201)
                    .returns(consent_schema())));

  r.add(
      "POST", "/api/v1/guardian/withdraw",
      [&app](Request& q) {
        Fields f(q, kCode);
        app.pupils.withdraw_by_guardian(f.text("code"), q.client_address);
        return Response::no_content();
      },
      used_once(doc("A guardian withdraws consent with their guardian code.", "consent", std::nullopt,
                    kCode, 204)));

  r.add(
      "POST", "/api/v1/guardian/data",
      [&app](Request& q) {
        Fields f(q, kCode);
        return Response::json(200, data_export_json(app, app.pupils.guardian_export(
                                                             f.text("code"), q.client_address)))
            .with_header("Content-Disposition",
                         "attachment; filename=\"lang-nghe-child-data.json\"");
      },
      used_once(
          doc("A guardian downloads the child's data as JSON with their guardian code (all of the "
              "child's copy but what they told a safeguarding lead).",
              "data rights", std::nullopt, kCode)
              .returns(data_export_schema())));

  r.add(
      "POST", "/api/v1/guardian/data-requests",
      [&app](Request& q) {
        Fields f(q, kGuardianRequest);
        auto kind = data_request_kind(f.text("kind"));
        if (!kind) throw Invalid("kind", "kind must be export, deletion or correction.");
        auto request = app.pupils.guardian_request(
            f.text("code"), *kind, f.optional_text("details").value_or(""), q.client_address);
        return Response::json(201, to_json(request));
      },
      used_once(doc("A guardian asks for the child's data, a correction or its deletion.",
                  "data rights", std::nullopt,
                  kGuardianRequest, 201)
                    .returns(data_request_schema())));
}

}  // namespace ln::api
