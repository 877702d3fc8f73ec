// /api/v1/pupils: joining with a class code, signing in with a personal code, and what the
// adults of a pupil's units may do for them (guardian slips, codes, resets, identity reveal).
#include "api/http/fields.h"
#include "api/http/route_doc.h"
#include "api/http/session_cookies.h"
#include "api/routes/routes.h"
#include "api/views/data_export.h"
#include "api/views/views.h"
#include "consult/consent_text.h"
#include "consult/pseudonyms.h"

namespace ln::api {
namespace {

nlohmann::json consent_text_json(const std::string& band) {
  auto t = consent_text_for(band);
  return {{"version", t.version}, {"age_band", t.age_band}, {"vi", t.vi}, {"en", t.en}};
}

nlohmann::json consent_text_schema() {
  return Shape{required("version", text()), required("age_band", text()), required("vi", text()),
               required("en", text())}
      .schema();
}

const Shape kJoin{required("code", text().max_length(100).describe("the class's join code")),
                  required("pseudonym", text().max_length(100)),
                  required("birth_date", date().describe("never shown again"))};
const Shape kSignIn{required("code", text().max_length(60).describe(
                                         "a personal sign-in code; spaces and capitals are fine"))};
const Shape kGuardianSlip{required("kind", text().one_of({"guardian"}).describe(
                                              "adults record the guardian's consent; children "
                                              "give their own")),
                          required("slip_number", code())};
const Shape kAdultWithdrawal{required("reason", text().length(1, 1000))};
const Shape kRealName{optional("real_name", text().max_length(120).describe(
                                                "empty or absent clears it"))};
const Shape kReveal{required("reason", text().length(1, 500)), required("case_id", id())};
const Shape kChildConsent{required("text_version", text().max_length(100).describe(
                                                       "the version of the explanation read"))};
const Shape kDeletionRequest{optional("details", text().max_length(1000))};

nlohmann::json session_started_schema(std::initializer_list<Field> more) {
  return Shape{required("token", text()), required("csrf_token", text())}.with(more).schema();
}

}  // namespace

void add_pupil_routes(Router& r, App& app) {
  r.add(
      "GET", "/api/v1/pupils/pseudonym-suggestions",
      [](Request&) {
        return Response::json(200, {{"items", pseudonym_suggestions(6)}});
      },
      doc("Friendly pseudonyms a child can pick when joining.", "pupils", std::nullopt)
          .returns(Shape{required("items", list_of(text()))}.schema()));

  r.add(
      "POST", "/api/v1/pupils/join",
      [&app](Request& q) {
        Fields f(q, kJoin);
        auto joined = app.pupils.join({f.text("code"), f.text("pseudonym"), f.text("birth_date"),
                                       q.client_address, q.header("user-agent").value_or("")});
        auto response =
            Response::json(201, {{"token", joined.started.token},
                                 {"csrf_token", joined.started.session.csrf_token},
                                 {"sign_in_code", joined.sign_in_code},
                                 {"pupil", to_json(joined.pupil, {})},
                                 {"consent_text", consent_text_json(joined.pupil.age_band)}});
        set_session_cookies(response, q, joined.started, app.settings.pupil_session);
        return response;
      },
      [] {
        auto d = doc(
            "Join a class with its code, a pseudonym and a date of birth (never shown again).",
            "pupils", std::nullopt,
            kJoin, 201);
        d.returns(session_started_schema({required("sign_in_code", text()),
                                          required("pupil", Value(pupil_schema())),
                                          required("consent_text", Value(consent_text_schema()))}));
        d.responses["409"] = {{"description", "pseudonym taken in this class"}};
        d.responses["422"] = {{"description", "younger than 7 or older than 17"}};
        d.responses["429"] = {{"description",
                               "too many wrong class codes from this address: wait Retry-After "
                               "seconds"}};
        return d;
      }());

  r.add(
      "POST", "/api/v1/pupils/sign-in",
      [&app](Request& q) {
        Fields f(q, kSignIn);
        auto code = f.text("code");
        auto [started, pupil] =
            app.pupils.sign_in(code, q.client_address, q.header("user-agent").value_or(""));
        auto response =
            Response::json(200, {{"token", started.token},
                                 {"csrf_token", started.session.csrf_token},
                                 {"pupil", to_json(pupil, app.pupils.consents_of(pupil))}});
        set_session_cookies(response, q, started, app.settings.pupil_session);
        return response;
      },
      [] {
        auto d = doc(
            "Sign in with a personal sign-in code such as meo-xanh-4821-cun-vang-7390 (spaces "
            "and capitals are fine; short codes given before, such as meo-xanh-4821, still work).",
            "pupils", std::nullopt, kSignIn);
        d.returns(session_started_schema({required("pupil", Value(pupil_schema()))}));
        d.responses["401"] = {{"description", "no pupil has this code"}};
        d.responses["429"] = {
            {"description", "too many wrong codes from this address: wait Retry-After seconds"}};
        return d;
      }());

  r.add(
      "GET", "/api/v1/pupils/{id}",
      [&app](Request& q) {
        auto p = app.pupils.pupil_for(q.who(), q.param("id"));
        return Response::json(200, to_json(p, app.pupils.consents_of(p)));
      },
      doc("A pupil in my units: pseudonym, age band, consent.", "pupils",
          Permission::kManagePupils)
          .returns(pupil_schema()));

  r.add(
      "GET", "/api/v1/pupils/{id}/consents",
      [&app](Request& q) {
        nlohmann::json items = nlohmann::json::array();
        auto consents = app.pupils.consents(q.who(), q.param("id"));
        for (const auto& c : consents) items.push_back(to_json(c));
        return Response::json(200, {{"items", items}, {"status", consent_status(consents)}});
      },
      doc("A pupil's consent records (the pupil themselves, or adults of their units).", "consent",
          Permission::kSignedIn)
          .returns(Shape{required("items", list_of(Value(consent_schema()))),
                         required("status", Value(consent_status_schema()))}
                       .schema()));

  r.add(
      "POST", "/api/v1/pupils/{id}/consents",
      [&app](Request& q) {
        Fields f(q, kGuardianSlip);
        return Response::json(201, to_json(app.pupils.record_guardian_slip(q.who(), q.param("id"),
                                                                           f.text("slip_number"))));
      },
      doc("Record a guardian's consent from a paper slip.", "consent", Permission::kManagePupils,
          kGuardianSlip, 201)
          .returns(consent_schema()));

  r.add(
      "POST", "/api/v1/pupils/{id}/consents/withdraw",
      [&app](Request& q) {
        Fields f(q, kAdultWithdrawal);
        app.pupils.withdraw_by_adult(q.who(), q.param("id"), f.text("reason"));
        return Response::no_content();
      },
      doc("Withdraw consent on the guardian's word (e.g. a paper withdrawal slip).", "consent",
          Permission::kManagePupils, kAdultWithdrawal, 204));

  r.add(
      "POST", "/api/v1/pupils/{id}/guardian-codes",
      [&app](Request& q) {
        return Response::json(201, {{"code", app.pupils.new_guardian_code(q.who(), q.param("id"))},
                                    {"valid_days", app.settings.guardian_code_days}});
      },
      doc("A one-use-per-action code for the guardian to consent, withdraw or ask about the "
          "child's data.",
          "consent", Permission::kManagePupils, nullptr, 201)
          .returns(Shape{required("code", text()), required("valid_days", integer())}.schema()));

  r.add(
      "POST", "/api/v1/pupils/{id}/sign-in-code",
      [&app](Request& q) {
        return Response::json(
            201, {{"sign_in_code", app.pupils.reset_sign_in_code(q.who(), q.param("id"))}});
      },
      doc("Give the pupil a new personal sign-in code; the old one and its sessions stop.",
          "pupils", Permission::kManagePupils, nullptr, 201)
          .returns(Shape{required("sign_in_code", text())}.schema()));

  r.add(
      "PUT", "/api/v1/pupils/{id}/real-name",
      [&app](Request& q) {
        Fields f(q, kRealName);
        app.pupils.set_real_name(q.who(), q.param("id"), f.optional_text("real_name").value_or(""));
        return Response::no_content();
      },
      doc("Store (encrypted) or clear the pupil's real name.", "pupils", Permission::kManagePupils,
          kRealName, 204));

  r.add(
      "POST", "/api/v1/pupils/{id}/identity/reveal",
      [&app](Request& q) {
        Fields f(q, kReveal);
        auto identity = app.safeguarding.reveal_for_pupil(q.who(), q.param("id"),
                                                          f.text("case_id"), f.text("reason"));
        return Response::json(200, {{"pupil_id", q.param("id")},
                                    {"case_id", f.text("case_id")},
                                    {"birth_date", identity.birth_date},
                                    {"class_id", identity.class_id},
                                    {"real_name", or_null(identity.real_name)}});
      },
      [] {
        auto d = doc(
            "Reveal who a pupil is, inside one of their safeguarding cases, with a reason; "
            "audited, and shown on the case to the unit's other safeguarding leads.",
            "safeguarding", Permission::kRevealIdentity,
            kReveal);
        d.returns(Shape{required("pupil_id", id()), required("case_id", id()),
                        required("birth_date", date()), required("class_id", id()),
                        required("real_name", text().or_null())}
                      .schema());
        d.responses["404"] = {{"description", "no such case of this pupil in my units"}};
        return d;
      }());

  r.add(
      "GET", "/api/v1/me/consent-text",
      [](Request& q) { return Response::json(200, consent_text_json(q.who().age_band)); },
      doc("The explanation a child reads before consenting, in their age band's words.", "consent",
          Permission::kPupilSelf)
          .returns(consent_text_schema()));

  r.add(
      "POST", "/api/v1/me/consents",
      [&app](Request& q) {
        Fields f(q, kChildConsent);
        return Response::json(
            201, to_json(app.pupils.give_child_consent(q.who(), f.text("text_version"))));
      },
      doc("Give my own consent, after reading the explanation of this version.", "consent",
          Permission::kPupilSelf, kChildConsent, 201)
          .returns(consent_schema())
          .fails(409, "consent was withdrawn: join again with a new code"));

  r.add(
      "POST", "/api/v1/me/consents/withdraw",
      [&app](Request& q) {
        app.pupils.withdraw_by_pupil(q.who());
        return Response::no_content();
      },
      doc("Withdraw my consent: nothing more is processed and my identity is deleted.", "consent",
          Permission::kPupilSelf, nullptr, 204));

  r.add(
      "GET", "/api/v1/me/data",
      [&app](Request& q) {
        return Response::json(200, data_export_json(app, app.pupils.export_data(q.who())))
            .with_header("Content-Disposition", "attachment; filename=\"lang-nghe-my-data.json\"");
      },
      doc("Download my data as JSON: my account, consents, answers, ideas and what happened "
          "to them, reactions and notifications.",
          "data rights", Permission::kPupilSelf)
          .returns(data_export_schema()));

  r.add(
      "POST", "/api/v1/me/deletion-request",
      [&app](Request& q) {
        std::string details;
        if (!q.body.empty()) details = Fields(q, kDeletionRequest).optional_text("details").value_or("");
        return Response::json(201, to_json(app.pupils.request_deletion(q.who(), details)));
      },
      doc("Ask for my data to be deleted; answered within 2 working days.", "data rights",
          Permission::kPupilSelf, kDeletionRequest, 201)
          .returns(data_request_schema()));
}

}  // namespace ln::api
