// A consultation's published counts: results (with their breakdowns), the CSV of them,
// representativeness, and the approved words of its free-text answers. Every count children can be
// found in goes through one Publication per consultation (consult/suppression.h), so a count hidden
// in one is never given away by another.
#include <algorithm>
#include <map>
#include <set>
#include <string_view>

#include "consult/consultations.h"

#include "base/csv.h"

namespace ln {
namespace {

// While children are still answering, what they answered is not shown, only how many answered:
// two readings a moment apart would differ by one child's answer alone (a group of one,
// whatever protect() hides in each), and a new quote would be the words of the child just seen
// answering. (A closed consultation's closing time cannot move; a published one's can, even
// after it has passed, so "closed" is the status, not the time.)
bool still_answering(const Consultation& c) {
  return c.status == ConsultationStatus::kPublished;
}

std::string pick(const Wording& w, const std::string& band) {
  auto it = w.find(band);
  return it == w.end() ? std::string() : it->second;
}

std::string_view group_value(const ResultCounter& c, const std::string& dimension) {
  if (dimension == "age_band") return c.age_band;
  if (dimension == "gender") return c.gender;
  if (dimension == "unit") return c.unit_id;
  return word(c.channel);
}

// Counts summed by answer key, then by group. The keys are views into the counters read for one
// results request, which outlive the tables: no string is copied per counter.
using CountRow = std::map<std::string_view, std::int64_t, std::less<>>;
using CountTable = std::map<std::string_view, CountRow, std::less<>>;

const CountRow& row_of(const CountTable& t, std::string_view key) {
  static const CountRow kNone;
  auto it = t.find(key);
  return it == t.end() ? kNone : it->second;
}

std::int64_t count_in(const CountRow& row, std::string_view group) {
  auto it = row.find(group);
  return it == row.end() ? 0 : it->second;
}

ShownCount shown(const Publication& d, Publication::Figure f) { return d.shown(f); }

const std::vector<std::string> kDimensions = {"age_band", "gender", "unit", "channel"};

// The groups a breakdown always lists, whether or not anyone of them answered: a group left out
// would be a zero shown beside the others, telling that nobody of it answered.
std::vector<std::string> every_group(const Consultation& c, const std::string& dimension) {
  if (dimension == "age_band") return c.audience_bands;
  if (dimension == "gender") {
    auto list = genders();
    list.push_back("unknown");  // left out by the child
    return list;
  }
  if (dimension == "channel")
    return {std::string(word(Channel::kOnline)), std::string(word(Channel::kPaper)),
            std::string(word(Channel::kForum))};
  return {};  // units: those answers came from
}

}  // namespace

std::shared_ptr<const ComputedResults> Consultations::computed(const Consultation& c) {
  auto kept = results_.find(c);
  if (!kept) {
    kept = std::make_shared<const ComputedResults>(compute_results(c));
    results_.keep(c, kept);
  }
  return kept;
}

ConsultationResults Consultations::results(const Principal& actor, const std::string& id) {
  Consultation c = readable(actor, id);
  auto kept = computed(c);
  if (!still_answering(c)) return kept->results;  // copied outside the cache's lock
  ConsultationResults so_far = kept->results;
  so_far.questions.clear();
  return so_far;
}

PublishedRespondents Consultations::published_respondents(const Consultation& c) {
  return computed(c)->respondents;
}

ClassesAnswered Consultations::class_answers(const Principal& actor, const std::string& id) {
  Consultation c = readable(actor, id);
  auto kept = computed(c);
  const auto& counted = kept->classes;
  ClassesAnswered out{c.id, c.status, rule_.threshold(), {}};
  for (const auto& k :
       every_page([&](const Page& page) { return organisation_.classes(actor, page); })) {
    if (k.retired_at || !in_audience(c, k.unit_id)) continue;
    auto it = counted.find(k.id);
    out.classes.push_back(
        {k.id, k.school_id, k.name, k.grade, it == counted.end() ? ShownCount(0) : it->second});
  }
  return out;
}

ShownCount Consultations::published_total(const Consultation& c) {
  if (c.status == ConsultationStatus::kDraft) return 0;
  return published_respondents(c).total;
}

ComputedResults Consultations::compute_results(const Consultation& c) {
  const auto& questions = *c.questions;
  auto counters = storage_.consultations().counters(c.id);
  std::string band0 = c.audience_bands.empty() ? "16-17" : c.audience_bands.back();

  // Each question's counters, found once (a consultation with millions of answers has thousands
  // of counter cells, and every question reads its own five times).
  std::map<std::string, std::vector<const ResultCounter*>> by_question;
  for (const auto& k : counters) by_question[k.question_id].push_back(&k);
  // Sum counters into (question, key) → group → count for one dimension.
  auto table = [&](const std::string& question, const std::string& dimension) {
    CountTable t;
    auto it = by_question.find(question);
    if (it == by_question.end()) return t;
    for (const auto* k : it->second) t[k->option_key][group_value(*k, dimension)] += k->count;
    return t;
  };

  // First every figure and every sum between them, then the protection, then the JSON.
  Publication d;
  std::int64_t respondents = 0;
  const auto by_channel = table("_all", "channel");
  for (const auto& [group, n] : row_of(by_channel, "_respondents")) respondents += n;
  auto all = d.add("respondents", respondents);
  std::map<std::string, std::vector<std::pair<std::string, Publication::Figure>>> respondents_by;
  for (const std::string dimension : {"age_band", "unit", "gender", "channel"}) {
    std::vector<Publication::Figure> parts;
    const auto by_group = table("_all", dimension);
    std::set<std::string> groups;
    for (const auto& g : every_group(c, dimension)) groups.insert(g);
    for (const auto& [group, n] : row_of(by_group, "_respondents")) groups.emplace(group);
    for (const auto& group : groups) {
      auto f = d.add("respondents/" + dimension + "/" + group,
                     count_in(row_of(by_group, "_respondents"), group));
      respondents_by[dimension].push_back({group, f});
      parts.push_back(f);
    }
    d.sum(all, parts);
  }

  struct Breakdown {
    std::vector<std::string> groups;
    std::vector<std::vector<Publication::Figure>> cells;  // [key][group]
    std::vector<Publication::Figure> totals;              // [group]
  };
  struct QuestionFigures {
    std::vector<ResultRow> rows;
    std::vector<std::string> keys;  // the counter key of each row
    Publication::Figure answered{};
    std::vector<Publication::Figure> options;  // [key]
    std::map<std::string, Breakdown> breakdowns;
    CountTable by_channel;
  };
  std::vector<QuestionFigures> figures;
  for (const auto& q : questions) {
    QuestionFigures qf;
    std::string at = "q/" + q.id + "/";
    // Rows: the answer keys a question can take.
    qf.rows = result_rows(q, band0);
    for (const auto& row : qf.rows) qf.keys.push_back(row.counter_key);
    qf.by_channel = table(q.id, "channel");
    std::int64_t answered = 0;
    for (const auto& [g, n] : row_of(qf.by_channel, "_answered")) answered += n;
    qf.answered = d.add(at + "answered", answered);
    for (const auto& key : qf.keys) {
      std::int64_t total = 0;
      for (const auto& [g, n] : row_of(qf.by_channel, key)) total += n;
      qf.options.push_back(d.add(at + "key/" + key, total));
    }
    if (one_key_each(q.type) && !qf.keys.empty()) d.sum(qf.answered, qf.options);
    // Breakdowns: keys × groups, each row adding up to the option's count, each column to the
    // group's count; with one key each, a column is the group's number of answers, which is its
    // number of respondents when nobody skipped the question.
    bool nobody_skipped = answered == respondents;
    for (const auto& dimension : kDimensions) {
      Breakdown b;
      if (qf.keys.empty()) {  // text answers have no rows
        qf.breakdowns[dimension] = b;
        continue;
      }
      auto td = table(q.id, dimension);
      std::set<std::string> group_set;
      for (const auto& g : every_group(c, dimension)) group_set.insert(g);
      for (const auto& key : qf.keys)
        for (const auto& [g, n] : row_of(td, key)) group_set.emplace(g);
      for (const auto& [g, n] : row_of(td, "_answered")) group_set.emplace(g);
      b.groups.assign(group_set.begin(), group_set.end());
      std::string in = at + dimension + "/";
      for (std::size_t k = 0; k < qf.keys.size(); ++k) {
        std::vector<Publication::Figure> row;
        for (const auto& g : b.groups)
          row.push_back(d.add(in + qf.keys[k] + "/" + g, count_in(row_of(td, qf.keys[k]), g)));
        d.sum(qf.options[k], row);
        b.cells.push_back(row);
      }
      for (std::size_t g = 0; g < b.groups.size(); ++g) {
        std::int64_t total = 0;
        std::vector<Publication::Figure> column;
        for (std::size_t k = 0; k < qf.keys.size(); ++k) {
          total += d.value(b.cells[k][g]);
          column.push_back(b.cells[k][g]);
        }
        b.totals.push_back(d.add(in + "total/" + b.groups[g], total));
        d.sum(b.totals.back(), column);
      }
      if (one_key_each(q.type)) {
        d.sum(qf.answered, b.totals);
        if (nobody_skipped)
          for (std::size_t g = 0; g < b.groups.size(); ++g)
            d.same(b.totals[g],
                   d.add("respondents/" + dimension + "/" + b.groups[g], d.value(b.totals[g])));
      }
      qf.breakdowns[dimension] = std::move(b);
    }
    figures.push_back(std::move(qf));
  }
  d.protect(rule_);

  // Online answers by class, for the facilitators of those classes, protected against these
  // results: a unit's respondents (shown or hidden as above) are its classes plus the rest —
  // paper and forum sheets, pupils no longer on record — and that rest is taken as known, since
  // whoever typed the sheets in knows it. So a class is hidden when small, and another with it
  // when the unit's count would give it away; the results themselves are not changed.
  Publication by_class;
  std::map<std::string, std::vector<std::pair<std::string, Publication::Figure>>> class_figures;
  std::map<std::string, std::vector<const ClassAnswers*>> classes_in;
  const auto class_counts = storage_.consultations().answers_by_class(c.id);
  for (const auto& a : class_counts)
    if (!a.class_id.empty()) classes_in[a.unit_id].push_back(&a);
  for (const auto& [unit, list] : classes_in) {
    std::vector<Publication::Figure> parts;
    std::int64_t placed = 0;
    for (const auto* a : list) {
      auto f = by_class.add("class/" + unit + "/" + a->class_id, a->answered);
      class_figures[a->class_id].push_back({unit, f});
      parts.push_back(f);
      placed += a->answered;
    }
    auto unit_figure = d.find("respondents/unit/" + unit);
    if (!unit_figure) {  // answers newer than the counters read above: shown at the next read
      for (auto f : parts) by_class.hide(f);
      continue;
    }
    auto whole = by_class.add_fixed("unit/" + unit, d.value(*unit_figure), d.hidden(*unit_figure));
    parts.push_back(by_class.add_fixed(
        "rest/" + unit, std::max<std::int64_t>(0, d.value(*unit_figure) - placed), false));
    by_class.sum(whole, parts);
  }
  by_class.protect(rule_);

  ComputedResults out;
  out.results = {c.id, c.title, c.status, rule_.threshold(), shown(d, all), {}};
  for (std::size_t qi = 0; qi < questions.size(); ++qi) {
    const auto& q = questions[qi];
    const auto& qf = figures[qi];
    QuestionResult r{q.id,         q.type, pick(q.text, band0), shown(d, qf.answered), {},
                     std::nullopt, std::nullopt, {}};
    bool all_shown = !d.hidden(qf.answered);
    for (std::size_t i = 0; i < qf.rows.size(); ++i) {
      all_shown = all_shown && !d.hidden(qf.options[i]);
      r.options.push_back({qf.rows[i].key, qf.rows[i].text, shown(d, qf.options[i])});
    }
    // A mean or a score is a sum of the counts weighted by their points: with one count hidden
    // it would give that count back, so they are shown only when every count is.
    std::int64_t answered = d.value(qf.answered);
    auto summary = result_summary(q.type);
    if (summary == ResultSummary::kMean && all_shown) {
      double sum = 0;
      for (std::size_t i = 0; i < qf.options.size(); ++i)
        sum += static_cast<double>(static_cast<std::int64_t>(i + 1) * d.value(qf.options[i]));
      r.mean = answered ? sum / static_cast<double>(answered) : 0.0;
    }
    if (summary == ResultSummary::kScores && all_shown) {
      r.scores.emplace();
      for (const auto& o : q.options) {
        std::int64_t score = 0;
        for (int pos = 1; pos <= q.rank_count; ++pos)
          for (const auto& [g, n] : row_of(qf.by_channel, o.id + "@" + std::to_string(pos)))
            score += n * (q.rank_count - pos + 1);
        r.scores->push_back({o.id, pick(o.text, band0), score});
      }
    }
    for (const auto& dimension : kDimensions) {
      const auto& b = qf.breakdowns.at(dimension);
      ln::Breakdown shown_b{b.groups, {}, {}};
      if (!b.groups.empty()) {
        for (std::size_t k = 0; k < qf.keys.size(); ++k) {
          BreakdownRow row{r.options[k].key, {}, shown(d, qf.options[k])};
          for (auto f : b.cells[k]) row.counts.push_back(shown(d, f));
          shown_b.rows.push_back(std::move(row));
        }
        for (auto f : b.totals) shown_b.totals.push_back(shown(d, f));
      }
      r.breakdowns[dimension] = std::move(shown_b);
    }
    out.results.questions.push_back(std::move(r));
  }

  out.respondents.total = shown(d, all);
  out.respondents.count = respondents;
  for (const auto& [dimension, list] : respondents_by)
    for (const auto& [group, f] : list) out.respondents.by[dimension][group] = shown(d, f);
  // A class counted under two units (its school moved) is shown only when both counts are.
  for (const auto& [class_id, list] : class_figures) {
    std::optional<std::int64_t> sum = 0;
    for (const auto& [unit, f] : list) {
      auto v = by_class.shown(f);
      sum = sum && v ? std::optional<std::int64_t>(*sum + *v) : std::nullopt;
    }
    out.classes[class_id] = sum;
  }
  return out;
}

std::string Consultations::results_csv(const Principal& actor, const std::string& id) {
  auto r = results(actor, id);
  // Every cell through the one CSV writer: quoted, and never read as a spreadsheet formula.
  auto quote = [](std::string_view s) { return csv_field(std::string(s)); };
  // A hidden count reads as in the JSON's null: hidden, never a number.
  auto value = [](const ShownCount& v) {
    return v ? std::to_string(*v) : std::string(kHiddenFigure);
  };
  std::string minimum = std::to_string(rule_.threshold());
  std::string csv = "\xEF\xBB\xBF";  // a BOM, so spreadsheets read Vietnamese as UTF-8
  csv += "question_id,question,type,answer,count,answered,min_group_size\r\n";
  for (const auto& q : r.questions)
    for (const auto& o : q.options)
      csv += quote(q.id) + "," + quote(q.text) + "," + quote(word(q.type)) + "," + quote(o.text) +
             "," + value(o.count) + "," + value(q.answered) + "," + minimum + "\r\n";
  return csv;
}

Representativeness Consultations::representativeness(const Principal& actor,
                                                     const std::string& id) {
  Consultation c = readable(actor, id);
  // The respondents as the results protect them (the same publication).
  const auto answered = published_respondents(c);

  // Enrolment: pupils of the audience's bands in its units, protected as a table of its own.
  auto enrolment = storage_.consultations().enrolment(c.audience_unit_ids);
  std::map<std::string, std::int64_t> enrolled_band, enrolled_unit;
  std::int64_t enrolled_all = 0;
  for (const auto& e : enrolment)
    if (std::find(c.audience_bands.begin(), c.audience_bands.end(), e.age_band) !=
        c.audience_bands.end()) {
      enrolled_band[e.age_band] += e.pupils;
      enrolled_unit[e.unit_id] += e.pupils;
      enrolled_all += e.pupils;
    }
  // No group has more respondents than pupils: a shown enrolment bounds the group's respondents
  // (a shown 0 gives away a hidden 0), so where the respondents are hidden, so is the enrolment.
  Publication enrolled;
  auto total = enrolled.add("enrolled", enrolled_all);
  std::map<std::string, std::map<std::string, Publication::Figure>> enrolled_by;
  for (const auto& [dimension, base] :
       {std::pair<std::string, const std::map<std::string, std::int64_t>*>{"age_band",
                                                                           &enrolled_band},
        {"unit", &enrolled_unit}}) {
    std::set<std::string> groups;
    for (const auto& [k, n] : *base) groups.insert(k);
    auto by = answered.by.find(dimension);
    if (by != answered.by.end())
      for (const auto& [k, v] : by->second) groups.insert(k);
    std::vector<Publication::Figure> parts;
    for (const auto& k : groups) {
      auto n = base->find(k);
      parts.push_back(enrolled.add(dimension + "/" + k, n == base->end() ? 0 : n->second));
      enrolled_by[dimension][k] = parts.back();
      if (by == answered.by.end() || !by->second.count(k) || !by->second.at(k))
        enrolled.hide(parts.back());
    }
    enrolled.sum(total, parts);
  }
  if (!answered.total) enrolled.hide(total);
  enrolled.protect(rule_);

  auto groups = [&](const std::string& dimension, bool with_base) {
    std::vector<RepresentedGroup> list;
    std::set<std::string> keys;
    static const std::map<std::string, ShownCount> kNone;
    auto found = answered.by.find(dimension);
    const auto& by = found == answered.by.end() ? kNone : found->second;
    for (const auto& [k, v] : by) keys.insert(k);
    if (with_base)
      for (const auto& [k, f] : enrolled_by[dimension]) keys.insert(k);
    for (const auto& k : keys) {
      // A group nobody answered from is a shown zero unless the results hid it.
      auto in_by = by.find(k);
      ShownCount n = in_by == by.end() ? ShownCount(0) : in_by->second;
      RepresentedGroup g{k, n, std::nullopt, std::nullopt};
      if (with_base) {
        auto f = enrolled_by[dimension].find(k);
        std::int64_t e = f == enrolled_by[dimension].end() ? 0 : enrolled.value(f->second);
        g.enrolled = f == enrolled_by[dimension].end() ? ShownCount(0) : shown(enrolled, f->second);
        // Compared only where both counts are shown: the flag tells a bound on the group.
        bool comparable = n && *g.enrolled && answered.total && e > 0 && enrolled_all > 0;
        if (comparable) {
          double share_r = static_cast<double>(*n) / static_cast<double>(*answered.total);
          double share_e = static_cast<double>(e) / static_cast<double>(enrolled_all);
          g.under_represented = std::optional<bool>(share_r < 0.5 * share_e);
        } else {
          g.under_represented = std::optional<bool>();
        }
      }
      list.push_back(std::move(g));
    }
    return list;
  };
  return {c.id,
          rule_.threshold(),
          answered.total,
          shown(enrolled, total),
          groups("age_band", true),
          groups("unit", true),
          groups("gender", false),
          groups("channel", false)};
}

std::vector<std::string> Consultations::quotes(const Principal& actor, const std::string& id) {
  Consultation c = readable(actor, id);
  if (still_answering(c)) return {};
  // Only what a moderator approved, as approved (hidden parts stay hidden): never a count of
  // anyone, so nothing here touches the publication of the counts.
  std::vector<std::string> out;
  for (const auto& s : storage_.submissions().approved_answers(c.id, 50))
    out.push_back(approved_words(s));
  return out;
}

}  // namespace ln
