// /api/v1/moderation: the queues of children's texts, claims and decisions.
#include "api/fields.h"
#include "api/route_doc.h"
#include "api/routes.h"
#include "api/views.h"

namespace ln::api {
namespace {

using Author = moderation::ModerationQueue::Author;

// In lists the child's words stay collapsed: the screener's annotations say what to expect.
// Written field by field: a list page holds 50 of these, and an initializer list would copy
// every value once more.
nlohmann::json item_json(App& app, const Submission& s, bool with_text, const Author& author) {
  auto screening = nlohmann::json::parse(s.screening_json, nullptr, false);
  const std::string review_by = app.moderation.review_by(s);
  nlohmann::json out = nlohmann::json::object();
  out["id"] = s.id;
  out["kind"] = s.kind;
  out["queue"] = or_null(s.queue);
  out["status"] = s.status;
  out["unit_id"] = s.unit_id;
  out["created_at"] = s.created_at;
  out["resent_at"] = or_null(s.resent_at);
  out["late"] = app.moderation.late(s, review_by);
  out["review_by"] = review_by;
  out["first_reviewed_at"] = or_null(s.first_reviewed_at);
  out["alike_from_other_children"] = screening.value("alike_from_other_children", 0);
  out["version"] = s.version;
  auto labels = screening.find("labels");
  out["labels"] =
      labels != screening.end() && labels->is_array() ? *labels : nlohmann::json::array();
  out["claimed_by"] = or_null(s.claimed_by);
  out["claim_expires_at"] = or_null(s.claim_expires_at);
  out["consultation_id"] = or_null(s.consultation_id);
  nlohmann::json& who = out["author"] = nlohmann::json::object();
  who["pseudonym"] = author.pseudonym;
  who["age_band"] = author.age_band;
  if (with_text) {
    out["text"] = s.text;
    out["topic"] = or_null(s.topic);
    out["screening"] = std::move(screening);
    out["decision"] = nlohmann::json::parse(s.decision_json, nullptr, false);
    out["redacted_text"] = or_null(s.redacted_text);
    out["revisions"] = nlohmann::json::parse(s.revisions_json, nullptr, false);
  } else {
    out["text_collapsed"] = true;
  }
  return out;
}

// One item, with its author read for it alone.
nlohmann::json item_json(App& app, const Submission& s, bool with_text) {
  return item_json(app, s, with_text, app.moderation.author_of(s));
}

// What anyone but the author may see: the approved words, never the text as first written.
nlohmann::json approved_json(const ApprovedSubmission& a, const Author& author) {
  const Submission& s = a.submission;
  return {{"id", s.id},
          {"kind", s.kind},
          {"topic", or_null(s.topic)},
          {"unit_id", s.unit_id},
          {"created_at", s.created_at},
          {"text", approved_words(s)},
          {"redacted", s.status == "approved_redacted"},
          {"author", {{"pseudonym", author.pseudonym}, {"age_band", author.age_band}}},
          {"in_recommendation", a.in_recommendation}};
}

nlohmann::json author_schema() {
  return Shape{required("pseudonym", text()), required("age_band", text())}.schema();
}

nlohmann::json item_schema() {
  return Shape{required("id", id()),
               required("kind", text().one_of({"idea", "opinion", "recommendation"})),
               required("queue", text().or_null()),
               required("status", text()),
               required("unit_id", id()),
               required("created_at", timestamp()),
               required("resent_at", timestamp().or_null()),
               required("late", boolean()),
               required("review_by", text()),
               required("first_reviewed_at", timestamp().or_null()),
               required("alike_from_other_children", integer()),
               required("version", integer()),
               required("labels", list_of(any())),
               required("claimed_by", text().or_null()),
               required("claim_expires_at", timestamp().or_null()),
               required("consultation_id", text().or_null()),
               required("author", Value(author_schema())),
               optional("text", text().describe("one item only, never in lists")),
               optional("topic", text().or_null()),
               optional("screening", any().describe("the screener's labels and spans")),
               optional("decision", any()),
               optional("redacted_text", text().or_null()),
               optional("revisions", any()),
               optional("text_collapsed", boolean().describe("lists: the text is left out"))}
      .schema();
}

nlohmann::json approved_schema() {
  return Shape{required("id", id()),
               required("kind", text().one_of({"idea", "opinion", "recommendation"})),
               required("topic", text().or_null()),
               required("unit_id", id()),
               required("created_at", timestamp()),
               required("text", text()),
               required("redacted", boolean()),
               required("author", Value(author_schema())),
               required("in_recommendation", boolean())}
      .schema();
}

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

const std::vector<QueryDoc> kItemFilters = {
    query("kind", text().one_of({"idea", "opinion", "recommendation"}), "only this kind"),
    query("unit_id", id(), "one of my units and those below it")};

}  // namespace

void add_moderation_routes(Router& r, App& app) {
  const auto moderate = Permission::kModerate;

  r.add(
      "GET", "/api/v1/moderation/queues",
      [&app](Request& q) {
        return Response::json(200, {{"items", app.moderation.queues(q.who())}});
      },
      doc("The queues I work, with their size, oldest item and items late for a first review.",
          "moderation", moderate)
          .returns(Shape{required("items", list_of(any()))}.schema()));

  r.add(
      "GET", "/api/v1/moderation/measures",
      [&app](Request& q) {
        return Response::json(200, app.measures.of(q.who(), query_integer(q, "days", 30, 1, 366)));
      },
      doc("For moderators' leads: time to first review and — for safeguarding leads only — to "
          "safeguarding acknowledgement (p50, p90, late, waiting), decisions, and how often "
          "moderators agreed with each screener rule, over the last `days` days (default 30). "
          "Moderators' and admins' figures leave out what the screener sent to safeguarding.",
          "moderation", moderate)
          .reads({query("days", integer().range(1, 366), "default 30")})
          .returns({{"type", "object"}}));

  r.add(
      "GET", "/api/v1/moderation/queues/{queue}/items",
      [&app](Request& q) {
        auto page = page_of(q);
        auto items = app.moderation.items(q.who(), q.param("queue"), page,
                                          {q.query_value("kind"), q.query_value("label")},
                                          q.query_value("unit_id"));
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
        auto items =
            app.moderation.approved(q.who(), q.query_value("kind"), q.query_value("unit_id"), page);
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
        moderation::Decision d{f.text("decision"),
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
          d.wrong_flags.push_back(label.get<std::string>());
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
