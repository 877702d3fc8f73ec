// /api/v1/moderation: the queues of children's texts, claims and decisions.
#include "api/http/fields.h"
#include "api/http/route_doc.h"
#include "api/routes/routes.h"
#include "api/views/moderation_views.h"
#include "api/views/views.h"

namespace ln::api {
namespace {

const Shape kDecision{
    required("decision",
             text().one_of({"approve", "approve_redacted", "return", "reject", "escalate"})),
    required("version", integer().describe("the version the claim returned")),
    optional("reason", text().max_length(100).describe("return and reject: a reason from the list")),
    optional("note", text().max_length(1000)),
    optional("redactions",
             list_of(list_of(integer().range(0, 1000000)).count(2, 2).describe("[start, end] in "
                                                                               "characters"))
                 .count(0, 200)),
    optional("wrong_flags", list_of(text().length(1, 32)).count(0, 4).describe(
                                "labels the screener gave this text that were wrong"))};

// The `kind` filter of a listing as its enum: a 400 naming its words otherwise.
std::optional<SubmissionKind> kind_query(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  auto kind = submission_kind(*text);
  if (!kind) throw Invalid("kind", "kind is idea, opinion or recommendation.");
  return kind;
}

const std::vector<QueryDoc> kItemFilters = {
    query("kind", word_of(kSubmissionKinds), "only this kind"),
    query("unit_id", id(), "one of my units and those below it")};

}  // namespace

void add_moderation_routes(Router& r, App& app) {
  const auto moderate = Permission::kModerate;

  r.add(
      "GET", "/api/v1/moderation/queues",
      [&app](Request& q) {
        nlohmann::json items = nlohmann::json::array();
        for (const auto& queue : app.moderation.queues(q.who())) items.push_back(queue_json(queue));
        return Response::json(200, {{"items", std::move(items)}});
      },
      doc("The queues I work, with their size, oldest item and items late for a first review.",
          "moderation", moderate)
          .returns(Shape{required("items", list_of(Value(queue_schema())))}.schema()));

  r.add(
      "GET", "/api/v1/moderation/measures",
      [&app](Request& q) {
        return Response::json(
            200, measures_json(app.measures.of(q.who(), query_integer(q, "days", 30, 1, 366))));
      },
      doc("For moderators' leads: time to first review and — for safeguarding leads only — to "
          "safeguarding acknowledgement (p50, p90, late, waiting), decisions, and how often "
          "moderators agreed with each screener rule, over the last `days` days (default 30). "
          "Moderators' and admins' figures leave out what the screener sent to safeguarding.",
          "moderation", moderate)
          .reads({query("days", integer().range(1, 366), "default 30")})
          .returns(measures_schema()));

  r.add(
      "GET", "/api/v1/moderation/queues/{queue}/items",
      [&app](Request& q) {
        auto page = page_of(q);
        const auto queue = queue_named(q.param("queue"));
        if (!queue) throw NotFound("No such queue.");
        QueueFilter filter{kind_query(q.query_value("kind")), std::nullopt};
        if (auto label = q.query_value("label")) {
          filter.label = screener_label(*label);
          if (!filter.label)
            throw Invalid("label", "label is disclosure, personal_info, rude or spam.");
        }
        auto items = app.moderation.items(q.who(), *queue, page, filter, q.query_value("unit_id"));
        nlohmann::json out = {{"items", nlohmann::json::array()}, {"next", nullptr}};
        std::vector<std::string> pupils;
        for (const auto& s : items) pupils.push_back(s.pupil_id);
        auto authors = app.moderation.authors_of(pupils);
        for (std::size_t i = 0; i < items.size(); ++i)
          out["items"].push_back(item_json(app, items[i], false, authors[i]));
        if (static_cast<int>(items.size()) == page.limit)
          out["next"] = items.back().created_at + "|" + items.back().id;
        return Response::json(200, out);
      },
      doc("Waiting items, oldest first; their text stays collapsed. Filters: `kind`, `label` (a "
          "screener label), `unit_id` (one of my units and those below it).",
          "moderation", moderate)
          .reads(page_query())
          .reads(kItemFilters)
          .reads({query("label", text().max_length(32), "a screener label")})
          .returns(page_schema(item_schema())));

  r.add(
      "GET", "/api/v1/moderation/approved",
      [&app](Request& q) {
        auto page = page_of(q);
        auto items = app.moderation.approved(q.who(), kind_query(q.query_value("kind")),
                                             q.query_value("unit_id"), page);
        nlohmann::json out = {{"items", nlohmann::json::array()}, {"next", nullptr}};
        std::vector<std::string> pupils;
        for (const auto& a : items) pupils.push_back(a.submission.pupil_id);
        auto authors = app.moderation.authors_of(pupils);
        for (std::size_t i = 0; i < items.size(); ++i)
          out["items"].push_back(approved_json(items[i], authors[i]));
        if (static_cast<int>(items.size()) == page.limit)
          out["next"] = items.back().submission.created_at + "|" + items.back().submission.id;
        return Response::json(200, out);
      },
      doc("Approved children's words of my units and those below them, newest first, to compile "
          "into a recommendation: the redacted text where parts were hidden, the author's "
          "pseudonym and age band, and whether a recommendation already quotes it. Filters: "
          "`kind`, `unit_id` (one of my units and those below it). The listing is audited.",
          "moderation", Permission::kManageRecommendations)
          .reads(page_query())
          .reads(kItemFilters)
          .returns(page_schema(approved_schema())));

  r.add(
      "GET", "/api/v1/moderation/items/{id}",
      [&app](Request& q) {
        return Response::json(200,
                              item_json(app, app.moderation.item(q.who(), q.param("id")), true));
      },
      doc("One item with its text and the screener's spans (this view is audited).", "moderation",
          moderate)
          .returns(item_schema()));

  r.add(
      "POST", "/api/v1/moderation/items/{id}/claim",
      [&app](Request& q) {
        return Response::json(200,
                              item_json(app, app.moderation.claim(q.who(), q.param("id")), true));
      },
      [] {
        auto d = doc("Claim an item for 10 minutes; returns its version.", "moderation",
                     Permission::kModerate);
        d.responses["409"] = {{"description", "claimed_by_other or already_decided"}};
        return d.returns(item_schema());
      }());

  r.add(
      "POST", "/api/v1/moderation/items/{id}/decision",
      [&app](Request& q) {
        Fields f(q, kDecision);
        const auto decision = moderator_decision(f.text("decision"));
        if (!decision)
          throw Invalid("decision",
                        "decision is approve, approve_redacted, return, reject or escalate.");
        moderation::Decision d{*decision,
                               f.integer("version"),
                               f.optional_text("reason").value_or(""),
                               f.optional_text("note").value_or(""),
                               {},
                               {}};
        auto wrong = f.optional_json("wrong_flags").value_or(nlohmann::json::array());
        if (!wrong.is_array() || wrong.size() > 4)
          throw Invalid("wrong_flags", "wrong_flags is a list of at most 4 labels.");
        for (const auto& label : wrong) {
          if (!label.is_string() || label.get<std::string>().size() > 32)
            throw Invalid("wrong_flags", "Each wrong flag is a label the screener gave.");
          const auto flag = screener_label(label.get<std::string>());
          if (!flag)
            throw Invalid("wrong_flags",
                          "Only a label the screener gave this text can be wrong: one of "
                          "disclosure, personal_info, rude or spam.");
          d.wrong_flags.push_back(*flag);
        }
        auto ranges = f.optional_json("redactions").value_or(nlohmann::json::array());
        if (!ranges.is_array() || ranges.size() > 200)
          throw Invalid("redactions", "redactions is a list of [start, end].");
        for (const auto& range : ranges) {
          if (!range.is_array() || range.size() != 2 || !range[0].is_number_unsigned() ||
              !range[1].is_number_unsigned())
            throw Invalid("redactions", "Each redaction is [start, end] in characters.");
          d.redactions.push_back({range[0].get<std::size_t>(), range[1].get<std::size_t>()});
        }
        return Response::json(
            200, item_json(app, app.moderation.decide(q.who(), q.param("id"), d), true));
      },
      [] {
        auto d =
            doc("Decide: approve, approve_redacted (with redactions), return (reason), reject "
                "(reason) or "
                "escalate to safeguarding. `wrong_flags` names labels the screener gave that were "
                "wrong (what it learns from).",
                "moderation", Permission::kModerate, kDecision);
        d.responses["409"] = {{"description", "not_claimed or stale_version"}};
        return d.returns(item_schema());
      }());
}

}  // namespace ln::api
