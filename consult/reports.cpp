#include "consult/reports.h"

#include <algorithm>
#include <map>
#include <set>

#include "base/errors.h"
#include "consult/age_bands.h"
#include "consult/consultations.h"
#include "consult/suppression.h"

namespace ln {

ReportPeriod parse_period(const std::string& text) {
  auto bad = [] {
    return Invalid("period", "period is a year (2026) or a half year (2026-H1, 2026-H2).");
  };
  if (text.size() != 4 && text.size() != 7) throw bad();
  for (std::size_t i = 0; i < 4; ++i)
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) throw bad();
  int year = std::stoi(text.substr(0, 4));
  if (year < 2000 || year > 2100) throw bad();
  std::string y = text.substr(0, 4), next = std::to_string(year + 1);
  if (text.size() == 4) return {text, y + "-01-01", next + "-01-01", year};
  if (text.substr(4) == "-H1") return {text, y + "-01-01", y + "-07-01", year};
  if (text.substr(4) == "-H2") return {text, y + "-07-01", next + "-01-01", year};
  throw bad();
}

Report Reports::report(const Principal& actor, const std::string& unit_id,
                               const std::string& period_text, const std::string& format) {
  auto period = parse_period(period_text);
  auto unit = storage_.organisation().unit(unit_id);
  if (!unit || !organisation_.covers(actor, unit->id)) throw NotFound("No such unit.");
  std::string from = period.from + "T00:00:00Z", to = period.to + "T00:00:00Z";
  auto under = [&](const std::string& u) {
    auto up = storage_.organisation().unit_and_ancestors(u);
    return std::find(up.begin(), up.end(), unit->id) != up.end();
  };

  // Children consulted: age band × gender, every channel together, protected as one table.
  std::vector<std::string> bands;
  for (const auto& b : age_bands()) bands.push_back(b.id);
  std::vector<std::string> gender_list = genders();
  gender_list.push_back("unknown");
  std::map<std::string, std::map<std::string, std::int64_t>> by_band_gender;
  std::map<std::string, std::int64_t> by_channel = {{"online", 0}, {"paper", 0}, {"forum", 0}};
  for (const auto& c : storage_.reports().children_consulted(unit->id, from, to)) {
    std::string g = std::find(gender_list.begin(), gender_list.end(), c.gender) != gender_list.end()
                        ? c.gender
                        : "unknown";
    if (std::find(bands.begin(), bands.end(), c.age_band) == bands.end())
      bands.push_back(c.age_band);  // a band from before the bands were reconfigured
    by_band_gender[c.age_band][g] += c.count;
    by_channel[c.channel] += c.count;
  }
  // Every count of children in the report is a figure of one publication, declared with the
  // sums between them, and protected at once (consult/suppression.h).
  Publication d;
  std::vector<std::vector<Publication::Figure>> cells;  // [band][gender]
  std::vector<Publication::Figure> band_totals, gender_totals;
  for (const auto& b : bands) {
    std::vector<Publication::Figure> row;
    std::int64_t sum = 0;
    for (const auto& g : gender_list) {
      row.push_back(d.add("consulted/" + b + "/" + g, by_band_gender[b][g]));
      sum += by_band_gender[b][g];
    }
    band_totals.push_back(d.add("consulted/age_band/" + b, sum));
    d.sum(band_totals.back(), row);
    cells.push_back(row);
  }
  std::int64_t consulted_all = 0;
  for (std::size_t g = 0; g < gender_list.size(); ++g) {
    std::vector<Publication::Figure> column;
    std::int64_t sum = 0;
    for (std::size_t r = 0; r < bands.size(); ++r) {
      column.push_back(cells[r][g]);
      sum += d.value(cells[r][g]);
    }
    gender_totals.push_back(d.add("consulted/gender/" + gender_list[g], sum));
    d.sum(gender_totals.back(), column);
    consulted_all += sum;
  }
  auto consulted_total = d.add("consulted", consulted_all);
  d.sum(consulted_total, band_totals);
  d.sum(consulted_total, gender_totals);
  std::map<std::string, Publication::Figure> channel_figures;
  std::vector<Publication::Figure> channel_parts;
  for (const auto& [channel, n] : by_channel)
    channel_parts.push_back(channel_figures[channel] = d.add("consulted/channel/" + channel, n));
  d.sum(consulted_total, channel_parts);
  // When the children of the report are the respondents of one consultation, its results count
  // the same groups: what they hide the report hides, and the other way round.
  for (const auto& c : storage_.reports().consultations_held(unit->id, from, to)) {
    auto published = consultations_.published_respondents(c);
    if (published.count != consulted_all || consulted_all == 0) continue;
    std::string at = "consultation/" + c.id + "/";
    auto fixed = [&](const std::string& key, const ShownCount& v) {
      return d.add_fixed(at + key, v.value_or(0), !v);
    };
    // A count of a group the results list, if they list it.
    auto group = [&](const char* dimension, const std::string& g) -> std::optional<ShownCount> {
      auto by = published.by.find(dimension);
      if (by == published.by.end() || !by->second.count(g)) return std::nullopt;
      return by->second.at(g);
    };
    d.same(consulted_total, fixed("total", published.total));
    // A band the consultation did not ask has none of its respondents: a known 0.
    for (std::size_t r = 0; r < bands.size(); ++r)
      d.same(band_totals[r],
             fixed("age_band/" + bands[r], group("age_band", bands[r]).value_or(ShownCount(0))));
    for (std::size_t g = 0; g < gender_list.size(); ++g)
      if (auto n = group("gender", gender_list[g]))
        d.same(gender_totals[g], fixed("gender/" + gender_list[g], *n));
    for (const auto& [channel, f] : channel_figures)
      if (auto n = group("channel", channel)) d.same(f, fixed("channel/" + channel, *n));
  }
  Report out;
  out.unit = *unit;
  out.period = period;
  out.threshold = rule_.threshold();
  // Consultations held (open at some time in the period).
  out.consultations = storage_.reports().consultations_held(unit->id, from, to);

  // Children's submissions by outcome: counts only, small ones hidden.
  std::int64_t received = 0, approved = 0, returned = 0, rejected = 0, escalated = 0;
  for (const auto& s : storage_.reports().submissions(unit->id, from, to)) {
    received += s.count;
    if (is_approved(s.status)) approved += s.count;
    returned += s.returned;
    if (s.status == SubmissionStatus::kRejected) rejected += s.count;
    if (s.queue == Queue::kSafeguarding) escalated += s.count;
  }
  std::map<std::string, Publication::Figure> submission_figures;
  for (const auto& [name, n] : {std::pair<std::string, std::int64_t>{"received", received},
                                {"approved", approved},
                                {"returned", returned},
                                {"rejected", rejected}})
    submission_figures[name] = d.add("submissions/" + name, n);
  // Texts routed to safeguarding move the moment a child discloses harm: read twice while the
  // period runs, the figure (0, then hidden) would tell a teacher that the child they just saw
  // write had done so. It is shown once the period is over.
  submission_figures["escalated"] = to <= clock_.now_text()
                                        ? d.add("submissions/escalated", escalated)
                                        : d.add_fixed("submissions/escalated", escalated, true);

  // Councils: sessions held in the period; fewer than two in the calendar year is a warning.
  for (const auto& c : councils_.councils_under(unit->id)) {
    auto held = councils_.held_between(c, period.from, period.to);
    out.sessions_held += static_cast<std::int64_t>(held.size());
    auto year = councils_.years_of(c, period.year, period.year).front();
    CouncilFigures item{c.id, c.name, c.unit_id, static_cast<std::int64_t>(held.size()), year.held,
                        std::nullopt};
    bool in_term = c.term_start < period.to && c.term_end >= period.from;
    if (year.too_few && in_term) {
      std::string text = c.name + ": " + std::to_string(year.held) + " kỳ họp trong năm " +
                         std::to_string(period.year) + " (ít nhất 2 kỳ/năm) — " +
                         std::to_string(year.held) + " session(s) in " +
                         std::to_string(period.year) +
                         "; a Council should meet at least twice a year.";
      item.warning = text;
    }
    out.councils.push_back(std::move(item));
  }

  // Events: by kind, and the children present by age band (protected).
  auto events = storage_.councils().events_in(unit->id, period.from, period.to);
  auto& by_kind = out.events_by_kind;
  for (const auto k : kEventKinds) by_kind[k] = 0;
  std::vector<std::vector<Publication::Figure>> event_cells;  // [event][band]
  std::vector<Publication::Figure> event_totals, event_band_figures;
  for (const auto& e : events) {
    ++by_kind[e.kind];
    std::vector<Publication::Figure> row;
    std::int64_t sum = 0;
    for (const auto& b : bands) {
      const auto present = e.participants_by_band.find(b);
      const std::int64_t n = present == e.participants_by_band.end() ? 0 : present->second;
      row.push_back(d.add("event/" + e.id + "/" + b, n));
      sum += n;
    }
    event_totals.push_back(d.add("event/" + e.id, sum));
    d.sum(event_totals.back(), row);
    event_cells.push_back(row);
  }
  std::int64_t present_all = 0;
  for (std::size_t b = 0; b < bands.size(); ++b) {
    std::vector<Publication::Figure> column;
    std::int64_t sum = 0;
    for (const auto& row : event_cells) {
      column.push_back(row[b]);
      sum += d.value(row[b]);
    }
    event_band_figures.push_back(d.add("events/age_band/" + bands[b], sum));
    d.sum(event_band_figures.back(), column);
    present_all += sum;
  }
  auto present_total = d.add("events/present", present_all);
  d.sum(present_total, event_totals);
  d.sum(present_total, event_band_figures);
  // Targets of this unit and the units under it, with their progress over their own period.
  // Their progress counts children too, and is published on its own (/targets): taken as it is
  // published there, and tied to the report's channels when it counts the same children.
  for (const auto& p : targets_.progress(actor)) {
    if (!under(p.target.unit_id)) continue;
    out.targets.push_back(p);
    if (p.target.unit_id != unit->id || p.target.kind != "children_consulted") continue;
    std::string at = "target/" + p.target.id + "/";
    auto tie = [&](const std::string& key, const std::string& channel, Publication::Figure f,
                   std::int64_t n) {
      if (n != d.value(channel_figures[channel])) return;
      d.same(channel_figures[channel], d.add_fixed(at + key, n, p.published.hidden(f)));
    };
    // The whole period and each of its years (a report of one year counts that year's children).
    std::vector<std::pair<std::string, ProgressFigures>> stretches = {
        {"", {p.counts, p.online, p.paper, p.forum, p.total}}};
    for (const auto& [year, f] : p.years) stretches.push_back({std::to_string(year) + "/", f});
    for (const auto& [key, f] : stretches) {
      tie(key + "online", "online", f.online, f.counts.online_children);
      tie(key + "paper", "paper", f.paper, f.counts.paper_sheets);
      tie(key + "forum", "forum", f.forum, f.counts.forum_participants);
      if (p.published.value(f.total) == consulted_all)
        d.same(consulted_total,
               d.add_fixed(at + key + "total", consulted_all, p.published.hidden(f.total)));
    }
  }
  d.protect(rule_);

  // The published values.
  auto shown = [&](Publication::Figure f) { return d.shown(f); };
  auto& consulted = out.children_consulted;
  for (std::size_t r = 0; r < bands.size(); ++r) {
    ConsultedRow row{bands[r], {}, shown(band_totals[r])};
    for (auto f : cells[r]) row.counts.push_back(shown(f));
    consulted.rows.push_back(std::move(row));
  }
  for (auto f : gender_totals) consulted.totals.push_back(shown(f));
  consulted.totals.push_back(shown(consulted_total));
  consulted.total = shown(consulted_total);
  consulted.online = shown(channel_figures["online"]);
  consulted.paper = shown(channel_figures["paper"]);
  consulted.forum = shown(channel_figures["forum"]);
  consulted.genders = gender_list;
  out.submissions = {shown(submission_figures["received"]), shown(submission_figures["approved"]),
                     shown(submission_figures["returned"]), shown(submission_figures["rejected"]),
                     shown(submission_figures["escalated"])};
  for (std::size_t i = 0; i < events.size(); ++i)
    out.events.push_back({events[i], shown(event_totals[i])});
  if (!events.empty()) {
    for (std::size_t b = 0; b < bands.size(); ++b)
      out.participants_by_band.push_back({bands[b], shown(event_band_figures[b])});
    out.participants = shown(present_total);
  }

  audit_.record(AuditActor::of(actor), "report.view", "unit", unit->id, "",
                {{"period", period.label}, {"format", format}});
  // Recommendations forwarded in the period from this unit and those under it: answered, overdue
  // now, by status, and each authority's record (received, answered on time, days to answer).
  std::vector<Recommendation> forwarded;
  for (auto& rec : recommendations_.tracker(unit->id)) {
    const std::string day = rec.dispatch_date.value_or(rec.forwarded_at.value_or("").substr(0, 10));
    if (day >= period.from && day < period.to) forwarded.push_back(std::move(rec));
  }
  auto& recs = out.recommendations;
  recs.forwarded = static_cast<std::int64_t>(forwarded.size());
  for (const auto& rec : forwarded) {
    ++recs.by_status[rec.status];
    if (rec.answered_at) ++recs.answered;
    if (rec.overdue) ++recs.overdue_now;
  }
  recs.authorities = recommendations_.figures(forwarded);
  // Children's reactions to the answers: each recommendation's counts are published on its own
  // page and tracker already (hidden there when small), so the totals must not give them away.
  Publication reacted;
  std::vector<Publication::Figure> agree_parts, disagree_parts;
  std::vector<std::pair<const Recommendation*, ReactionCounts>> tallies;
  for (const auto& rec : forwarded) {
    auto tally = recommendations_.reaction_tally(rec);
    if (*tally.agree + *tally.disagree + *tally.question == 0) continue;
    agree_parts.push_back(
        reacted.add_fixed("agree/" + rec.id, *tally.agree, rule_.small(*tally.agree)));
    disagree_parts.push_back(
        reacted.add_fixed("disagree/" + rec.id, *tally.disagree, rule_.small(*tally.disagree)));
    tallies.emplace_back(&rec, tally);
  }
  auto total_of = [&](const std::string& key, const std::vector<Publication::Figure>& parts) {
    std::int64_t sum = 0;
    for (auto f : parts) sum += reacted.value(f);
    auto total = reacted.add(key, sum);
    reacted.sum(total, parts);
    return total;
  };
  auto agree_total = total_of("agree", agree_parts);
  auto disagree_total = total_of("disagree", disagree_parts);
  reacted.protect(rule_);
  for (std::size_t i = 0; i < tallies.size(); ++i)
    recs.reactions.push_back({tallies[i].first->id, tallies[i].first->title,
                              reacted.shown(agree_parts[i]), reacted.shown(disagree_parts[i])});
  recs.agree = reacted.shown(agree_total);
  recs.disagree = reacted.shown(disagree_total);
  out.generated_at = clock_.now_text();
  return out;
}

}  // namespace ln
