#include "consult/targets.h"

#include <tuple>

#include "base/crypto.h"
#include "base/errors.h"

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
    auto& d = p.published;
    // One stretch of the period, from `from` to `until`. When its children are the respondents
    // of a consultation held there, the consultation's results count the same children by
    // channel: what they hide is hidden here, and what they show protects nothing hidden here.
    auto add = [&](const std::string& at, const Participation& n, ProgressFigures& f,
                   const std::string& from, const std::string& until) {
      f.counts = n;
      f.online = d.add(at + "online_children", n.online_children);
      f.paper = d.add(at + "paper_sheets", n.paper_sheets);
      f.forum = d.add(at + "forum_participants", n.forum_participants);
      std::int64_t total = n.online_children + n.paper_sheets + n.forum_participants;
      f.total = d.add(at + "total", total);
      d.sum(f.total, {f.online, f.paper, f.forum});
      if (total == 0) return;
      for (const auto& c : storage_.reports().consultations_held(t.unit_id, from, until)) {
        auto published = consultations_.published_respondents(c);
        if (published.count != total) continue;
        std::string key = at + "consultation/" + c.id + "/";
        d.same(f.total, d.add_fixed(key + "total", total, !published.total));
        auto by = published.by.find("channel");
        for (const auto& [channel, figure, value] :
             {std::tuple{"online", f.online, n.online_children},
              std::tuple{"paper", f.paper, n.paper_sheets},
              std::tuple{"forum", f.forum, n.forum_participants}}) {
          if (by == published.by.end() || !by->second.count(channel)) continue;
          const auto& v = by->second.at(channel);
          if (v && *v != value) continue;  // other children
          d.same(figure, d.add_fixed(key + channel, value, !v));
        }
      }
    };
    ProgressFigures whole;
    add("",
        storage_.consultations().participation(t.unit_id, t.period_start + "T00:00:00Z", to, bands),
        whole, t.period_start + "T00:00:00Z", to);
    p.counts = whole.counts;
    p.online = whole.online;
    p.paper = whole.paper;
    p.forum = whole.forum;
    p.total = whole.total;
    // Year by year: each from the later of 1 January and the period's start, to the earlier of
    // the next 1 January and the day after the period ends.
    int first = std::stoi(t.period_start.substr(0, 4)), last = std::stoi(t.period_end.substr(0, 4));
    std::vector<Publication::Figure> papers, forums;
    for (int y = first; y <= last; ++y) {
      std::string from = std::to_string(y) + "-01-01T00:00:00Z";
      std::string until = std::to_string(y + 1) + "-01-01T00:00:00Z";
      if (y == first) from = t.period_start + "T00:00:00Z";
      if (y == last) until = to;
      ProgressFigures f;
      add("year/" + std::to_string(y) + "/",
          storage_.consultations().participation(t.unit_id, from, until, bands), f, from, until);
      papers.push_back(f.paper);
      forums.push_back(f.forum);
      p.years.emplace_back(y, f);
    }
    d.sum(p.paper, papers);
    d.sum(p.forum, forums);
    d.protect(rule_);
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace ln
