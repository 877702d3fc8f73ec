#include "api/views/report_views.h"

#include "api/http/shape.h"
#include "api/views/views.h"
#include "base/csv.h"
#include "consult/suppression.h"

namespace ln::api {
namespace {

using nlohmann::json;

json count(const ShownCount& v) { return v ? json(*v) : json(); }

json counts(const std::vector<ShownCount>& values) {
  json out = json::array();
  for (const auto& v : values) out.push_back(count(v));
  return out;
}

json consulted_json(const ChildrenConsulted& c) {
  json rows = json::array();
  for (const auto& r : c.rows)
    rows.push_back({{"age_band", r.age_band}, {"counts", counts(r.counts)}, {"total", count(r.total)}});
  return {{"total", count(c.total)},
          {"by_channel",
           {{"online", count(c.online)}, {"paper", count(c.paper)}, {"forum", count(c.forum)}}},
          {"genders", c.genders},
          {"rows", rows},
          {"totals", counts(c.totals)},
          {"note",
           "Online: each child once. Paper: each questionnaire. Forum records: children present. "
           "Gender as the child gave it on their answers (unknown for forums)."}};
}

json submissions_json(const SubmissionFigures& s) {
  return {{"received", count(s.received)},
          {"approved", count(s.approved)},
          {"returned", count(s.returned)},
          {"rejected", count(s.rejected)},
          {"escalated", count(s.escalated)}};
}

json councils_json(const Report& r) {
  json items = json::array(), warnings = json::array();
  for (const auto& c : r.councils) {
    json item = {{"id", c.id},
                 {"name", c.name},
                 {"unit_id", c.unit_id},
                 {"sessions_held", c.sessions_held},
                 {"sessions_held_in_year", c.sessions_held_in_year}};
    if (c.warning) {
      item["warning"] = *c.warning;
      warnings.push_back(
          {{"code", "too_few_sessions"}, {"council_id", c.id}, {"message", *c.warning}});
    }
    items.push_back(item);
  }
  return {{"sessions_held", r.sessions_held}, {"items", items}, {"warnings", warnings}};
}

json events_json(const Report& r) {
  json items = json::array(), by_band = json::array();
  for (const auto& x : r.events)
    items.push_back({{"id", x.event.id},
                     {"kind", word(x.event.kind)},
                     {"title", x.event.title},
                     {"held_on", x.event.held_on},
                     {"unit_id", x.event.unit_id},
                     {"participants", count(x.participants)},
                     {"outcomes", x.event.outcomes}});
  for (const auto& b : r.participants_by_band)
    by_band.push_back({{"age_band", b.age_band}, {"participants", count(b.participants)}});
  json by_kind = json::object();
  for (const auto& [kind, held] : r.events_by_kind) by_kind[word(kind)] = held;
  return {{"held", r.events.size()},
          {"by_kind", by_kind},
          {"participants", count(r.participants)},
          {"participants_by_band", by_band},
          {"items", items}};
}

json recommendations_json(const RecommendationFigures& f) {
  json by_status = json::object();
  for (const auto& [status, n] : f.by_status) by_status[std::string(word(status))] = n;
  json authorities = json::array();
  for (const auto& a : f.authorities)
    authorities.push_back({{"authority_id", a.authority_id},
                           {"name", a.name},
                           {"received", a.received},
                           {"answered", a.answered},
                           {"answered_on_time", a.answered_on_time},
                           {"on_time_percent", or_null(a.on_time_percent)},
                           {"median_days_to_answer", or_null(a.median_days_to_answer)},
                           {"overdue_now", a.overdue_now}});
  json items = json::array();
  for (const auto& x : f.reactions)
    items.push_back({{"recommendation_id", x.recommendation_id},
                     {"title", x.title},
                     {"agree", count(x.agree)},
                     {"disagree", count(x.disagree)}});
  return {{"forwarded", f.forwarded},
          {"answered", f.answered},
          {"overdue_now", f.overdue_now},
          {"by_status", by_status},
          {"authorities", authorities},
          {"reactions", {{"agree", count(f.agree)}, {"disagree", count(f.disagree)}, {"items", items}}}};
}

}  // namespace

json report_json(const Report& r) {
  json consultations = json::array();
  for (const auto& c : r.consultations)
    consultations.push_back({{"id", c.id},
                             {"title", c.title},
                             {"status", word(c.status)},
                             {"opens_at", c.opens_at},
                             {"closes_at", c.closes_at}});
  json targets = json::array();
  for (const auto& t : r.targets) targets.push_back(target_json(t));
  return {{"unit", {{"id", r.unit.id}, {"name", r.unit.name}, {"code", r.unit.code.value_or("")}}},
          {"period", r.period.label},
          {"from", r.period.from},
          {"to", r.period.to},
          {"generated_at", r.generated_at},
          {"threshold", r.threshold},
          {"children_consulted", consulted_json(r.children_consulted)},
          {"consultations", {{"held", consultations.size()}, {"items", consultations}}},
          {"submissions", submissions_json(r.submissions)},
          {"councils", councils_json(r)},
          {"events", events_json(r)},
          {"recommendations", recommendations_json(r.recommendations)},
          {"targets", targets}};
}

std::string report_csv(const Report& report) {
  // A hidden count reads as in the JSON's null: hidden, never a number.
  const json r = report_json(report);
  auto value = [&](const json& v) {
    if (v.is_null()) return std::string(kHiddenFigure);
    if (v.is_string()) return v.get<std::string>();
    return v.dump();
  };
  std::string out = "\xEF\xBB\xBF";
  auto line = [&](const std::string& section, const std::string& metric, const std::string& group,
                  const json& v) {
    out += csv_field(section) + "," + csv_field(metric) + "," + csv_field(group) + "," +
           csv_field(value(v)) + "\r\n";
  };
  out += "section,metric,group,value\r\n";
  line("report", "unit", report.unit.name, report.unit.id);
  line("report", "period", "", report.period.label);
  line("report", "min_group_size", "", report.threshold);
  const auto& cc = r["children_consulted"];
  line("children_consulted", "total", "", cc["total"]);
  for (const auto& [channel, v] : cc["by_channel"].items())
    line("children_consulted", "by_channel", channel, v);
  const auto& genders = report.children_consulted.genders;
  for (const auto& row : report.children_consulted.rows) {
    for (std::size_t g = 0; g < genders.size(); ++g)
      line("children_consulted", "age_band_gender", row.age_band + "/" + genders[g],
           count(row.counts[g]));
    line("children_consulted", "age_band", row.age_band, count(row.total));
  }
  for (std::size_t g = 0; g < genders.size(); ++g)
    line("children_consulted", "gender", genders[g], count(report.children_consulted.totals[g]));
  line("consultations", "held", "", report.consultations.size());
  for (const auto& c : r["consultations"]["items"])
    line("consultations", "consultation", c["title"], c["status"]);
  for (const auto& [k, v] : r["submissions"].items()) line("submissions", k, "", v);
  line("councils", "sessions_held", "", report.sessions_held);
  for (const auto& c : report.councils) {
    line("councils", "sessions_held", c.name, c.sessions_held);
    line("councils", "sessions_held_in_year", c.name, c.sessions_held_in_year);
    if (c.warning) line("councils", "warning", c.name, *c.warning);
  }
  line("events", "held", "", report.events.size());
  for (const auto& [k, v] : report.events_by_kind) line("events", "held", std::string(word(k)), v);
  line("events", "participants", "", count(report.participants));
  for (const auto& b : report.participants_by_band)
    line("events", "participants", b.age_band, count(b.participants));
  const auto& f = report.recommendations;
  line("recommendations", "forwarded", "", f.forwarded);
  line("recommendations", "answered", "", f.answered);
  line("recommendations", "overdue_now", "", f.overdue_now);
  line("recommendations", "children_agreed", "", count(f.agree));
  line("recommendations", "children_disagreed", "", count(f.disagree));
  for (const auto& x : f.reactions) {
    line("recommendations", "children_agreed", x.title, count(x.agree));
    line("recommendations", "children_disagreed", x.title, count(x.disagree));
  }
  for (const auto& a : f.authorities) {
    line("recommendations", "received", a.name, a.received);
    line("recommendations", "answered_on_time", a.name, a.answered_on_time);
  }
  for (const auto& t : report.targets) {
    std::string group = t.target.kind + " " + t.target.period_start + ".." + t.target.period_end;
    line("targets", "target", group, t.target.target);
    line("targets", "progress", group, count(t.published.shown(t.total)));
  }
  return out;
}

json target_json(const TargetProgress& p) {
  const auto& d = p.published;
  auto shown = [&](Publication::Figure f) { return count(d.shown(f)); };
  const auto& t = p.target;
  auto total = d.shown(p.total);
  json years = json::array();
  for (const auto& [year, f] : p.years)
    years.push_back({{"year", year},
                     {"online_children", shown(f.online)},
                     {"paper_sheets", shown(f.paper)},
                     {"forum_participants", shown(f.forum)},
                     {"total", shown(f.total)}});
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
            {"percent", total ? json(static_cast<double>(*total) * 100.0 /
                                     static_cast<double>(t.target))
                              : json()}}},
          {"years", years}};
}

