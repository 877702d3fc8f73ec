// /api/v1/events: forums listening to children's voices, leaders' and school dialogues.
#include "api/fields.h"
#include "api/route_doc.h"
#include "api/routes.h"
#include "api/views.h"

namespace ln::api {
namespace {

nlohmann::json event_json(const CouncilEvent& e) {
  return {{"id", e.id},
          {"unit_id", e.unit_id},
          {"kind", e.kind},
          {"title", e.title},
          {"held_on", e.held_on},
          {"participants", e.participants},
          {"participants_by_band", nlohmann::json::parse(e.participants_json)},
          {"outcomes", nlohmann::json::parse(e.outcomes_json)},
          {"council_id", or_null(e.council_id)},
          {"created_at", e.created_at}};
}

EventInput event_input(const Fields& f) {
  EventInput in{f.text("unit_id"),
                f.text("kind"),
                f.text("title"),
                f.text("held_on"),
                {},
                {},
                f.optional_text("council_id")};
  auto participants = f.optional_json("participants").value_or(nlohmann::json());
  if (!participants.is_object() || participants.size() > 20)
    throw Invalid("participants", "participants is age band → number of children present.");
  for (const auto& [band, n] : participants.items()) {
    if (!n.is_number_integer())
      throw Invalid("participants." + band.substr(0, 40), "A whole number of children.");
    in.participants[band] = n.get<std::int64_t>();
  }
  in.outcomes = f.optional_texts("outcomes").value_or(std::vector<std::string>{});
  return in;
}

}  // namespace

void add_event_routes(Router& r, App& app) {
  r.add(
      "POST", "/api/v1/events",
      [&app](Request& q) {
        Fields f(q,
                 {"unit_id", "kind", "title", "held_on", "participants", "outcomes", "council_id"});
        return Response::json(201, event_json(app.events.record(q.who(), event_input(f))));
      },
      doc("Record an event: forum (Diễn đàn lắng nghe tiếng nói trẻ em), leaders_dialogue or "
          "school_dialogue, with the children present by age band and what it produced.",
          "events", Permission::kManageEvents,
          {{"type", "object"},
           {"properties",
            {{"unit_id", {{"type", "string"}}},
             {"kind",
              {{"type", "string"}, {"enum", {"forum", "leaders_dialogue", "school_dialogue"}}}},
             {"title", {{"type", "string"}}},
             {"held_on", {{"type", "string"}}},
             {"participants", {{"type", "object"}}},
             {"outcomes", {{"type", "array"}, {"items", {{"type", "string"}}}}},
             {"council_id", {{"type", "string"}}}}},
           {"required", {"unit_id", "kind", "title", "held_on", "participants"}},
           {"additionalProperties", false}},
          201));

  r.add(
      "GET", "/api/v1/events",
      [&app](Request& q) {
        auto year = q.query_value("year");
        std::string from = q.query_value("from").value_or(""),
                    to = q.query_value("to").value_or("");
        if (year) {
          auto period = parse_period(*year);
          from = period.from;
          to = period.to;
        }
        if (from.empty()) from = "2000-01-01";
        if (to.empty()) to = "2101-01-01";
        nlohmann::json items = nlohmann::json::array();
        for (const auto& e : app.events.list(q.who(), q.query_value("unit_id"), from, to))
          items.push_back(event_json(e));
        return Response::json(200, {{"items", items}});
      },
      doc("Events of a unit and the units under it (?unit_id=, ?year=2026 or 2026-H1, or "
          "?from=&to= dates; to is exclusive).",
          "events", Permission::kReadResults));

  r.add(
      "GET", "/api/v1/events/{id}",
      [&app](Request& q) {
        return Response::json(200, event_json(app.events.get(q.who(), q.param("id"))));
      },
      doc("One event.", "events", Permission::kReadResults));
}

}  // namespace ln::api
