// /api/v1/questions: children's questions about the answers they were given, for the Youth Union
// to read (once a moderator approved the words) and answer in plain words.
#include "api/http/fields.h"
#include "api/http/route_doc.h"
#include "api/routes/routes.h"
#include "api/views/views.h"

namespace ln::api {
namespace {

nlohmann::json question_json(const OpenQuestion& q) {
  return {{"id", q.question.id},
          {"recommendation", {{"id", q.recommendation.id}, {"title", q.recommendation.title}}},
          {"text", q.words},
          {"created_at", q.question.created_at},
          {"reply", or_null(q.question.reply)},
          {"replied_at", or_null(q.question.replied_at)}};
}

nlohmann::json question_schema() {
  return Shape{required("id", id()),
               required("recommendation",
                        object_of(Shape{required("id", id()), required("title", text())})),
               required("text", text()),
               required("created_at", timestamp()),
               required("reply", text().or_null()),
               required("replied_at", timestamp().or_null())}
      .schema();
}

const Shape kReply{required("text", text().length(5, 1000))};

}  // namespace

void add_question_routes(Router& r, App& app) {
  r.add(
      "GET", "/api/v1/questions",
      [&app](Request& q) {
        nlohmann::json items = nlohmann::json::array();
        for (const auto& x : app.asking_back.open_questions(q.who()))
          items.push_back(question_json(x));
        return Response::json(200, {{"items", items}});
      },
      doc("Children's questions about answers, approved by a moderator and not yet answered, of "
          "my units' recommendations, oldest first.",
          "recommendations", Permission::kManageRecommendations)
          .returns(Shape{required("items", list_of(Value(question_schema())))}.schema()));

  r.add(
      "POST", "/api/v1/questions/{id}/reply",
      [&app](Request& q) {
        Fields f(q, kReply);
        return Response::json(
            200, question_json(app.asking_back.reply(q.who(), q.param("id"), f.text("text"))));
      },
      [] {
        auto d =
            doc("Answer a child's question, once. The child is notified and reads it beside the "
                "answer. Screened: personal information or rude words are refused (422).",
                "recommendations", Permission::kManageRecommendations,
                kReply);
        d.returns(question_schema());
        d.responses["409"] = {{"description", "already_answered"}};
        d.responses["422"] = {{"description",
                               "not_for_a_child: personal information or rude "
                               "words in the reply"}};
        return d;
      }());
}

}  // namespace ln::api
