#include "consult/targets.h"

#include "consult/crypto.h"
#include "consult/errors.h"

namespace ln {

Target Targets::create(const Principal& actor, const TargetInput& input) {
  if (!storage_.organisation().unit(input.unit_id))
    throw Invalid("unit_id", "There is no such unit.");
  if (input.kind != "children_consulted" && input.kind != "teenagers_participating")
    throw Invalid("kind", "kind is children_consulted or teenagers_participating.");
  auto start = parse_date(input.period_start), end = parse_date(input.period_end);
  if (!start) throw Invalid("period_start", "period_start must be a date written YYYY-MM-DD.");
  if (!end) throw Invalid("period_end", "period_end must be a date written YYYY-MM-DD.");
  if (input.period_end < input.period_start)
    throw Invalid("period_end", "The period ends before it starts.");
  if (input.target < 1 || input.target > 100000000)
    throw Invalid("target", "target must be between 1 and 100,000,000.");
  Target t{new_id("tgt"),    input.unit_id, input.kind, input.period_start,
           input.period_end, input.target,  actor.id,   clock_.now_text()};
  storage_.consultations().insert_target(t);
  audit_.record(AuditActor::of(actor), "target.create", "target", t.id);
  return t;
}

nlohmann::json Targets::with_progress(const Principal& actor) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& t : storage_.consultations().targets()) {
    if (!organisation_.covers(actor, t.unit_id)) continue;
    auto to = format_time(std::chrono::sys_days(*parse_date(t.period_end)) + std::chrono::days(1));
    std::vector<std::string> bands;
    if (t.kind == "teenagers_participating") bands = {"14-15", "16-17"};
    auto p =
        storage_.consultations().participation(t.unit_id, t.period_start + "T00:00:00Z", to, bands);
    std::int64_t total = p.online_children + p.paper_sheets + p.forum_participants;
    items.push_back(
        {{"id", t.id},
         {"unit_id", t.unit_id},
         {"kind", t.kind},
         {"period_start", t.period_start},
         {"period_end", t.period_end},
         {"target", t.target},
         {"progress",
          {{"online_children", p.online_children},
           {"paper_sheets", p.paper_sheets},
           {"forum_participants", p.forum_participants},
           {"total", total},
           {"percent", static_cast<double>(total) * 100.0 / static_cast<double>(t.target)}}}});
  }
  return {{"items", items}};
}

}  // namespace ln
