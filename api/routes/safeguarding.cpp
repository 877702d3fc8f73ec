// /api/v1/safeguarding/cases: possible disclosures of harm, for safeguarding leads only.
#include "api/http/fields.h"
#include "api/http/route_doc.h"
#include "api/routes/routes.h"
#include "api/views/moderation_views.h"
#include "api/views/views.h"

namespace ln::api {
namespace {

const Shape kAction{
    required("kind", text().one_of({"referral_111", "police", "commune_officer", "school", "other"})),
    required("date", date()),
    optional("reference", text().max_length(100)),
    optional("note", text().max_length(2000))};
const Shape kRevealReason{required("reason", text().length(10, 1000))};
SafeguardingActionKind action_kind(const std::string& text) {
  if (auto kind = safeguarding_action_kind(text)) return *kind;
  throw Invalid("kind", "kind is referral_111, police, commune_officer, school or other.");
}

CaseOutcome outcome(const std::string& text) {
  if (auto o = case_outcome(text)) return *o;
  throw Invalid("outcome", "outcome is no_concern, referred or resolved.");
}

const Shape kClose{required("outcome", text().one_of({"no_concern", "referred", "resolved"})),
                   required("reason", text().length(10, 2000))};

}  // namespace

void add_safeguarding_routes(Router& r, App& app) {
  const auto lead = Permission::kSafeguard;

  r.add(
      "GET", "/api/v1/safeguarding/cases",
      [&app](Request& q) {
        auto page = page_of(q);
        auto cases = app.safeguarding.open_cases(q.who(), page);
        nlohmann::json out = {{"items", nlohmann::json::array()}, {"next", nullptr}};
        for (const auto& s : cases) out["items"].push_back(case_json(app, s));
        if (static_cast<int>(cases.size()) == page.limit)
          out["next"] = cases.back().created_at + "|" + cases.back().id;
        return Response::json(200, out);
      },
      doc("Open safeguarding cases of my units, oldest first, with the acknowledgement deadline.",
          "safeguarding", lead)
          .reads(page_query())
          .returns(page_schema(case_schema())));

  r.add(
      "GET", "/api/v1/safeguarding/cases/{id}",
      [&app](Request& q) {
        return Response::json(200, case_json(app, app.safeguarding.get(q.who(), q.param("id"))));
      },
      doc("One case.", "safeguarding", lead).returns(case_schema()));

  r.add(
      "POST", "/api/v1/safeguarding/cases/{id}/acknowledge",
      [&app](Request& q) {
        return Response::json(200,
                              case_json(app, app.safeguarding.acknowledge(q.who(), q.param("id"))));
      },
      doc("Acknowledge a case (the time is recorded; late after 60 minutes).", "safeguarding",
          lead)
          .returns(case_schema())
          .fails(409, "already_acknowledged, or stale_version (changed meanwhile)"));

  r.add(
      "POST", "/api/v1/safeguarding/cases/{id}/actions",
      [&app](Request& q) {
        Fields f(q, kAction);
        auto s = app.safeguarding.record_action(
            q.who(), q.param("id"),
            {action_kind(f.text("kind")), f.text("date"),
             f.optional_text("reference").value_or(""), f.optional_text("note").value_or("")});
        return Response::json(201, case_json(app, s));
      },
      doc("Record what was done: a referral to 111, the police, the commune's child-protection "
          "officer or "
          "the school, with its date and reference.",
          "safeguarding", lead, kAction, 201)
          .returns(case_schema())
          .fails(409, "not_acknowledged, case_closed or stale_version"));

  r.add(
      "POST", "/api/v1/safeguarding/cases/{id}/reveal",
      [&app](Request& q) {
        Fields f(q, kRevealReason);
        auto identity = app.safeguarding.reveal(q.who(), q.param("id"), f.text("reason"));
        return Response::json(200, {{"birth_date", identity.birth_date},
                                    {"class_id", identity.class_id},
                                    {"real_name", or_null(identity.real_name)}});
      },
      doc("Reveal who wrote it, with a reason (audited; the other leads see it on the case).",
          "safeguarding", lead, kRevealReason)
          .returns(Shape{required("birth_date", date()), required("class_id", id()),
                         required("real_name", text().or_null())}
                       .schema()));

  r.add(
      "POST", "/api/v1/safeguarding/cases/{id}/close",
      [&app](Request& q) {
        Fields f(q, kClose);
        return Response::json(
            200, case_json(app, app.safeguarding.close(q.who(), q.param("id"),
                                                       outcome(f.text("outcome")),
                                                       f.text("reason"))));
      },
      doc("Close a case (referred, resolved, or no_concern — which a second lead must confirm).",
          "safeguarding", lead, kClose)
          .returns(case_schema())
          .fails(409, "not_acknowledged, case_closed or stale_version"));

  r.add(
      "POST", "/api/v1/safeguarding/cases/{id}/confirm-closure",
      [&app](Request& q) {
        return Response::json(
            200, case_json(app, app.safeguarding.confirm_closure(q.who(), q.param("id"))));
      },
      doc("A second safeguarding lead confirms closing as no concern.", "safeguarding", lead)
          .returns(case_schema())
          .fails(409, "nothing_to_confirm, the lead who proposed it, or stale_version"));
}

}  // namespace ln::api
