// /api/v1/submissions: a pupil's own ideas, opinions and recommendations.
#include "moderation/submissions.h"
#include "api/http/fields.h"
#include "api/http/route_doc.h"
#include "api/http/saved_reply.h"
#include "api/routes/routes.h"
#include "api/views/recommendation_views.h"
#include "api/views/views.h"

namespace ln::api {

namespace {

const Shape kNewSubmission{
    required("kind", word_of(kSubmissionKinds)),
    required("text", text().length(1, 2000).describe("line breaks are kept")),
    optional("topic", text().max_length(100))};
const Shape kResend{required("text", text().length(1, 2000)),
                    required("version", integer().describe("the version the child changed"))};

}  // namespace

void add_submission_routes(Router& r, App& app) {
  r.add(
      "POST", "/api/v1/submissions",
      [&app](Request& q) {
        Fields f(q, kNewSubmission);
        auto kind = submission_kind(f.text("kind"));
        if (!kind) throw Invalid("kind", "kind must be idea, opinion or recommendation.");
        auto prepared =
            app.submissions.prepare(q.who(), {*kind, f.text("text"), f.optional_text("topic")});
        // 201 only once the idea is on disk, written together with others in one commit.
        return Response::later(
            [&app, write = std::move(prepared.write),
             body = own_submission_json(prepared.submission).dump()](Reply reply) mutable {
              app.group_committer.submit(std::move(write),
                                         reply_when_saved(std::move(reply), std::move(body)));
            });
      },
      [] {
        auto d = doc("Send an idea, opinion or recommendation (needs both consents).",
                     "submissions", Permission::kPupilContribute,
                     kNewSubmission, 201);
        d.returns(own_submission_schema());
        d.responses["403"] = {
            {"description", "consent_required: the child's or the guardian's consent is missing"}};
        return d;
      }());

  r.add(
      "GET", "/api/v1/submissions",
      [&app](Request& q) {
        auto page = page_of(q);
        // With what happened to each: the feedback of every recommendation it went into.
        return Response::json(
            200, page_json(app.submissions.mine(q.who(), page), page, [&](const Submission& s) {
              auto out = own_submission_json(s);
              out["outcomes"] = outcomes_json(app, q.who(), s);
              out["journey"] = journey_json(app, q.who(), s);
              return out;
            }));
      },
      doc("My own submissions with their status, in words for children.", "submissions",
          Permission::kPupilSelf)
          .reads(page_query())
          .returns(page_schema(own_submission_schema())));

  r.add(
      "GET", "/api/v1/submissions/{id}",
      [&app](Request& q) {
        auto s = app.submissions.own(q.who(), q.param("id"));
        auto out = own_submission_json(s);
        out["outcomes"] = outcomes_json(app, q.who(), s);
        out["journey"] = journey_json(app, q.who(), s);
        return Response::json(200, out);
      },
      doc("One of my submissions.", "submissions", Permission::kPupilSelf)
          .returns(own_submission_schema()));

  r.add(
      "POST", "/api/v1/submissions/{id}/withdraw",
      [&app](Request& q) {
        return Response::json(
            200, own_submission_json(app.submissions.withdraw(q.who(), q.param("id"))));
      },
      [] {
        auto d = doc(
            "Take back one of my submissions before anyone has decided on it. One that went to a "
            "safeguarding lead stays with the leads: the request is shown to them and the answer "
            "says so (status withdrawal_requested).",
            "submissions", Permission::kPupilSelf);
        d.responses["404"] = {{"description", "no such submission of mine"}};
        d.responses["409"] = {{"description", "already decided, or changed meanwhile"}};
        return d.returns(own_submission_schema());
      }());

  r.add(
      "POST", "/api/v1/submissions/{id}/resend",
      [&app](Request& q) {
        Fields f(q, kResend);
        auto s =
            app.submissions.resend(q.who(), q.param("id"), f.text("text"), f.integer("version"));
        return Response::json(200, own_submission_json(s));
      },
      [] {
        auto d =
            doc("Change an idea that was sent back for revision and send it again (it is "
                "screened and reviewed again).",
                "submissions", Permission::kPupilContribute,
                kResend);
        d.responses["409"] = {{"description", "not_returned or stale_version"}};
        return d.returns(own_submission_schema());
      }());
}

}  // namespace ln::api
