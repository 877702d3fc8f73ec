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
  atomically(storage_, [&] {
    storage_.consultations().insert_target(t);
    audit_.record(AuditActor::of(actor), "target.create", "target", t.id);
  });
  return t;
}

std::vector<TargetProgress> Targets::progress(const Principal& actor) {
  std::vector<TargetProgress> out;
  for (const auto& t : storage_.consultations().targets()) {
    if (!organisation_.covers(actor, t.unit_id)) continue;
    auto to = format_time(std::chrono::sys_days(*parse_date(t.period_end)) + std::chrono::days(1));
    std::vector<std::string> bands;
    if (t.kind == "teenagers_participating") bands = {"14-15", "16-17"};
    TargetProgress p;
    p.target = t;
    p.counts = storage_.consultations().participation(t.unit_id, t.period_start + "T00:00:00Z",
                                                      to, bands);
    auto& d = p.published;
    p.online = d.add("online_children", p.counts.online_children);
    p.paper = d.add("paper_sheets", p.counts.paper_sheets);
    p.forum = d.add("forum_participants", p.counts.forum_participants);
    p.total = d.add("total", p.counts.online_children + p.counts.paper_sheets +
                                 p.counts.forum_participants);
    d.sum(p.total, {p.online, p.paper, p.forum});
    d.protect(rule_);
    out.push_back(std::move(p));
  }
  return out;
}

nlohmann::json Targets::to_json(const TargetProgress& p) {
  const auto& d = p.published;
  auto shown = [&](Publication::Figure f) {
    auto v = d.shown(f);
    return v ? nlohmann::json(*v) : nlohmann::json();
  };
  const auto& t = p.target;
  auto total = d.shown(p.total);
  return {{"id", t.id},
          {"unit_id", t.unit_id},
          {"kind", t.kind},
          {"period_start", t.period_start},
          {"period_end", t.period_end},
          {"target", t.target},
          {"progress",
           {{"online_children", shown(p.online)},
            {"paper_sheets", shown(p.paper)},
            {"forum_participants", shown(p.forum)},
            {"total", shown(p.total)},
            {"percent", total ? nlohmann::json(static_cast<double>(*total) * 100.0 /
                                               static_cast<double>(t.target))
                              : nlohmann::json()}}}};
}

nlohmann::json Targets::with_progress(const Principal& actor) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& p : progress(actor)) items.push_back(to_json(p));
  return {{"items", items}};
}

}  // namespace ln