json targets_json(const std::vector<TargetProgress>& targets) {
  json items = json::array();
  for (const auto& p : targets) items.push_back(target_json(p));
  return {{"items", items}};
}

namespace {

Value shown_count() { return integer().or_null().describe("null when hidden"); }

Shape target_shape() {
  Shape counts{required("online_children", shown_count()), required("paper_sheets", shown_count()),
               required("forum_participants", shown_count()), required("total", shown_count())};
  return Shape{required("id", id()),
               required("unit_id", id()),
               required("kind", text()),
               required("period_start", date()),
               required("period_end", date()),
               required("target", integer()),
               required("progress", object_of(counts.with({required(
                                        "percent", number().or_null())}))),
               required("years", list_of(object_of(counts.with({required("year", integer())}))))};
}

}  // namespace

json targets_schema() { return Shape{required("items", list_of(object_of(target_shape())))}.schema(); }

json report_schema() {
  auto object = [](std::initializer_list<const char*> keys) {
    json out = {{"type", "object"}, {"required", json::array()}};
    for (const char* k : keys) out["required"].push_back(k);
    return Value(out);
  };
  return Shape{required("unit", object_of(Shape{required("id", id()), required("name", text()),
                                               required("code", text())})),
               required("period", text()),
               required("from", date()),
               required("to", date()),
               required("generated_at", timestamp()),
               required("threshold", integer().describe("the minimum group size")),
               required("children_consulted",
                        object({"total", "by_channel", "genders", "rows", "totals", "note"})),
               required("consultations", object_of(Shape{required("held", integer()),
                                                         required("items", list_of(any()))})),
               required("submissions",
                        object_of(Shape{required("received", shown_count()),
                                        required("approved", shown_count()),
                                        required("returned", shown_count()),
                                        required("rejected", shown_count()),
                                        required("escalated", shown_count())})),
               required("councils", object({"sessions_held", "items", "warnings"})),
               required("events", object({"held", "by_kind", "participants",
                                          "participants_by_band", "items"})),
               required("recommendations", object({"forwarded", "answered", "overdue_now",
                                                   "by_status", "authorities", "reactions"})),
               required("targets", list_of(object_of(target_shape())))}
      .schema();
}

}  // namespace ln::api
