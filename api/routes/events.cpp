// /api/v1/events: forums listening to children's voices, leaders' and school dialogues.
#include "api/http/fields.h"
#include "api/http/route_doc.h"
#include "api/routes/routes.h"
#include "api/views/council_views.h"
#include "api/views/event_views.h"
#include "api/views/views.h"

namespace ln::api {
namespace {

const Shape kNewEvent{
    required("unit_id", id()),
    required("kind", word_of(kEventKinds)),
    required("title", text().length(1, 300)),
    required("held_on", date()),
    required("participants", map_of(integer().range(0, 100000))
                                 .describe("age band → children present (at most 20 bands)")),
    optional("outcomes", list_of(text().length(1, 200)).count(0, 50)),
    optional("council_id", id().describe("the Council that took part"))};

EventInput event_input(const Fields& f) {
  const auto kind = event_kind(f.text("kind"));
  if (!kind) throw Invalid("kind", "kind is forum, leaders_dialogue or school_dialogue.");
  EventInput in{f.text("unit_id"),
                *kind,
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
        Fields f(q, kNewEvent);
        return Response::json(201, event_json(app.events.record(q.who(), event_input(f))));
      },
      doc("Record an event: forum (Diễn đàn lắng nghe tiếng nói trẻ em), leaders_dialogue or "
          "school_dialogue, with the children present by age band and what it produced.",
          "events", Permission::kManageEvents, kNewEvent, 201)
          .returns(event_schema()));

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
          "events", Permission::kReadResults)
          .reads({query("unit_id", id(), "a unit of mine (default: all of mine)"),
                  query("year", text().pattern("^[0-9]{4}(-H[12])?$"), "2026 or 2026-H1"),
                  query("from", date(), "first day"),
                  query("to", date(), "day after the last")})
          .returns(Shape{required("items", list_of(Value(event_schema())))}.schema()));

  r.add(
      "GET", "/api/v1/events/{id}",
      [&app](Request& q) {
        return Response::json(200, event_json(app.events.get(q.who(), q.param("id"))));
      },
      doc("One event.", "events", Permission::kReadResults).returns(event_schema()));
}

}  // namespace ln::api
