// /api/v1/consultations: consulting children — plan, publish, answer, paper and forum records,
// results that protect small groups, feedback.
#include "api/http/error_response.h"
#include "api/http/fields.h"
#include "api/http/route_doc.h"
#include "api/http/saved_reply.h"
#include "api/routes/routes.h"
#include "api/views/consultation_views.h"
#include "api/views/report_views.h"
#include "api/views/views.h"
#include "store/consultation_columns.h"

namespace ln::api {
namespace {

ConsultationInput input_of(const Fields& f) {
  ConsultationInput in{f.optional_text("title"),
                       f.optional_text("purpose"),
                       f.optional_text("owner_unit_id"),
                       f.optional_texts("audience_unit_ids"),
                       f.optional_texts("audience_bands"),
                       f.optional_text("opens_at"),
                       f.optional_text("closes_at"),
                       f.optional_text("decision"),
                       f.optional_text("decision_maker"),
                       f.optional_text("decision_due"),
                       f.optional_text("feedback_due"),
                       std::nullopt,
                       std::nullopt};
  if (auto cards = f.optional_json("info_cards")) in.info_cards = info_cards_of(*cards);
  if (auto questions = f.optional_json("questions"))
    in.questions = store::parse_questions(*questions);
  return in;
}

Value day_or_empty() {
  return text()
      .max_length(10)
      .pattern("^([0-9]{4}-[0-9]{2}-[0-9]{2})?$")
      .describe("YYYY-MM-DD; empty clears it");
}
Value time_or_empty() {
  return text().max_length(20).describe("UTC, e.g. 2026-05-01T02:00:00Z; empty clears it");
}

// A plan's fields: all optional in a PATCH; a new plan needs a title and its owner unit.
const Shape kPlan{
    optional("title", text().length(1, 200)),
    optional("purpose", text().max_length(2000)),
    optional("owner_unit_id", id()),
    optional("audience_unit_ids", list_of(id()).count(0, 500)),
    optional("audience_bands", list_of(text().max_length(20)).count(0, 20).describe("age bands")),
    optional("opens_at", time_or_empty()),
    optional("closes_at", time_or_empty()),
    optional("decision", text().max_length(1000).describe("the decision the children inform")),
    optional("decision_maker", text().max_length(200)),
    optional("decision_due", day_or_empty()),
    optional("feedback_due", day_or_empty()),
    optional("info_cards",
             map_of(object_of(Shape{optional("why", text()), optional("who_reads", text()),
                                    optional("hear_back", text())}))
                 .describe("age band → what the children read before answering")),
    optional("questions",
             list_of(Value(nlohmann::json{
                         {"type", "object"},
                         {"description", "a question: its type (" + question_type_words() +
                                             "), wording per age band and options"}}))
                 .count(0, 60))};
const Shape kNewPlan = kPlan.requiring({"title", "owner_unit_id"});

const Shape kFeedback{
    required("feedback",
             map_of(any()).describe("age band → a text, or {you_said, we_did, why, what_next}"))};
const Shape kAnswers{
    required("answers", any().describe("question id → the answer, as its question type takes it")),
    optional("gender", text().one_of({"girl", "boy", "other", "prefer_not_to_say"}))};
const Shape kBatch{
    optional("channel", text().one_of({"paper", "forum"}).describe("default paper")),
    required("reference", code().describe("the batch's own reference, e.g. a box number")),
    required("unit_id", id()),
    optional("sheet_count", integer().range(1, 5000).describe("paper: checks the sheets sent")),
    optional("sheets",
             list_of(Value(nlohmann::json{{"type", "object"},
                                          {"required", {"age_band"}},
                                          {"properties",
                                           {{"age_band", {{"type", "string"}}},
                                            {"gender", {{"type", "string"}, {"nullable", true}}},
                                            {"answers", {{"type", "object"}}}}}}))
                 .count(0, 5000)
                 .describe("paper: one answered questionnaire each")),
    optional("notes", text().max_length(10000)),
    optional("participants", map_of(integer()).describe("forum: age band → children present")),
    optional("tallies",
             list_of(object_of(Shape{required("question_id", text()), required("option", text()),
                                     required("age_band", text()), required("count", integer())}))
                 .count(0, 2000)
                 .describe("forum: counts per option and age band"))};
const Shape kTarget{
    required("unit_id", id()),
    required("kind", text().one_of({"children_consulted", "teenagers_participating"})),
    required("period_start", date()), required("period_end", date()),
    required("target", integer().range(1, 100000000))};

nlohmann::json items_of(const nlohmann::json& item) {
  return Shape{required("items", list_of(Value(item)))}.schema();
}

std::string text_of(const nlohmann::json& j, const char* key, const std::string& field) {
  if (!j.contains(key) || !j[key].is_string())
    throw Invalid(field + "." + key, std::string(key) + " must be text.");
  return j[key];
}

PaperInput paper_of(const Fields& f) {
  PaperInput in{f.text("reference"), f.text("unit_id"), f.optional_integer("sheet_count"), {}};
  auto sheets = f.optional_json("sheets").value_or(nlohmann::json());
  if (!sheets.is_array())
    throw Invalid("sheets", "sheets must be a list of answered questionnaires.");
  for (std::size_t i = 0; i < sheets.size() && i <= 5000; ++i) {
    std::string field = "sheets[" + std::to_string(i) + "]";
    const auto& s = sheets[i];
    if (!s.is_object()) throw Invalid(field, "Each sheet is {age_band, gender, answers}.");
    std::string gender =
        s.contains("gender") && !s["gender"].is_null() ? text_of(s, "gender", field) : "unknown";
    auto answers = s.value("answers", nlohmann::json::object());
    in.sheets.push_back({text_of(s, "age_band", field), gender,
                         answers.is_object() ? std::optional(answers_of(answers)) : std::nullopt});
  }
  return in;
}

ForumInput forum_of(const Fields& f) {
  ForumInput in{
      f.text("reference"), f.text("unit_id"), f.optional_text("notes").value_or(""), {}, {}};
  auto participants = f.optional_json("participants").value_or(nlohmann::json());
  if (!participants.is_object())
    throw Invalid("participants", "participants is age band → number of children.");
  for (const auto& [band, n] : participants.items()) {
    if (!n.is_number_integer())
      throw Invalid("participants." + band, "A whole number of children.");
    in.participants[band] = n.get<std::int64_t>();
  }
  auto tallies = f.optional_json("tallies").value_or(nlohmann::json::array());
  if (!tallies.is_array() || tallies.size() > 2000)
    throw Invalid("tallies", "tallies must be a list.");
  for (std::size_t i = 0; i < tallies.size(); ++i) {
    std::string field = "tallies[" + std::to_string(i) + "]";
    const auto& t = tallies[i];
    if (!t.is_object() || !t.contains("count") || !t["count"].is_number_integer())
      throw Invalid(field, "Each tally is {question_id, option, age_band, count}.");
    in.tallies.push_back({text_of(t, "question_id", field), text_of(t, "option", field),
                          text_of(t, "age_band", field), t["count"].get<std::int64_t>()});
  }
  return in;
}

}  // namespace

void add_consultation_routes(Router& r, App& app) {
  const auto manage = Permission::kManageConsultations;
  const auto read = Permission::kReadResults;

  r.add(
      "GET", "/api/v1/consultations",
      [&app](Request& q) {
        const auto& who = q.who();
        if (who.is_pupil()) {
          nlohmann::json items = nlohmann::json::array();
          for (const auto& c : app.consultations.open_for_pupil(who))
            items.push_back(pupil_summary_json(Consultations::summary_for_pupil(c, who.age_band)));
          return Response::json(200, {{"items", items}, {"next", nullptr}});
        }
        auto page = page_of(q);
        std::optional<ConsultationStatus> status;
        if (auto word = q.query_value("status")) {
          status = consultation_status(*word);
          if (!status) throw Invalid("status", "Unknown status.");
        }
        return Response::json(200, page_json(app.consultations.list_for_adult(who, page, status),
                                             page, [&app](const Consultation& c) {
                                               return consultation_json(
                                                   c, app.consultations.published_total(c));
                                             }));
      },
      doc("Pupils: the consultations open to them now. Adults: those of their units (?status=).",
          "consultations", Permission::kSignedIn)
          .reads(page_query())
          .reads({query("status",
                        text().one_of({"draft", "published", "closed", "results_published",
                                       "feedback_given"}),
                        "adults: only consultations in this status")})
          .returns({{"type", "object"},
                    {"required", {"items", "next"}},
                    {"properties",
                     {{"items",
                       {{"type", "array"},
                        {"items",
                         {{"type", "object"},
                          {"required", {"id", "title"}},
                          {"properties", {{"id", id().schema()}, {"title", text().schema()}}}}},
                        {"description", "adults: whole consultations; pupils: their summary"}}},
                      {"next", {{"type", "string"}, {"nullable", true}}}}}}));

  r.add(
      "POST", "/api/v1/consultations",
      [&app](Request& q) {
        Fields f(q, kNewPlan);
        return Response::json(201,
                              consultation_json(app.consultations.create(q.who(), input_of(f)), 0));
      },
      [] {
        OperationDoc d = doc("Plan a consultation (a draft).", "consultations",
                             Permission::kManageConsultations, kNewPlan, 201);
        d.returns(consultation_schema());
        d.max_body = 1024 * 1024;
        return d;
      }());

  r.add(
      "GET", "/api/v1/consultations/{id}",
      [&app](Request& q) {
        const auto& who = q.who();
        if (who.is_pupil())
          return Response::json(
              200, pupil_view_json(app.consultations.view_for_pupil(who, q.param("id"))));
        auto c = app.consultations.get_for_adult(who, q.param("id"));
        return Response::json(200, consultation_json(c, app.consultations.published_total(c)));
      },
      doc("Pupils: the consultation in their age band's wording. Adults: all of it.",
          "consultations", Permission::kSignedIn)
          .returns(
              {{"type", "object"},
               {"required", {"id", "title"}},
               {"properties", {{"id", id().schema()}, {"title", text().schema()}}},
               {"description", "adults: the whole consultation; pupils: their age band's view"}}));

  r.add(
      "GET", "/api/v1/consultations/{id}/preview",
      [&app](Request& q) {
        auto band = q.query_value("band");
        if (!band) throw Invalid("band", "band is required (an age band such as 7-10).");
        return Response::json(200, pupil_view_json(app.consultations.preview_for_band(
                                       q.who(), q.param("id"), *band)));
      },
      doc("The consultation as a child of ?band= sees it (drafts too): the same view a pupil of "
          "that band gets, for those who plan it to check before publishing.",
          "consultations", manage)
          .reads({query("band", text().max_length(40), "an age band such as 7-10", true)})
          .returns({{"type", "object"},
                    {"required", {"id", "title"}},
                    {"properties", {{"id", id().schema()}, {"title", text().schema()}}}}));

  r.add(
      "PATCH", "/api/v1/consultations/{id}",
      [&app](Request& q) {
        Fields f(q, kPlan);
        auto c = app.consultations.update(q.who(), q.param("id"), input_of(f));
        return Response::json(200, consultation_json(c, app.consultations.published_total(c)));
      },
      [] {
        OperationDoc d = doc("Change the plan (drafts) or fix wording (once published).",
                             "consultations", Permission::kManageConsultations, kPlan);
        d.returns(consultation_schema());
        d.max_body = 1024 * 1024;
        d.responses["409"] = {{"description", "questions_locked or consultation_published"}};
        return d;
      }());

  auto step = [&](const char* path, const char* summary, auto action) {
    r.add(
        "POST", std::string("/api/v1/consultations/{id}/") + path,
        [&app, action](Request& q) {
          auto c = action(app.consultations, q.who(), q.param("id"));
          return Response::json(200, consultation_json(c, app.consultations.published_total(c)));
        },
        [&] {
          OperationDoc d = doc(summary, "consultations", Permission::kManageConsultations);
          d.responses["409"] = {{"description", "not allowed from the current status"}};
          d.responses["422"] = {{"description", "every problem that stops it"}};
          return d.returns(consultation_schema());
        }());
  };
  step(
      "publish", "Publish: checks the plan and every question, listing every problem.",
      [](Consultations& s, const Principal& p, const std::string& id) { return s.publish(p, id); });
  step("close", "Close to answers.",
       [](Consultations& s, const Principal& p, const std::string& id) { return s.close(p, id); });
  step("publish-results", "Publish the results (after closing).",
       [](Consultations& s, const Principal& p, const std::string& id) {
         return s.publish_results(p, id);
       });

  r.add(
      "POST", "/api/v1/consultations/{id}/feedback",
      [&app](Request& q) {
        Fields f(q, kFeedback);
        auto c = app.consultations.give_feedback(
            q.who(), q.param("id"),
            feedback_of(f.optional_json("feedback").value_or(nlohmann::json())));
        return Response::json(200, consultation_json(c, app.consultations.published_total(c)));
      },
      doc("Tell the children what happened, in each age band's words: per band a text or "
          "{you_said, we_did, why, what_next}. Every child who answered online is notified.",
          "consultations", manage, kFeedback)
          .returns(consultation_schema())
          .fails(409, "not allowed from the current status")
          .fails(422, "not_ready: every age band needs its feedback (each missing one listed)"));

  r.add(
      "POST", "/api/v1/consultations/{id}/responses",
      [&app](Request& q) {
        Fields f(q, kAnswers);
        auto prepared = app.consultations.prepare_answer(
            q.who(), q.param("id"),
            answers_of(f.optional_json("answers").value_or(nlohmann::json())),
            f.optional_text("gender"), q.header("idempotency-key"));
        auto body = response_json(prepared.reply.response);
        body["replaced"] = prepared.reply.replaced;
        if (prepared.reply.needs_support) body["support"] = support_json();
        if (!prepared.write) return Response::json(201, body);
        // 201 only once the answers are on disk: the committer replies when its batch is synced.
        return Response::later(
            [&app, write = std::move(*prepared.write), body = body.dump()](Reply reply) mutable {
              app.group_committer.submit(std::move(write),
                                         reply_when_saved(std::move(reply), std::move(body)));
            });
      },
      [] {
        OperationDoc d = doc(
            "Answer (again, to replace the earlier answers) while open. 201 means saved to disk. "
            "Send an Idempotency-Key header to make retries safe.",
            "consultations", Permission::kPupilContribute, kAnswers, 201);
        auto answered = response_schema();
        answered["properties"]["replaced"] = {{"type", "boolean"}};
        answered["properties"]["support"] = support_schema();
        answered["required"].push_back("replaced");
        d.returns(answered);
        d.responses["403"] = {{"description", "consent_required or not_in_audience"}};
        d.responses["409"] = {{"description", "consultation_closed"}};
        d.responses["422"] = {{"description", "answers that do not fit their questions"}};
        return d;
      }());

  r.add(
      "GET", "/api/v1/consultations/{id}/responses/mine",
      [&app](Request& q) {
        auto mine = app.consultations.my_answers(q.who(), q.param("id"));
        if (!mine) throw NotFound("You have not answered this consultation.");
        return Response::json(200, response_json(*mine));
      },
      doc("My answers to a consultation.", "consultations", Permission::kPupilSelf)
          .returns(response_schema()));

  r.add(
      "POST", "/api/v1/consultations/{id}/paper-batches",
      [&app](Request& q) {
        Fields f(q, kBatch);
        auto channel = ln::channel(f.optional_text("channel").value_or("paper"));
        PaperBatch batch;
        if (channel == Channel::kPaper)
          batch = app.consultations.add_paper(q.who(), q.param("id"), paper_of(f));
        else if (channel == Channel::kForum)
          batch = app.consultations.add_forum(q.who(), q.param("id"), forum_of(f));
        else
          throw Invalid("channel", "channel is paper or forum.");
        return Response::json(201, batch_json(batch));
      },
      [] {
        OperationDoc d =
            doc("Add transcribed paper questionnaires (channel paper: sheets with age band, "
                "optional gender "
                "and answers) or a forum's notes and counts (channel forum: participants by band, "
                "tallies).",
                "consultations", Permission::kRecordPaper, kBatch, 201);
        d.returns(batch_schema());
        d.max_body = 4 * 1024 * 1024;
        d.responses["422"] = {
            {"description", "every sheet or tally that does not fit; nothing added"}};
        return d;
      }());

  r.add(
      "GET", "/api/v1/consultations/{id}/paper-batches",
      [&app](Request& q) {
        nlohmann::json items = nlohmann::json::array();
        for (const auto& b : app.consultations.batches(q.who(), q.param("id")))
          items.push_back(batch_json(b));
        return Response::json(200, {{"items", items}});
      },
      doc("The paper and forum records of a consultation.", "consultations",
          Permission::kRecordPaper)
          .returns(items_of(batch_schema())));

  r.add(
      "GET", "/api/v1/consultations/{id}/results",
      [&app](Request& q) {
        return Response::json(200, results_json(app.consultations.results(q.who(), q.param("id"))));
      },
      doc("Results: counts, scale means, ranking scores and breakdowns by age band, gender, unit "
          "and channel; groups of fewer than the deployment's minimum group size (never under "
          "5; `threshold`) hidden (null), with every zero beside them and enough other counts "
          "that none can be worked out from anything published about the consultation. A mean "
          "or scores are left out while any count of their question is hidden. While children "
          "are still answering (status published) only how many answered is shown: `questions` "
          "is empty until the consultation is closed.",
          "consultations", read)
          .returns(results_schema()));

  r.add(
      "GET", "/api/v1/consultations/{id}/results.csv",
      [&app](Request& q) {
        Response r;
        r.content_type = "text/csv; charset=utf-8";
        r.body = app.consultations.results_csv(q.who(), q.param("id"));
        r.with_header("Content-Disposition",
                      "attachment; filename=\"ket-qua-" + q.param("id") + ".csv\"");
        return r;
      },
      doc("Results as CSV (UTF-8 with a BOM): what the JSON hides reads `hidden`; the last "
          "column is the minimum group size. Only the header while children are still answering.",
          "consultations", read)
          .returns(text().describe("UTF-8 CSV with a BOM").schema(), "text/csv"));

  r.add(
      "GET", "/api/v1/consultations/{id}/representativeness",
      [&app](Request& q) {
        return Response::json(200, representativeness_json(app.consultations.representativeness(
                                       q.who(), q.param("id"))));
      },
      doc("Who answered against who is enrolled, by age band and unit, with under-represented "
          "groups flagged (null where a count is hidden). The respondents are protected together "
          "with the results: what one hides, the other never gives away.",
          "consultations", read)
          .returns(representativeness_schema()));

  r.add(
      "GET", "/api/v1/consultations/{id}/classes",
      [&app](Request& q) {
        return Response::json(
            200, classes_answered_json(app.consultations.class_answers(q.who(), q.param("id"))));
      },
      doc("Facilitators: how many pupils of each of their classes in the audience answered "
          "online — a count, never who; null where it is under the minimum group size "
          "(`threshold`) or would give a hidden group of the results away.",
          "consultations", Permission::kManageClasses)
          .returns(classes_answered_schema()));

  r.add(
      "GET", "/api/v1/consultations/{id}/quotes",
      [&app](Request& q) {
        return Response::json(200, {{"items", app.consultations.quotes(q.who(), q.param("id"))}});
      },
      doc("The approved words of the consultation's free-text answers (at most 50, newest "
          "first): what a moderator approved, with the hidden parts hidden; never who wrote them. "
          "None while children are still answering.",
          "consultations", read)
          .returns(items_of(text().schema())));

  r.add(
      "GET", "/api/v1/me/consultation-feedback",
      [&app](Request& q) {
        return Response::json(200, heard_back_json(app.consultations.heard_back(q.who())));
      },
      doc("Pupils: what happened after the consultations I answered online — the feedback in my "
          "age band's words (a text, or you_said, we_did, why, what_next), newest first.",
          "consultations", Permission::kPupilSelf)
          .returns(heard_back_schema()));

  r.add(
      "GET", "/api/v1/targets",
      [&app](Request& q) { return Response::json(200, targets_json(app.targets.progress(q.who()))); },
      doc("Participation targets of my units, with progress (counts under the minimum group "
          "size hidden as null, with what would give them away).",
          "targets", read)
          .returns(targets_schema()));

  r.add(
      "POST", "/api/v1/targets",
      [&app](Request& q) {
        Fields f(q, kTarget);
        auto t =
            app.targets.create(q.who(), {f.text("unit_id"), f.text("kind"), f.text("period_start"),
                                         f.text("period_end"), f.integer("target")});
        return Response::json(201, {{"id", t.id},
                                    {"unit_id", t.unit_id},
                                    {"kind", t.kind},
                                    {"period_start", t.period_start},
                                    {"period_end", t.period_end},
                                    {"target", t.target}});
      },
      doc("Set a participation target (e.g. 50,000 children consulted in 2024–2027).", "targets",
          Permission::kManageTargets, kTarget, 201)
          .returns(Shape{required("id", id()), required("unit_id", id()), required("kind", text()),
                         required("period_start", date()), required("period_end", date()),
                         required("target", integer())}
                       .schema()));
}

}  // namespace ln::api
