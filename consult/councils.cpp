#include "consult/councils.h"

#include <algorithm>
#include <set>

#include "base/crypto.h"
#include "base/errors.h"
#include "base/local_zone.h"
#include "base/validate.h"
#include "consult/age_bands.h"

namespace ln {
using namespace std::chrono;

namespace {

// The words of other modules' records (consents, pupils, submissions, consultations) that this
// file reads, each in one place.
bool has_current(const std::vector<Consent>& consents, ConsentKind kind) {
  return std::any_of(consents.begin(), consents.end(),
                     [&](const Consent& c) { return c.kind == kind && !c.withdrawn_at; });
}

bool active(const Pupil& p) {
  return p.status == PupilStatus::kActive;
}

bool approved(const Submission& s) {
  return is_approved(s.status);
}

// A consultation's results come on an agenda once it has closed.
bool closed(const Consultation& k) {
  return k.status != ConsultationStatus::kDraft && k.status != ConsultationStatus::kPublished;
}

int year_of(const std::string& date) {
  return std::stoi(date.substr(0, 4));
}

// A Council's age limits are edges of the deployment's age bands (the bands children are
// consulted by), so that no setting singles out the children of one age.
bool begins_band(int age) {
  auto band = band_for_age(age);
  return band && band->min_age == age;
}

bool ends_band(int age) {
  auto band = band_for_age(age);
  return band && band->max_age == age;
}

std::string band_edges(bool first_ages) {
  std::string out;
  const auto& bands = age_bands();
  for (std::size_t i = 0; i < bands.size(); ++i) {
    if (i > 0) out += i + 1 == bands.size() ? " or " : ", ";
    out += std::to_string(first_ages ? bands[i].min_age : bands[i].max_age);
  }
  return out;
}

// Limits set before they had to be band edges, or under other bands, widen to the edges of the
// bands they fall in: that is what the Council applies, and what it shows.
Council on_band_edges(Council c) {
  if (auto band = band_for_age(c.min_age)) c.min_age = band->min_age;
  if (auto band = band_for_age(c.max_age)) c.max_age = band->max_age;
  return c;
}

}  // namespace

std::string school_year_text(int first_year) {
  return std::to_string(first_year) + "-" + std::to_string(first_year + 1);
}

int school_year_of(year_month_day day) {
  const int year = static_cast<int>(day.year());
  return static_cast<unsigned>(day.month()) >= kSchoolYearBeginsInMonth ? year : year - 1;
}

Council Councils::require(const std::string& id) {
  auto c = storage_.councils().council(id);
  if (!c) throw NotFound("No such Council.");
  return on_band_edges(*c);
}

Council Councils::managed(const Principal& actor, const std::string& id) {
  Council c = require(id);
  if (!organisation_.covers(actor, c.unit_id)) throw NotFound("No such Council.");
  return c;
}

Council Councils::readable(const Principal& actor, const std::string& id) {
  Council c = require(id);
  if (actor.is_pupil()) {
    for (const auto& m : current_members(c.id))
      if (m.pupil_id == actor.id) return c;
    throw NotFound("No such Council.");
  }
  if (organisation_.covers(actor, c.unit_id) ||
      std::find(c.adviser_ids.begin(), c.adviser_ids.end(), actor.id) != c.adviser_ids.end())
    return c;
  throw NotFound("No such Council.");
}

std::vector<CouncilMember> Councils::current_members(const std::string& council_id) {
  auto all = storage_.councils().members(council_id);
  std::vector<CouncilMember> out;
  for (auto& m : all)
    if (!m.left_on) out.push_back(std::move(m));
  return out;
}

void Councils::apply(Council& c, const CouncilInput& in) {
  if (in.name) c.name = clean_text("name", *in.name, 1, 200);
  if (in.term_start) c.term_start = clean_date("term_start", *in.term_start);
  if (in.term_end) c.term_end = clean_date("term_end", *in.term_end);
  if (c.term_end <= c.term_start) throw Invalid("term_end", "The term ends after it starts.");
  if (in.member_cap) {
    if (*in.member_cap < 1 || *in.member_cap > 500)
      throw Invalid("member_cap", "member_cap is between 1 and 500.");
    if (static_cast<std::size_t>(*in.member_cap) < current_members(c.id).size())
      throw Conflict("The Council already has more members than that.", "council_full");
    c.member_cap = *in.member_cap;
  }
  if (in.min_age) c.min_age = *in.min_age;
  if (in.max_age) c.max_age = *in.max_age;
  if (c.min_age < kYoungestAge || c.min_age > kOldestAge)
    throw Invalid("min_age", "min_age is between 7 and 17.");
  if (in.min_age && !begins_band(c.min_age))
    throw Invalid("min_age", "min_age is the first age of an age band (" + band_edges(true) +
                                 "): a Council's age limits follow the age bands, so that they "
                                 "never single out the children of one age.");
  if (in.max_age && !ends_band(c.max_age))
    throw Invalid("max_age", "max_age is the last age of an age band (" + band_edges(false) +
                                 "): a Council's age limits follow the age bands, so that they "
                                 "never single out the children of one age.");
  c = on_band_edges(c);
  if (c.max_age < c.min_age || c.max_age > kOldestAge)
    throw Invalid("max_age", "max_age is between min_age and 17.");
  if (in.adviser_ids) {
    std::vector<std::string> advisers;
    for (const auto& id : *in.adviser_ids) {
      auto account = storage_.accounts().account(id);
      if (!account || account->disabled_at)
        throw Invalid("adviser_ids", "There is no adult account " + id + ".");
      if (std::find(advisers.begin(), advisers.end(), id) == advisers.end()) advisers.push_back(id);
    }
    if (advisers.size() > 20) throw Invalid("adviser_ids", "At most 20 advisers.");
    c.adviser_ids = advisers;
  }
}

Council Councils::create(const Principal& actor, const CouncilInput& input) {
  if (!input.unit_id) throw Invalid("unit_id", "unit_id is required.");
  for (const auto& [field, present] : {std::pair{"name", input.name.has_value()},
                                       {"term_start", input.term_start.has_value()},
                                       {"term_end", input.term_end.has_value()},
                                       {"member_cap", input.member_cap.has_value()}})
    if (!present) throw Invalid(field, std::string(field) + " is required.");
  auto unit = storage_.organisation().unit(*input.unit_id);
  if (!unit || unit->retired_at) throw Invalid("unit_id", "There is no such unit.");
  if (!organisation_.covers(actor, unit->id))
    throw Invalid("unit_id", "That unit is not one of yours.");
  Council c;
  c.id = new_id("cou");
  c.unit_id = unit->id;
  c.min_age = input.min_age.value_or(kYoungestAge);
  c.max_age = input.max_age.value_or(15);  // the Law on Children: a child is under 16
  apply(c, input);
  c.created_by = actor.id;
  c.created_at = c.updated_at = clock_.now_text();
  atomically(storage_, [&] {
    storage_.councils().insert_council(c);
    audit_.record(AuditActor::of(actor), "council.create", "council", c.id);
  });
  return c;
}

Council Councils::update(const Principal& actor, const std::string& id, const CouncilInput& input) {
  if (input.unit_id) throw Invalid("unit_id", "A Council stays with its unit.");
  Council c = managed(actor, id);
  apply(c, input);
  c.updated_at = clock_.now_text();
  atomically(storage_, [&] {
    storage_.councils().update_council(c);
    audit_.record(AuditActor::of(actor), "council.update", "council", c.id);
  });
  return c;
}

std::vector<Council> Councils::list(const Principal& actor, const Page& page) {
  std::vector<Council> out;
  if (actor.is_pupil()) {
    for (const auto& m : storage_.councils().memberships_of(actor.id))
      if (!m.left_on)
        if (auto c = storage_.councils().council(m.council_id)) out.push_back(on_band_edges(*c));
    return out;
  }
  Page cursor = page;
  for (int rounds = 0; rounds < 50 && static_cast<int>(out.size()) < page.limit; ++rounds) {
    auto batch = storage_.councils().councils(cursor);
    for (auto& c : batch) {
      bool visible =
          organisation_.covers(actor, c.unit_id) ||
          std::find(c.adviser_ids.begin(), c.adviser_ids.end(), actor.id) != c.adviser_ids.end();
      if (visible && static_cast<int>(out.size()) < page.limit)
        out.push_back(on_band_edges(std::move(c)));
    }
    if (static_cast<int>(batch.size()) < cursor.limit) break;
    cursor.after = batch.back().id;
  }
  return out;
}

std::vector<YearOfSessions> Councils::years_of(const Council& council, int from_year, int to_year) {
  std::vector<YearOfSessions> years;
  auto sessions = storage_.councils().sessions_of(council.id);
  for (int y = from_year; y <= to_year; ++y) {
    int held = 0;
    for (const auto& s : sessions)
      if (s.held_on && year_of(*s.held_on) == y) ++held;
    years.push_back({y, held, held < kMinimumSessionsPerYear});
  }
  return years;
}

std::vector<CouncilSession> Councils::held_between(const Council& council, const std::string& from,
                                                   const std::string& to) {
  std::vector<CouncilSession> out;
  for (auto& s : storage_.councils().sessions_of(council.id))
    if (s.held_on && *s.held_on >= from && *s.held_on < to) out.push_back(std::move(s));
  return out;
}

std::vector<Council> Councils::councils_under(const std::string& unit_id) {
  std::vector<Council> out;
  Page page{std::nullopt, 200};
  for (;;) {
    auto batch = storage_.councils().councils(page);
    for (auto& c : batch) {
      auto up = storage_.organisation().unit_and_ancestors(c.unit_id);
      if (std::find(up.begin(), up.end(), unit_id) != up.end()) out.push_back(std::move(c));
    }
    if (static_cast<int>(batch.size()) < page.limit) break;
    page.after = batch.back().id;
  }
  return out;
}

CouncilOverview Councils::view(const Principal& actor, const std::string& id) {
  CouncilOverview out;
  out.council = readable(actor, id);
  const Council& c = out.council;
  const int this_school_year = school_year_of(local_date_of(clock_.now()));
  auto current = current_members(c.id);
  // The chair first, then vice-chairs, then members, each in the order they joined.
  std::stable_sort(current.begin(), current.end(),
                   [](const CouncilMember& a, const CouncilMember& b) {
                     return std::pair(a.role, a.joined_on) < std::pair(b.role, b.joined_on);
                   });
  for (const auto& m : current) {
    auto pupil = storage_.pupils().pupil(m.pupil_id);
    MemberOnCouncil entry{
        m.id,        pupil ? pupil->pseudonym : "", m.role, m.joined_by, m.joined_on, std::nullopt,
        std::nullopt};
    if (!actor.is_pupil()) {
      entry.pupil_id = m.pupil_id;
      entry.age_band = pupil ? council_band(pupil->id, this_school_year) : "";
    }
    out.members.push_back(std::move(entry));
  }
  for (const auto& a : c.adviser_ids)
    if (auto account = storage_.accounts().account(a))
      out.advisers.push_back({account->id, account->display_name});
  out.sessions = storage_.councils().sessions_of(c.id);
  // Each calendar year of the term up to this one: a Council meets at least twice a year.
  int this_year = static_cast<int>(local_date_of(clock_.now()).year());
  out.years = years_of(c, year_of(c.term_start), std::min(year_of(c.term_end), this_year));
  return out;
}

std::string Councils::council_band(const std::string& pupil_id, int school_year) {
  auto age = pupils_.age_in_year(pupil_id, school_year);
  auto band = age ? band_for_age(*age) : std::nullopt;
  return band ? band->id : "";
}

JoinBarriers Councils::barriers(const Council& c, const std::optional<Pupil>& pupil) {
  JoinBarriers b;
  if (!pupil || !active(*pupil)) {
    b.not_active = true;
    return b;
  }
  auto up = storage_.organisation().unit_and_ancestors(pupil->unit_id);
  if (std::find(up.begin(), up.end(), c.unit_id) == up.end()) {
    b.other_unit = true;
    return b;
  }
  auto consents = storage_.pupils().consents(pupil->id);
  b.no_child_consent = !has_current(consents, ConsentKind::kChild);
  b.no_guardian_consent = !has_current(consents, ConsentKind::kGuardian);
  if (b.no_child_consent || b.no_guardian_consent) return b;
  auto age = pupils_.age_in_year(pupil->id, school_year_of(local_date_of(clock_.now())));
  b.outside_age = !age || *age < c.min_age || *age > c.max_age;
  return b;
}

CouncilCandidates Councils::candidates(const Principal& actor, const std::string& council_id,
                                       const Page& page) {
  Council c = managed(actor, council_id);
  // The store finds pupils by unit, consents and membership; the age needs each pupil's sealed
  // identity, so a page is filled by reading on, a bounded number of batches.
  constexpr int kBatches = 10;
  const int school_year = school_year_of(local_date_of(clock_.now()));
  CouncilCandidates out;
  Page cursor = page;
  for (int batch_no = 0; batch_no < kBatches; ++batch_no) {
    auto batch = storage_.pupils().consenting_pupils_under(c.unit_id, c.id, cursor);
    for (auto& candidate : batch) {
      cursor.after = candidate.pupil.id;
      if (!barriers(c, candidate.pupil).any()) {
        candidate.pupil.age_band = council_band(candidate.pupil.id, school_year);
        out.items.push_back(std::move(candidate));
      }
      if (static_cast<int>(out.items.size()) == page.limit) {
        out.next = cursor.after;
        return out;
      }
    }
    if (static_cast<int>(batch.size()) < cursor.limit) return out;
  }
  out.next = cursor.after;  // not every pupil was read: the next page reads on from here
  return out;
}

CouncilMember Councils::add_member(const Principal& actor, const std::string& council_id,
                                   const MemberInput& input) {
  Council c = managed(actor, council_id);
  std::string today = format_date(local_date_of(clock_.now()));
  std::string joined_on = input.joined_on ? clean_date("joined_on", *input.joined_on) : today;
  auto pupil = storage_.pupils().pupil(input.pupil_id);
  const JoinBarriers barrier = barriers(c, pupil);
  if (barrier.not_active) throw Invalid("pupil_id", "There is no such pupil.");
  if (barrier.other_unit) throw Invalid("pupil_id", "The pupil is not from this Council's unit.");

  std::vector<Unprocessable::Problem> problems;
  if (barrier.no_child_consent)
    problems.push_back({"pupil_id", "The child has not agreed (child consent is missing)."});
  if (barrier.no_guardian_consent)
    problems.push_back({"pupil_id", "A parent or guardian has not agreed (guardian consent)."});
  if (!problems.empty())
    throw Unprocessable("consent_missing",
                        "A Council member needs both consents: the child's and a guardian's.",
                        problems);
  if (barrier.outside_age)
    throw Unprocessable("outside_age_limits",
                        "This Council's members are " + std::to_string(c.min_age) + " to " +
                            std::to_string(c.max_age) +
                            " years old, counted by year of birth for the school year " +
                            school_year_text(school_year_of(local_date_of(clock_.now()))) + ".",
                        {{"pupil_id", "The pupil's age is outside the Council's age limits."}});
  auto current = current_members(c.id);
  for (const auto& m : current)
    if (m.pupil_id == pupil->id) throw Conflict("The pupil is already a member.", "already_member");
  if (input.role == CouncilRole::kChair)
    for (const auto& m : current)
      if (m.role == CouncilRole::kChair)
        throw Conflict("The Council already has a chair.", "chair_taken");

  CouncilMember m{new_id("mem"), c.id,         pupil->id, input.role,       input.joined_by,
                  joined_on,     std::nullopt, actor.id,  clock_.now_text()};
  atomically(storage_, [&] {
    if (!storage_.councils().insert_member(m, c.member_cap))
      throw Conflict("The Council is full (" + std::to_string(c.member_cap) + " members).",
                     "council_full");
    audit_.record(AuditActor::of(actor), "council.member_add", "council", c.id, "",
                  {{"member_id", m.id}, {"role", word(m.role)}, {"joined_by", word(m.joined_by)}});
  });
  return m;
}

void Councils::remove_member(const Principal& actor, const std::string& council_id,
                             const std::string& pupil_id) {
  Council c = managed(actor, council_id);
  for (const auto& m : current_members(c.id))
    if (m.pupil_id == pupil_id || m.id == pupil_id) {
      atomically(storage_, [&] {
        storage_.councils().end_member(m.id, format_date(local_date_of(clock_.now())));
        audit_.record(AuditActor::of(actor), "council.member_leave", "council", c.id, "",
                      {{"member_id", m.id}});
      });
      return;
    }
  throw NotFound("No such member.");
}

CouncilReview Councils::review(const Principal& actor, const std::string& council_id,
                               const std::optional<std::string>& on) {
  Council c = managed(actor, council_id);
  CouncilReview out;
  out.council_id = c.id;
  out.max_age = c.max_age;
  out.on = on ? clean_date("on", *on) : format_date(local_date_of(clock_.now()));
  // Ages counted by year of birth for the school year of the review day, and for the last school
  // year the term reaches: the review, too, changes only from one school year to the next.
  out.school_year = school_year_of(*parse_date(out.on));
  const int last_school_year = school_year_of(*parse_date(c.term_end));
  for (const auto& m : current_members(c.id)) {
    ++out.members_reviewed;
    auto pupil = storage_.pupils().pupil(m.pupil_id);
    // A child whose consent was withdrawn takes no further part: the review lists them too.
    auto consents = storage_.pupils().consents(m.pupil_id);
    bool withdrawn = !pupil || !active(*pupil) || !has_current(consents, ConsentKind::kChild) ||
                     !has_current(consents, ConsentKind::kGuardian);
    auto age = withdrawn ? std::nullopt : pupils_.age_in_year(m.pupil_id, out.school_year);
    auto age_at_end = withdrawn ? std::nullopt : pupils_.age_in_year(m.pupil_id, last_school_year);
    bool aged_out = !withdrawn && (!age || *age > c.max_age);
    bool before_end = !withdrawn && !aged_out && age_at_end && *age_at_end > c.max_age;
    if (!withdrawn && !aged_out && !before_end) continue;
    out.flagged.push_back({m.id, m.pupil_id, pupil ? pupil->pseudonym : "", m.role,
                           pupil ? council_band(pupil->id, out.school_year) : "",
                           withdrawn  ? ReviewReason::kConsentWithdrawn
                           : aged_out ? ReviewReason::kOverAgeLimit
                                      : ReviewReason::kOverAgeLimitBeforeTermEnd});
  }
  audit_.record(AuditActor::of(actor), "council.review", "council", c.id, "",
                {{"on", out.on}, {"flagged", out.flagged.size()}});
  return out;
}

std::vector<AgendaItem> Councils::checked_agenda(const Council& c,
                                                 const std::vector<AgendaItem>& agenda) {
  if (agenda.size() > 100)
    throw Invalid("agenda", "agenda is a list of {kind, id} (at most 100 items).");
  std::vector<AgendaItem> out;
  std::vector<Unprocessable::Problem> problems;
  std::set<std::pair<AgendaKind, std::string>> seen;
  auto in_scope = [&](const std::string& unit) {
    auto up = storage_.organisation().unit_and_ancestors(unit);
    return std::find(up.begin(), up.end(), c.unit_id) != up.end();
  };
  auto above = storage_.organisation().unit_and_ancestors(c.unit_id);
  for (std::size_t i = 0; i < agenda.size(); ++i) {
    std::string field = "agenda[" + std::to_string(i) + "]";
    const AgendaItem& item = agenda[i];
    if (!seen.insert({item.kind, item.id}).second) continue;
    switch (item.kind) {
      case AgendaKind::kSubmission: {
        auto s = storage_.submissions().submission(item.id);
        if (!s || !in_scope(s->unit_id))
          problems.push_back({field, "There is no such submission from this Council's unit."});
        else if (!approved(*s))
          problems.push_back({field, "Only approved submissions go on an agenda."});
        else
          out.push_back(item);
        break;
      }
      case AgendaKind::kConsultation: {
        auto k = storage_.consultations().consultation(item.id);
        bool related =
            k && (in_scope(k->owner_unit_id) ||
                  std::find(above.begin(), above.end(), k->owner_unit_id) != above.end());
        if (k && !related)
          for (const auto& u : k->audience_unit_ids)
            related =
                related || in_scope(u) || std::find(above.begin(), above.end(), u) != above.end();
        if (!related)
          problems.push_back({field, "There is no such consultation for this Council's unit."});
        else if (!closed(*k))
          problems.push_back({field, "A consultation's results come on an agenda once it closes."});
        else
          out.push_back(item);
        break;
      }
    }
  }
  if (!problems.empty())
    throw Unprocessable("invalid_agenda", "Some agenda items cannot be used.", problems);
  return out;
}

std::vector<AgendaEntry> Councils::agenda_entries(const CouncilSession& s) {
  std::vector<AgendaEntry> out;
  for (const auto& item : s.agenda) {
    AgendaEntry entry;
    entry.item = item;
    switch (item.kind) {
      case AgendaKind::kSubmission:
        if (auto sub = storage_.submissions().submission(item.id); sub && approved(*sub)) {
          // Only the approved words: the redacted text when a moderator hid parts of it.
          entry.available = true;
          entry.text = approved_words(*sub);
          entry.topic = sub->topic;
        }
        break;
      case AgendaKind::kConsultation:
        if (auto k = storage_.consultations().consultation(item.id)) {
          entry.available = true;
          entry.title = k->title;
          entry.status = k->status;
        }
        break;
    }
    out.push_back(std::move(entry));
  }
  return out;
}

std::vector<std::string> Councils::checked_attendance(const Council& c,
                                                      const std::vector<std::string>& attendance) {
  auto members = current_members(c.id);
  std::vector<std::string> out;
  for (const auto& id : attendance) {
    auto it = std::find_if(members.begin(), members.end(),
                           [&](const CouncilMember& m) { return m.id == id; });
    if (it == members.end())
      throw Invalid("attendance",
                    "Attendance lists current members by member_id; " + id + " is not one.");
    if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
  }
  return out;
}

CouncilSession Councils::managed_session(const Principal& actor, const std::string& id,
                                         Council& council) {
  auto s = storage_.councils().session(id);
  if (!s) throw NotFound("No such session.");
  council = require(s->council_id);
  if (!organisation_.covers(actor, council.unit_id)) throw NotFound("No such session.");
  return *s;
}

CouncilSession Councils::move(const Principal& actor, CouncilSession s, CouncilSessionStatus to) {
  s.status = to;
  s.updated_at = clock_.now_text();
  s.lifecycle.push_back({to, s.updated_at, actor.id});
  atomically(storage_, [&] {
    storage_.councils().update_session(s);
    audit_.record(AuditActor::of(actor), "council_session." + std::string(word(to)),
                  "council_session", s.id);
  });
  return s;
}

CouncilSession Councils::plan_session(const Principal& actor, const std::string& council_id,
                                      const SessionInput& input) {
  Council c = managed(actor, council_id);
  if (!input.title) throw Invalid("title", "title is required.");
  if (!input.planned_for) throw Invalid("planned_for", "planned_for is required.");
  CouncilSession s;
  s.id = new_id("ses");
  s.council_id = c.id;
  s.title = clean_text("title", *input.title, 1, 200);
  s.planned_for = clean_date("planned_for", *input.planned_for);
  s.location = clean_text("location", input.location.value_or(""), 0, 200);
  if (input.agenda) s.agenda = checked_agenda(c, *input.agenda);
  s.created_by = actor.id;
  s.created_at = s.updated_at = clock_.now_text();
  s.lifecycle = {{CouncilSessionStatus::kPlanned, s.created_at, actor.id}};
  atomically(storage_, [&] {
    storage_.councils().insert_session(s);
    audit_.record(AuditActor::of(actor), "council_session.planned", "council_session", s.id);
  });
  return s;
}

CouncilSession Councils::update_session(const Principal& actor, const std::string& id,
                                        const SessionInput& input) {
  Council c;
  CouncilSession s = managed_session(actor, id, c);
  if (s.status == CouncilSessionStatus::kMinuted)
    throw Conflict("A minuted session is the record; it does not change.", "session_minuted");
  if (input.title) s.title = clean_text("title", *input.title, 1, 200);
  if (input.planned_for) {
    if (s.status != CouncilSessionStatus::kPlanned)
      throw Conflict("The date of a held session does not move.", "session_held");
    s.planned_for = clean_date("planned_for", *input.planned_for);
  }
  if (input.location) s.location = clean_text("location", *input.location, 0, 200);
  if (input.agenda) s.agenda = checked_agenda(c, *input.agenda);
  s.updated_at = clock_.now_text();
  atomically(storage_, [&] {
    storage_.councils().update_session(s);
    audit_.record(AuditActor::of(actor), "council_session.update", "council_session", s.id);
  });
  return s;
}

CouncilSession Councils::mark_held(const Principal& actor, const std::string& id,
                                   const std::optional<std::string>& held_on,
                                   const std::vector<std::string>& attendance) {
  Council c;
  CouncilSession s = managed_session(actor, id, c);
  if (s.status != CouncilSessionStatus::kPlanned)
    throw Conflict("Only a planned session can be held.", "not_planned");
  std::string day = held_on ? clean_date("held_on", *held_on) : s.planned_for;
  if (day > format_date(local_date_of(clock_.now())))
    throw Invalid("held_on", "A session is marked held on or after the day it met.");
  auto present = checked_attendance(c, attendance);
  if (present.empty()) throw Invalid("attendance", "Name the members who were present.");
  s.held_on = day;
  s.attendance = present;
  return move(actor, s, CouncilSessionStatus::kHeld);
}

CouncilSession Councils::set_attendance(const Principal& actor, const std::string& id,
                                        const std::vector<std::string>& attendance) {
  Council c;
  CouncilSession s = managed_session(actor, id, c);
  if (s.status != CouncilSessionStatus::kHeld)
    throw Conflict("Attendance is recorded for a held session, before its minutes.", "not_held");
  if (!storage_.councils().proposals_of(s.id).empty())
    throw Conflict("Votes were counted with this attendance; it no longer changes.",
                   "votes_recorded");
  auto present = checked_attendance(c, attendance);
  if (present.empty()) throw Invalid("attendance", "Name the members who were present.");
  s.attendance = present;
  s.updated_at = clock_.now_text();
  atomically(storage_, [&] {
    storage_.councils().update_session(s);
    audit_.record(AuditActor::of(actor), "council_session.attendance", "council_session", s.id);
  });
  return s;
}

CouncilProposal Councils::vote(const Principal& actor, const std::string& session_id,
                               const VoteInput& input) {
  Council c;
  CouncilSession s = managed_session(actor, session_id, c);
  if (s.status != CouncilSessionStatus::kHeld)
    throw Conflict("Votes are taken at a held session, before its minutes.", "not_held");
  const auto& present = s.attendance;
  CouncilProposal p;
  p.id = new_id("pro");
  p.session_id = s.id;
  p.council_id = c.id;
  p.title = clean_text("title", input.title, 1, 200);
  p.text = clean_text("text", input.text, 1, 4000);
  p.present = static_cast<int>(present.size());
  if (input.votes.has_value() == input.counts.has_value())
    throw Invalid("votes", "Send either votes (member → for/against/abstain) or counts.");
  if (input.votes) {
    for (const auto& [member, choice] : *input.votes) {
      if (std::find(present.begin(), present.end(), member) == present.end())
        throw Invalid("votes." + member.substr(0, 60), "Only members present at the session vote.");
      switch (choice) {
        case VoteChoice::kFor:
          ++p.votes_for;
          break;
        case VoteChoice::kAgainst:
          ++p.votes_against;
          break;
        case VoteChoice::kAbstain:
          ++p.abstentions;
          break;
      }
    }
    p.votes = *input.votes;
  } else {
    const VoteCounts& k = *input.counts;
    for (const auto& [field, n] : {std::pair{"counts.for", k.votes_for},
                                   {"counts.against", k.votes_against},
                                   {"counts.abstain", k.abstentions}})
      if (n < 0 || n > 1000) throw Invalid(field, "A count is a whole number, 0 or more.");
    p.votes_for = k.votes_for;
    p.votes_against = k.votes_against;
    p.abstentions = k.abstentions;
  }
  if (p.votes_for + p.votes_against + p.abstentions > p.present)
    throw Unprocessable("too_many_votes", "More votes than members present.",
                        {{"counts", std::to_string(p.present) + " members were present."}});
  // Adopted by more than half of the members present (abstentions and absent votes count
  // against adoption, as in the plan's rule).
  p.adopted = 2 * p.votes_for > p.present;
  p.created_by = actor.id;
  p.created_at = clock_.now_text();
  p.position = static_cast<int>(storage_.councils().proposals_of(s.id).size()) + 1;
  // An adopted proposal becomes a draft recommendation of the Council's unit, naming the session.
  // The draft comes first: if its own checks refuse the title or text, nothing is stored.
  atomically(storage_, [&] {
    if (p.adopted) {
      p.recommendation_id =
          recommendations_
              .adopt_from_council(AuditActor::of(actor),
                                  {p.title, p.text, c.unit_id, std::nullopt, s.id, {}})
              .id;
    }
    storage_.councils().insert_proposal(p);
    audit_.record(AuditActor::of(actor), "council_session.vote", "council_session", s.id, "",
                  {{"proposal_id", p.id},
                   {"for", p.votes_for},
                   {"against", p.votes_against},
                   {"abstain", p.abstentions},
                   {"present", p.present},
                   {"adopted", p.adopted}});
  });
  return p;
}

CouncilSession Councils::minute(const Principal& actor, const std::string& id,
                                const std::string& minutes) {
  Council c;
  CouncilSession s = managed_session(actor, id, c);
  if (s.status != CouncilSessionStatus::kHeld)
    throw Conflict("Minutes follow a held session.", "not_held");
  s.minutes = clean_text("minutes", minutes, 1, 50000);
  return move(actor, s, CouncilSessionStatus::kMinuted);
}

std::vector<CouncilSession> Councils::sessions(const Principal& actor,
                                               const std::string& council_id) {
  Council c = readable(actor, council_id);
  return storage_.councils().sessions_of(c.id);
}

std::vector<Recommendation> Councils::recommendations(const Principal& actor,
                                                      const std::string& council_id) {
  Council c = readable(actor, council_id);
  std::set<std::string> sessions;
  for (const auto& s : storage_.councils().sessions_of(c.id)) sessions.insert(s.id);
  std::vector<Recommendation> out;
  Page page{std::nullopt, 200};
  for (;;) {
    auto batch = storage_.recommendations().recommendations({}, page);
    for (auto& r : batch)
      if (r.council_session_id && sessions.count(*r.council_session_id))
        out.push_back(std::move(r));
    if (static_cast<int>(batch.size()) < page.limit) break;
    page.after = batch.back().id;
  }
  std::sort(out.begin(), out.end(), [](const Recommendation& a, const Recommendation& b) {
    return a.created_at < b.created_at;
  });
  return out;
}

SessionDetail Councils::session_view(const Principal& actor, const std::string& id) {
  auto s = storage_.councils().session(id);
  if (!s) throw NotFound("No such session.");
  Council c;
  try {
    c = readable(actor, s->council_id);
  } catch (const NotFound&) {
    throw NotFound("No such session.");
  }
  SessionDetail out;
  out.agenda = agenda_entries(*s);
  auto members = storage_.councils().members(c.id);
  for (const auto& mid : s->attendance) {
    std::string pseudonym;
    for (const auto& m : members)
      if (m.id == mid)
        if (auto pupil = storage_.pupils().pupil(m.pupil_id)) pseudonym = pupil->pseudonym;
    out.attendance.push_back({mid, pseudonym});
  }
  out.proposals = storage_.councils().proposals_of(s->id);
  // How each child voted stays with the adults who keep the record.
  out.votes_shown = !actor.is_pupil();
  if (!out.votes_shown)
    for (auto& p : out.proposals) p.votes.clear();
  out.session = std::move(*s);
  return out;
}

Council Councils::public_view(const std::string& id) {
  auto c = storage_.councils().council(id);
  if (!c) throw NotFound("No such Council.");
  Council out;
  out.id = c->id;
  out.unit_id = c->unit_id;
  out.name = c->name;
  out.term_start = c->term_start;
  out.term_end = c->term_end;
  return out;
}

}  // namespace ln
