#include "consult/events.h"

#include <algorithm>

#include "base/crypto.h"
#include "base/errors.h"
#include "base/validate.h"
#include "consult/age_bands.h"

namespace ln {

CouncilEvent Events::record(const Principal& actor, const EventInput& in) {
  auto unit = storage_.organisation().unit(in.unit_id);
  if (!unit || unit->retired_at) throw Invalid("unit_id", "There is no such unit.");
  if (!organisation_.covers(actor, unit->id))
    throw Invalid("unit_id", "That unit is not one of yours.");
  clean_date("held_on", in.held_on);
  CouncilEvent e;
  e.id = new_id("evt");
  e.unit_id = unit->id;
  e.kind = in.kind;
  e.title = clean_text("title", in.title, 1, 300);
  e.held_on = in.held_on;
  for (const auto& entry : in.participants) {
    const std::string& band = entry.first;
    const auto n = entry.second;
    if (!is_band(band))
      throw Invalid("participants." + band.substr(0, 40), "Unknown age band " + band + ".");
    if (n < 0 || n > 100000)
      throw Invalid("participants." + band, "A number of children, 0 to 100000.");
    e.participants_by_band[band] = n;
    e.participants += n;
  }
  if (e.participants == 0)
    throw Invalid("participants", "Count the children who took part, by age band.");
  if (in.outcomes.size() > 50) throw Invalid("outcomes", "At most 50 outcomes.");
  for (const auto& o : in.outcomes) e.outcomes.push_back(clean_text("outcomes", o, 1, 2000));
  if (in.council_id) {
    auto c = storage_.councils().council(*in.council_id);
    if (!c || !organisation_.covers(actor, c->unit_id))
      throw Invalid("council_id", "There is no such Council of yours.");
    e.council_id = c->id;
  }
  e.created_by = actor.id;
  e.created_at = clock_.now_text();
  atomically(storage_, [&] {
    storage_.councils().insert_event(e);
    audit_.record(AuditActor::of(actor), "event.record", "event", e.id, "",
                  {{"kind", word(e.kind)}, {"participants", e.participants}});
  });
  return e;
}

CouncilEvent Events::get(const Principal& actor, const std::string& id) {
  auto e = storage_.councils().event(id);
  if (!e || !organisation_.covers(actor, e->unit_id)) throw NotFound("No such event.");
  return *e;
}

std::vector<CouncilEvent> Events::list(const Principal& actor,
                                       const std::optional<std::string>& unit_id,
                                       const std::string& from, const std::string& to) {
  clean_date("from", from);
  clean_date("to", to);
  std::vector<std::string> units;
  if (unit_id) {
    if (!storage_.organisation().unit(*unit_id) || !organisation_.covers(actor, *unit_id))
      throw NotFound("No such unit.");
    units.push_back(*unit_id);
  } else if (actor.is_admin()) {
    throw Invalid("unit_id", "Name the unit (unit_id).");
  } else {
    units = actor.unit_ids;
  }
  std::vector<CouncilEvent> out;
  for (const auto& u : units)
    for (auto& e : storage_.councils().events_in(u, from, to))
      if (std::none_of(out.begin(), out.end(), [&](const CouncilEvent& x) { return x.id == e.id; }))
        out.push_back(std::move(e));
  std::sort(out.begin(), out.end(), [](const CouncilEvent& a, const CouncilEvent& b) {
    return std::tie(a.held_on, a.id) < std::tie(b.held_on, b.id);
  });
  return out;
}

}  // namespace ln
