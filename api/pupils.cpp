// /api/v1/pupils: joining with a class code, signing in with a personal code, and what the
// adults of a pupil's units may do for them (guardian slips, codes, resets, identity reveal).
#include "api/data_export.h"
#include "api/fields.h"
#include "api/route_doc.h"
#include "api/routes.h"
#include "api/session_cookies.h"
#include "api/views.h"
#include "consult/consent_text.h"
#include "consult/pseudonyms.h"

namespace ln::api {
namespace {

nlohmann::json consent_text_json(const std::string& band) {
  auto t = consent_text_for(band);
  return {{"version", t.version}, {"age_band", t.age_band}, {"vi", t.vi}, {"en", t.en}};
}

}  // namespace

void add_pupil_routes(Router& r, App& app) {
  r.add(
      "GET", "/api/v1/pupils/pseudonym-suggestions",
      [](Request&) {
        return Response::json(200, {{"items", pseudonym_suggestions(6)}});
      },
      doc("Friendly pseudonyms a child can pick when joining.", "pupils", std::nullopt));

  r.add(
      "POST", "/api/v1/pupils/join",
      [&app](Request& q) {
        Fields f(q, {"code", "pseudonym", "birth_date"});
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
            object_schema({{"code", "string"}, {"pseudonym", "string"}, {"birth_date", "string"}},
                          {"code", "pseudonym", "birth_date"}),
            201);
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
        Fields f(q, {"code"});
        auto code = f.text("code");
        if (code.size() > 60) throw Invalid("code", "That code is not right.");
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
            "pupils", std::nullopt, object_schema({{"code", "string"}}, {"code"}));
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
          Permission::kManagePupils));

  r.add(
      "GET", "/api/v1/pupils/{id}/consents",
      [&app](Request& q) {
        nlohmann::json items = nlohmann::json::array();
        auto consents = app.pupils.consents(q.who(), q.param("id"));
        for (const auto& c : consents) items.push_back(to_json(c));
        return Response::json(200, {{"items", items}, {"status", consent_status(consents)}});
      },
      doc("A pupil's consent records (the pupil themselves, or adults of their units).", "consent",
          Permission::kSignedIn));

  r.add(
      "POST", "/api/v1/pupils/{id}/consents",
      [&app](Request& q) {
        Fields f(q, {"kind", "slip_number"});
        if (f.text("kind") != "guardian")
          throw Invalid(
              "kind",
              "Adults record the guardian's consent (kind \"guardian\"); children give their own.");
        return Response::json(201, to_json(app.pupils.record_guardian_slip(q.who(), q.param("id"),
                                                                           f.text("slip_number"))));
      },
      doc("Record a guardian's consent from a paper slip.", "consent", Permission::kManagePupils,
          object_schema({{"kind", "string"}, {"slip_number", "string"}}, {"kind", "slip_number"}),
          201));

  r.add(
      "POST", "/api/v1/pupils/{id}/consents/withdraw",
      [&app](Request& q) {
        Fields f(q, {"reason"});
        app.pupils.withdraw_by_adult(q.who(), q.param("id"), f.text("reason"));
        return Response::no_content();
      },
      doc("Withdraw consent on the guardian's word (e.g. a paper withdrawal slip).", "consent",
          Permission::kManagePupils, object_schema({{"reason", "string"}}, {"reason"}), 204));

  r.add(
      "POST", "/api/v1/pupils/{id}/guardian-codes",
      [&app](Request& q) {
        return Response::json(201, {{"code", app.pupils.new_guardian_code(q.who(), q.param("id"))},
                                    {"valid_days", app.settings.guardian_code_days}});
      },
      doc("A one-use-per-action code for the guardian to consent, withdraw or ask about the "
          "child's data.",
          "consent", Permission::kManagePupils, nullptr, 201));

  r.add(
      "POST", "/api/v1/pupils/{id}/sign-in-code",
      [&app](Request& q) {
        return Response::json(
            201, {{"sign_in_code", app.pupils.reset_sign_in_code(q.who(), q.param("id"))}});
      },
      doc("Give the pupil a new personal sign-in code; the old one and its sessions stop.",
          "pupils", Permission::kManagePupils, nullptr, 201));

  r.add(
      "PUT", "/api/v1/pupils/{id}/real-name",
      [&app](Request& q) {
        Fields f(q, {"real_name"});
        app.pupils.set_real_name(q.who(), q.param("id"), f.optional_text("real_name").value_or(""));
        return Response::no_content();
      },
      doc("Store (encrypted) or clear the pupil's real name.", "pupils", Permission::kManagePupils,
          object_schema({{"real_name", "string"}}), 204));

  r.add(
      "POST", "/api/v1/pupils/{id}/identity/reveal",
      [&app](Request& q) {
        Fields f(q, {"reason", "case_id"});
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
            object_schema({{"reason", "string"}, {"case_id", "string"}}, {"reason", "case_id"}));
        d.responses["404"] = {{"description", "no such case of this pupil in my units"}};
        return d;
      }());

  r.add(
      "GET", "/api/v1/me/consent-text",
      [](Request& q) { return Response::json(200, consent_text_json(q.who().age_band)); },
      doc("The explanation a child reads before consenting, in their age band's words.", "consent",
          Permission::kPupilSelf));

  r.add(
      "POST", "/api/v1/me/consents",
      [&app](Request& q) {
        Fields f(q, {"text_version"});
        return Response::json(
            201, to_json(app.pupils.give_child_consent(q.who(), f.text("text_version"))));
      },
      doc("Give my own consent, after reading the explanation of this version.", "consent",
          Permission::kPupilSelf, object_schema({{"text_version", "string"}}, {"text_version"}),
          201));

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
          "data rights", Permission::kPupilSelf));

  r.add(
      "POST", "/api/v1/me/deletion-request",
      [&app](Request& q) {
        std::string details;
        if (!q.body.empty()) details = Fields(q, {"details"}).optional_text("details").value_or("");
        return Response::json(201, to_json(app.pupils.request_deletion(q.who(), details)));
      },
      doc("Ask for my data to be deleted; answered within 2 working days.", "data rights",
          Permission::kPupilSelf, object_schema({{"details", "string"}}), 201));
}

}  // namespace ln::api
