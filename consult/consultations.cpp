#include "consult/consultations.h"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>

#include "base/crypto.h"
#include "base/csv.h"
#include "base/validate.h"
#include "consult/age_bands.h"
#include "consult/notifications.h"

namespace ln {
namespace {

void check_time(const std::string& field, const std::string& value) {
  if (!value.empty() && !parse_time(value))
    throw Invalid(field, field + " must be a UTC time written like 2026-12-01T07:00:00Z.");
}

void check_date(const std::string& field, const std::string& value) {
  if (!value.empty()) clean_date(field, value);
}

// One counter delta per key, in the response's group.
std::vector<ResultCounter> deltas_for(const CounterKeys& keys, const ConsultationResponse& r,
                                      std::int64_t sign) {
  std::vector<ResultCounter> out;
  out.push_back({"_all", "_respondents", r.age_band, r.gender, r.unit_id, r.channel, sign});
  for (const auto& [q, key] : keys)
    out.push_back({q, key, r.age_band, r.gender, r.unit_id, r.channel, sign});
  return out;
}

}  // namespace

const std::vector<std::string>& genders() {
  static const std::vector<std::string> g = {"girl", "boy", "other", "prefer_not_to_say"};
  return g;
}

Consultation Consultations::require(const std::string& id) {
  auto c = storage_.consultations().consultation(id);
  if (!c) throw NotFound("No such consultation.");
  return *c;
}

Consultation Consultations::managed(const Principal& actor, const std::string& id) {
  Consultation c = require(id);
  if (!organisation_.covers(actor, c.owner_unit_id)) throw NotFound("No such consultation.");
  return c;
}

bool Consultations::in_audience(const Consultation& c, const std::string& unit_id,
                                const std::optional<std::int64_t>& epoch) {
  std::shared_ptr<const std::vector<std::string>> units;
  if (epoch) units = kept_ancestors_.get(*epoch, unit_id).value_or(nullptr);
  if (!units) {
    units = std::make_shared<const std::vector<std::string>>(
        storage_.organisation().unit_and_ancestors(unit_id));
    if (epoch) kept_ancestors_.put(*epoch, unit_id, units);
  }
  for (const auto& u : *units)
    if (std::find(c.audience_unit_ids.begin(), c.audience_unit_ids.end(), u) !=
        c.audience_unit_ids.end())
      return true;
  return false;
}

Consultation Consultations::readable(const Principal& actor, const std::string& id) {
  Consultation c = require(id);
  if (actor.role == Role::kOfficial) {
    if (results_out(c.status)) return c;
    throw NotFound("No such consultation.");
  }
  if (organisation_.covers(actor, c.owner_unit_id)) return c;
  for (const auto& u : c.audience_unit_ids)
    if (organisation_.covers(actor, u)) return c;
  if (open_to_classes_of(actor, c)) return c;
  throw NotFound("No such consultation.");
}

// A facilitator follows the consultations open to their classes, a district-wide one too.
bool Consultations::open_to_classes_of(const Principal& actor, const Consultation& c) {
  if (!actor.is_facilitator()) return false;
  return std::any_of(actor.unit_ids.begin(), actor.unit_ids.end(),
                     [&](const std::string& u) { return in_audience(c, u); });
}

void Consultations::apply(Consultation& c, const ConsultationInput& in, bool answers_exist) {
  bool draft = c.status == ConsultationStatus::kDraft;
  auto plan_field = [&](const char* name, const std::optional<std::string>& value,
                        std::string& target, std::size_t max) {
    if (!value) return;
    if (!draft)
      throw Conflict(std::string(name) + " cannot change once the consultation is published.",
                     "consultation_published");
    target = clean_text(name, *value, 0, max);
  };
  plan_field("title", in.title, c.title, 200);
  plan_field("purpose", in.purpose, c.purpose, 2000);
  plan_field("decision", in.decision, c.decision, 1000);
  plan_field("decision_maker", in.decision_maker, c.decision_maker, 200);
  if (in.decision_due) {
    plan_field("decision_due", in.decision_due, c.decision_due, 10);
    check_date("decision_due", c.decision_due);
  }
  if (in.opens_at) {
    plan_field("opens_at", in.opens_at, c.opens_at, 20);
    check_time("opens_at", c.opens_at);
  }
  if (in.feedback_due) {
    c.feedback_due = clean_text("feedback_due", *in.feedback_due, 0, 10);
    check_date("feedback_due", c.feedback_due);
  }
  if (in.closes_at) {
    std::string closes = clean_text("closes_at", *in.closes_at, 0, 20);
    check_time("closes_at", closes);
    if (!draft && (c.status != ConsultationStatus::kPublished || closes.empty() ||
                   closes <= clock_.now_text()))
      throw Conflict("Only an open consultation's closing time can move, and only into the future.",
                     "consultation_published");
    c.closes_at = closes;
  }
  if (in.owner_unit_id) {
    if (!draft) throw Conflict("The owner cannot change once published.", "consultation_published");
    if (!storage_.organisation().unit(*in.owner_unit_id))
      throw Invalid("owner_unit_id", "There is no such unit.");
    c.owner_unit_id = *in.owner_unit_id;
  }
  if (in.audience_unit_ids) {
    if (!draft)
      throw Conflict("The audience cannot change once published.", "consultation_published");
    for (const auto& u : *in.audience_unit_ids)
      if (!storage_.organisation().unit(u))
        throw Invalid("audience_unit_ids", "There is no unit " + u + ".");
    c.audience_unit_ids = *in.audience_unit_ids;
  }
  if (in.audience_bands) {
    if (!draft)
      throw Conflict("The audience cannot change once published.", "consultation_published");
    for (const auto& b : *in.audience_bands)
      if (!is_band(b)) throw Invalid("audience_bands", "Unknown age band " + b + ".");
    c.audience_bands = *in.audience_bands;
  }
  if (in.info_cards) {
    std::map<std::string, InfoCard> cards;
    for (const auto& [band, card] : *in.info_cards) {
      std::string field = "info_cards." + band;
      if (!is_band(band)) throw Invalid(field, "Unknown age band " + band + ".");
      auto clean = [&](const char* key, const std::optional<std::string>& text) {
        return text ? std::optional(clean_text(field + "." + key, *text, 0, 1000)) : std::nullopt;
      };
      cards[band] = {clean("why", card.why), clean("who_reads", card.who_reads),
                     clean("hear_back", card.hear_back)};
    }
    if (cards != c.info_cards) {
      c.info_cards = std::move(cards);
      if (!draft) ++c.info_version;
    }
  }
  if (in.questions) {
    if ((answers_exist || !draft) && !same_structure(*in.questions, *c.questions))
      throw Conflict(
          "Once published, questions and options keep their meaning; only their wording can be "
          "fixed.",
          "questions_locked");
    c.questions = std::make_shared<const std::vector<Question>>(*in.questions);
  }
}

Consultation Consultations::create(const Principal& actor, const ConsultationInput& input) {
  Consultation c;
  c.id = new_id("con");
  if (!input.owner_unit_id) throw Invalid("owner_unit_id", "owner_unit_id is required.");
  if (!input.title) throw Invalid("title", "title is required.");
  apply(c, input, false);
  if (c.title.empty()) throw Invalid("title", "title is required.");
  if (!organisation_.covers(actor, c.owner_unit_id))
    throw Invalid("owner_unit_id", "That unit is not one of yours.");
  c.created_by = actor.id;
  c.created_at = c.updated_at = clock_.now_text();
  c.lifecycle = {{ConsultationStatus::kDraft, c.created_at, actor.id}};
  atomically(storage_, [&] {
    storage_.consultations().insert_consultation(c);
    audit_.record(AuditActor::of(actor), "consultation.create", "consultation", c.id);
  });
  return c;
}

Consultation Consultations::update(const Principal& actor, const std::string& id,
                                   const ConsultationInput& input) {
  Consultation c = managed(actor, id);
  if (c.status != ConsultationStatus::kDraft && c.status != ConsultationStatus::kPublished)
    throw Conflict("A closed consultation cannot change.", "consultation_closed");
  apply(c, input, storage_.consultations().response_count(c.id) > 0);
  c.updated_at = clock_.now_text();
  atomically(storage_, [&] {
    storage_.consultations().update_consultation(c);
    audit_.record(AuditActor::of(actor), "consultation.update", "consultation", c.id);
  });
  return c;
}

std::vector<Unprocessable::Problem> Consultations::plan_problems(const Consultation& c) {
  std::vector<Unprocessable::Problem> p;
  auto need = [&](const std::string& field, const std::string& value, const std::string& what) {
    if (value.empty()) p.push_back({field, what});
  };
  need("title", c.title, "A title is required.");
  need("purpose", c.purpose, "Say why children are asked (the purpose).");
  need("decision", c.decision, "Say which decision the answers inform.");
  need("decision_maker", c.decision_maker, "Say who decides.");
  need("decision_due", c.decision_due, "Say by when the decision is made.");
  need("feedback_due", c.feedback_due, "Say when children will hear back.");
  need("opens_at", c.opens_at, "An opening time is required.");
  need("closes_at", c.closes_at, "A closing time is required.");
  if (c.audience_unit_ids.empty())
    p.push_back({"audience_unit_ids", "Name the units whose children are asked."});
  if (c.audience_bands.empty()) p.push_back({"audience_bands", "Name the age bands asked."});
  if (!c.opens_at.empty() && !c.closes_at.empty() && c.closes_at <= c.opens_at)
    p.push_back({"closes_at", "The consultation must close after it opens."});
  if (!c.closes_at.empty() && c.closes_at <= clock_.now_text())
    p.push_back({"closes_at", "The closing time has passed."});
  if (!c.feedback_due.empty() && !c.closes_at.empty() && c.feedback_due < c.closes_at.substr(0, 10))
    p.push_back({"feedback_due", "Children hear back after the consultation closes."});
  for (const auto& band : c.audience_bands) {
    auto card = c.info_cards.find(band);
    InfoCard none;
    const InfoCard& given = card == c.info_cards.end() ? none : card->second;
    for (const auto& [key, text] :
         {std::pair{"why", &given.why}, std::pair{"who_reads", &given.who_reads},
          std::pair{"hear_back", &given.hear_back}})
      if (!*text || (*text)->empty())
        p.push_back({"info_cards." + band + "." + key,
                     "The " + band + " information card needs '" + key + "'."});
  }
  auto q = question_problems(*c.questions, c.audience_bands);
  p.insert(p.end(), q.begin(), q.end());
  return p;
}

Consultation Consultations::move(const Principal& actor, Consultation c, ConsultationStatus to) {
  c.status = to;
  c.updated_at = clock_.now_text();
  c.lifecycle.push_back({to, c.updated_at, actor.id});
  atomically(storage_, [&] {
    storage_.consultations().update_consultation(c);
    audit_.record(AuditActor::of(actor), "consultation." + std::string(word(to)), "consultation",
                  c.id);
  });
  return c;
}

Consultation Consultations::publish(const Principal& actor, const std::string& id) {
  Consultation c = managed(actor, id);
  if (c.status != ConsultationStatus::kDraft)
    throw Conflict("Only a draft can be published.", "not_draft");
  auto problems = plan_problems(c);
  if (!problems.empty())
    throw Unprocessable("not_ready",
                        "The consultation cannot be published yet; fix every problem listed.",
                        problems);
  return move(actor, c, ConsultationStatus::kPublished);
}

Consultation Consultations::close(const Principal& actor, const std::string& id) {
  Consultation c = managed(actor, id);
  if (c.status != ConsultationStatus::kPublished)
    throw Conflict("Only a published consultation can close.", "not_published");
  return move(actor, c, ConsultationStatus::kClosed);
}

Consultation Consultations::publish_results(const Principal& actor, const std::string& id) {
  Consultation c = managed(actor, id);
  if (c.status != ConsultationStatus::kClosed)
    throw Conflict("Results are published after the consultation closes.", "not_closed");
  return move(actor, c, ConsultationStatus::kResultsPublished);
}

Consultation Consultations::give_feedback(const Principal& actor, const std::string& id,
                                          const std::map<std::string, BandFeedback>& given) {
  std::map<std::string, BandFeedback> feedback;
  for (const auto& [band, words] : given) {
    std::string field = "feedback." + band.substr(0, 40);
    if (const auto* text = std::get_if<std::string>(&words)) {
      feedback[band] = clean_text(field, *text, 1, 4000);
      continue;
    }
    const auto& p = std::get<FeedbackParts>(words);
    auto part = [&](const char* name, const std::string& text) {
      return clean_text(field + "." + name, text, 1, 1000);
    };
    feedback[band] = FeedbackParts{part("you_said", p.you_said), part("we_did", p.we_did),
                                   part("why", p.why), part("what_next", p.what_next)};
  }
  Consultation c = managed(actor, id);
  if (c.status != ConsultationStatus::kResultsPublished)
    throw Conflict("Feedback follows the published results.", "results_not_published");
  // Feedback for a band the consultation did not ask would reach no child: refuse it.
  for (const auto& [band, text] : feedback)
    if (std::find(c.audience_bands.begin(), c.audience_bands.end(), band) ==
        c.audience_bands.end()) {
      std::string names;
      for (const auto& b : c.audience_bands) names += (names.empty() ? "" : ", ") + b;
      throw Invalid("feedback." + band.substr(0, 40),
                    "This consultation asked the age bands " + names + "; write for those.");
    }
  std::vector<Unprocessable::Problem> problems;
  for (const auto& band : c.audience_bands)
    if (!feedback.count(band))
      problems.push_back({"feedback." + band, "No feedback for the " + band + " band."});
  if (!problems.empty())
    throw Unprocessable("not_ready", "Every age band needs its feedback.", problems);
  c.feedback = std::move(feedback);
  c = move(actor, c, ConsultationStatus::kFeedbackGiven);
  // Every child who answered online hears back (paper and forum answers name nobody).
  std::string now = clock_.now_text();
  for (const auto& pupil_id : storage_.consultations().online_respondents(c.id))
    storage_.recommendations().insert_notification(
        {notification_id(now), "pupil", pupil_id, NotificationKind::kConsultationFeedback,
         "consultation", c.id, "Em đã góp ý cho \"" + c.title + "\". Em xem điều đã xảy ra nhé!",
         "consultation:" + c.id + ":feedback:pupil:" + pupil_id, now, std::nullopt});
  return c;
}

std::vector<HeardBack> Consultations::heard_back(const Principal& pupil) {
  std::vector<HeardBack> items;
  for (const auto& r : storage_.consultations().responses_of_pupil(pupil.id)) {
    auto c = storage_.consultations().consultation(r.consultation_id);
    if (!c || c->status != ConsultationStatus::kFeedbackGiven) continue;
    std::string given_at = c->updated_at;
    for (const auto& step : c->lifecycle)
      if (step.status == ConsultationStatus::kFeedbackGiven) given_at = step.at;
    auto feedback = c->feedback.find(r.age_band);
    items.push_back({c->id, c->title, r.age_band,
                     feedback == c->feedback.end() ? std::nullopt
                                                   : std::optional<BandFeedback>(feedback->second),
                     given_at});
  }
  std::reverse(items.begin(), items.end());
  return items;
}

std::vector<Consultation> Consultations::list_for_adult(
    const Principal& actor, const Page& page, const std::optional<ConsultationStatus>& status) {
  std::vector<Consultation> out;
  Page cursor = page;
  // Filter by scope page by page so the caller still gets `limit` items when there are enough.
  for (int rounds = 0; rounds < 50 && static_cast<int>(out.size()) < page.limit; ++rounds) {
    auto batch = storage_.consultations().consultations(cursor, status);
    for (auto& c : batch) {
      bool visible =
          actor.is_admin() || organisation_.covers(actor, c.owner_unit_id) ||
          std::any_of(c.audience_unit_ids.begin(), c.audience_unit_ids.end(),
                      [&](const std::string& u) { return organisation_.covers(actor, u); }) ||
          open_to_classes_of(actor, c) || (actor.role == Role::kOfficial && results_out(c.status));
      if (visible && static_cast<int>(out.size()) < page.limit) out.push_back(std::move(c));
    }
    if (static_cast<int>(batch.size()) < cursor.limit) break;
    cursor.after = batch.back().id;
  }
  return out;
}

Consultation Consultations::get_for_adult(const Principal& actor, const std::string& id) {
  return readable(actor, id);
}

std::vector<Consultation> Consultations::open_for_pupil(const Principal& pupil) {
  std::vector<Consultation> out;
  std::string now = clock_.now_text();
  Page page{std::nullopt, 200};
  for (int rounds = 0; rounds < 50; ++rounds) {
    auto batch = storage_.consultations().consultations(page, ConsultationStatus::kPublished);
    for (auto& c : batch)
      if (c.opens_at <= now && now < c.closes_at &&
          in_audience(c, pupil.unit_id, pupil.reference_epoch) &&
          std::find(c.audience_bands.begin(), c.audience_bands.end(), pupil.age_band) !=
              c.audience_bands.end())
        out.push_back(std::move(c));
    if (static_cast<int>(batch.size()) < page.limit) break;
    page.after = batch.back().id;
  }
  return out;
}

PupilSummary Consultations::summary_for_pupil(const Consultation& c, const std::string& band) {
  auto card = c.info_cards.find(band);
  return {c.id,           c.title, c.closes_at,
          c.feedback_due, band,    card == c.info_cards.end() ? InfoCard{} : card->second,
          c.info_version, c.status};
}

Consultation Consultations::open_to(const Principal& pupil, const std::string& id) {
  // Kept under the epoch the pupil signed in with: any change to the consultation moves it.
  // (Its results version, which moves with every batch of answers, is not used here.)
  const auto& epoch = pupil.reference_epoch;
  std::shared_ptr<const Consultation> kept;
  if (epoch) kept = kept_consultations_.get(*epoch, id).value_or(nullptr);
  if (!kept) {
    kept = std::make_shared<const Consultation>(require(id));
    if (epoch) kept_consultations_.put(*epoch, id, kept);
  }
  const Consultation& c = *kept;
  bool audience = in_audience(c, pupil.unit_id, epoch) &&
                  std::find(c.audience_bands.begin(), c.audience_bands.end(), pupil.age_band) !=
                      c.audience_bands.end();
  if (c.status == ConsultationStatus::kDraft) throw NotFound("No such consultation.");
  if (!audience) throw Forbidden("This consultation is for other children.", "not_in_audience");
  return c;
}

PupilView Consultations::view_for_band(const Consultation& c, const std::string& band) {
  PupilView view{summary_for_pupil(c, band), {}, is_youngest_band(band), std::nullopt};
  for (const auto& q : *c.questions) view.questions.push_back(question_for_band(q, band));
  if (c.status == ConsultationStatus::kFeedbackGiven) {
    auto feedback = c.feedback.find(band);
    view.feedback = feedback == c.feedback.end() ? BandFeedback(std::string()) : feedback->second;
  }
  return view;
}

PupilView Consultations::view_for_pupil(const Principal& pupil, const std::string& id) {
  return view_for_band(open_to(pupil, id), pupil.age_band);
}

PupilView Consultations::preview_for_band(const Principal& actor, const std::string& id,
                                          const std::string& band) {
  if (!is_band(band)) throw Invalid("band", "Unknown age band " + band.substr(0, 40) + ".");
  return view_for_band(managed(actor, id), band);
}

PreparedAnswer Consultations::prepare_answer(const Principal& pupil, const std::string& id,
                                             const Answers& answers,
                                             const std::optional<std::string>& gender,
                                             const std::optional<std::string>& idempotency_key) {
  Consultation c = open_to(pupil, id);
  std::string now = clock_.now_text();
  if (c.status != ConsultationStatus::kPublished || now >= c.closes_at)
    throw Conflict("This consultation has closed. Thank you for wanting to answer!",
                   "consultation_closed");
  if (now < c.opens_at)
    throw Conflict("This consultation has not opened yet.", "consultation_not_open");
  if (gender && std::find(genders().begin(), genders().end(), *gender) == genders().end())
    throw Invalid("gender", "gender is girl, boy, other or prefer_not_to_say (or left out).");
  if (idempotency_key && (idempotency_key->empty() || idempotency_key->size() > 100))
    throw Invalid("Idempotency-Key", "The Idempotency-Key header must be 1 to 100 characters.");

  const auto& questions = *c.questions;
  CheckedAnswers checked = check_answers(questions, answers);
  auto earlier = storage_.consultations().response_of(c.id, pupil.id);
  if (earlier && idempotency_key && earlier->idempotency_key == idempotency_key &&
      earlier->answers == checked.answers)
    return {{*earlier, false, false}, std::nullopt};  // a retry of the same request

  ConsultationResponse r;
  r.id = earlier ? earlier->id : new_ordered_id("rsp");
  r.consultation_id = c.id;
  r.pupil_id = pupil.id;
  r.channel = Channel::kOnline;
  r.age_band = pupil.age_band;
  r.gender = gender.value_or("unknown");
  r.unit_id = pupil.unit_id;
  r.info_version = c.info_version;
  r.answers = checked.answers;
  r.idempotency_key = idempotency_key;
  r.created_at = earlier ? earlier->created_at : now;
  r.updated_at = now;

  std::vector<ResultCounter> deltas = deltas_for(checked.keys, r, +1);
  if (earlier) {
    auto undo = deltas_for(answer_keys(questions, earlier->answers), *earlier, -1);
    deltas.insert(deltas.end(), undo.begin(), undo.end());
  }
  std::vector<Submission> texts;
  bool needs_support = false;
  for (const auto& [question_id, text] : checked.texts) {
    Submission s;
    s.id = new_ordered_id("sub");
    s.pupil_id = pupil.id;
    s.unit_id = pupil.unit_id;
    s.kind = SubmissionKind::kOpinion;
    s.text = text;
    s.topic = c.title;
    s.status = SubmissionStatus::kSubmitted;
    s.created_at = s.updated_at = now;
    s.consultation_id = c.id;
    s.response_id = r.id;
    screen_submission(screen_, s);
    needs_support = needs_support || s.queue == Queue::kSafeguarding;
    texts.push_back(std::move(s));
  }
  ChildWrite write{r,
                   earlier.has_value(),
                   earlier,
                   std::move(deltas),
                   std::move(texts),
                   audit_.draft(AuditActor::of(pupil),
                                earlier ? "consultation.answer_replace" : "consultation.answer",
                                "consultation", c.id)};
  return {{r, earlier.has_value(), needs_support}, std::move(write)};
}

std::optional<ConsultationResponse> Consultations::my_answers(const Principal& pupil,
                                                              const std::string& id) {
  open_to(pupil, id);
  return storage_.consultations().response_of(id, pupil.id);
}

std::vector<ExportedResponse> Consultations::answers_for_export(
    const std::string& pupil_id, const std::string& band,
    const std::vector<Submission>& withheld_texts) {
  std::set<std::pair<std::string, std::string>> withheld;  // (response id, text)
  for (const auto& s : withheld_texts)
    if (s.response_id) withheld.insert({*s.response_id, s.text});

  std::vector<ExportedResponse> out;
  for (const auto& r : storage_.consultations().responses_of_pupil(pupil_id)) {
    auto c = storage_.consultations().consultation(r.consultation_id);
    if (!c) continue;
    ExportedResponse exported{c->id, c->title, r.created_at, r.updated_at, {}};
    for (const auto& q : *c->questions) {
      auto stored = r.answers.find(q.id);
      if (stored == r.answers.end()) continue;
      const auto& value = stored->second;
      const auto* text = std::get_if<std::string>(&value);
      if (text && withheld.count({r.id, *text})) continue;
      exported.answers.push_back(
          {q.id, question_for_band(q, band).text, value, answer_in_words(q, value, band)});
    }
    out.push_back(std::move(exported));
  }
  return out;
}

std::string Consultations::batch_unit(const Principal& actor, const Consultation& c,
                                      const std::string& unit_id) {
  if (c.status != ConsultationStatus::kPublished && c.status != ConsultationStatus::kClosed)
    throw Conflict(
        "Paper and forum answers are added while the consultation is open or just closed.",
        "not_published");
  if (!storage_.organisation().unit(unit_id) || !organisation_.covers(actor, unit_id))
    throw Invalid("unit_id", "unit_id must be one of your units.");
  if (!in_audience(c, unit_id))
    throw Invalid("unit_id", "That unit is not in this consultation's audience.");
  return unit_id;
}

PaperBatch Consultations::add_paper(const Principal& actor, const std::string& id,
                                    const PaperInput& input) {
  Consultation c = readable(actor, id);
  std::string unit = batch_unit(actor, c, input.unit_id);
  if (input.sheets.empty() || input.sheets.size() > 5000)
    throw Invalid("sheets", "A batch has 1 to 5000 sheets.");
  if (input.sheet_count && *input.sheet_count != static_cast<int>(input.sheets.size()))
    throw Invalid("sheet_count", "sheet_count does not match the sheets sent.");
  const auto& questions = *c.questions;
  std::string now = clock_.now_text();
  PaperBatch batch{new_id("bat"),
                   c.id,
                   Channel::kPaper,
                   clean_code("reference", input.reference),
                   static_cast<int>(input.sheets.size()),
                   static_cast<int>(input.sheets.size()),
                   {},
                   unit,
                   "",
                   actor.id,
                   now};
  std::vector<ConsultationResponse> sheets;
  std::vector<ResultCounter> deltas;
  std::vector<Unprocessable::Problem> problems;
  for (std::size_t i = 0; i < input.sheets.size(); ++i) {
    const auto& s = input.sheets[i];
    std::string field = "sheets[" + std::to_string(i) + "]";
    if (std::find(c.audience_bands.begin(), c.audience_bands.end(), s.age_band) ==
        c.audience_bands.end()) {
      problems.push_back({field + ".age_band", "The age band must be one of the consultation's."});
      continue;
    }
    if (s.gender != "unknown" &&
        std::find(genders().begin(), genders().end(), s.gender) == genders().end()) {
      problems.push_back(
          {field + ".gender", "gender is girl, boy, other or prefer_not_to_say (or left out)."});
      continue;
    }
    if (!s.answers) {
      problems.push_back(
          {field + ".answers", "answers must be an object of question id → answer."});
      continue;
    }
    try {
      auto checked = check_answers(questions, *s.answers);
      ConsultationResponse r{new_ordered_id("rsp"),
                             c.id,
                             std::nullopt,
                             Channel::kPaper,
                             s.age_band,
                             s.gender,
                             unit,
                             c.info_version,
                             checked.answers,
                             std::nullopt,
                             batch.id,
                             now,
                             now};
      auto d = deltas_for(checked.keys, r, +1);
      deltas.insert(deltas.end(), d.begin(), d.end());
      sheets.push_back(std::move(r));
    } catch (const Unprocessable& e) {
      for (const auto& p : e.problems()) problems.push_back({field + "." + p.field, p.message});
    } catch (const Invalid& e) {
      problems.push_back({field + "." + e.field(), e.what()});
    }
  }
  if (!problems.empty())
    throw Unprocessable("invalid_batch", "Some sheets cannot be added; nothing was added.",
                        problems);
  atomically(storage_, [&] {
    storage_.consultations().save_batch(batch, sheets, deltas, {});
    audit_.record(AuditActor::of(actor), "consultation.paper_batch", "consultation", c.id, "",
                  {{"sheets", batch.sheets}});
  });
  return batch;
}

PaperBatch Consultations::add_forum(const Principal& actor, const std::string& id,
                                    const ForumInput& input) {
  Consultation c = readable(actor, id);
  std::string unit = batch_unit(actor, c, input.unit_id);
  const auto& questions = *c.questions;
  std::string now = clock_.now_text();
  PaperBatch batch{new_id("bat"),
                   c.id,
                   Channel::kForum,
                   clean_code("reference", input.reference),
                   0,
                   0,
                   {},
                   unit,
                   clean_text("notes", input.notes, 0, 10000),
                   actor.id,
                   now};
  std::vector<ResultCounter> deltas;
  std::vector<Unprocessable::Problem> problems;
  for (const auto& [band, n] : input.participants) {
    if (std::find(c.audience_bands.begin(), c.audience_bands.end(), band) ==
            c.audience_bands.end() ||
        n < 0 || n > 100000) {
      problems.push_back(
          {"participants." + band, "Participants are counted per audience age band, 0 to 100000."});
      continue;
    }
    batch.participants += static_cast<int>(n);
    batch.participants_by_band[band] = n;
    deltas.push_back({"_all", "_respondents", band, "unknown", unit, Channel::kForum, n});
  }
  if (batch.participants == 0)
    problems.push_back({"participants", "Count the children who took part."});
  for (std::size_t i = 0; i < input.tallies.size(); ++i) {
    const auto& t = input.tallies[i];
    std::string field = "tallies[" + std::to_string(i) + "]";
    auto q = std::find_if(questions.begin(), questions.end(),
                          [&](const Question& x) { return x.id == t.question_id; });
    std::vector<std::string> keys;
    if (q != questions.end()) keys = tally_keys(*q);
    if (std::find(keys.begin(), keys.end(), t.option) == keys.end())
      problems.push_back(
          {field, "Tallies count the options of choice, scale and yes/no questions."});
    else if (!input.participants.count(t.age_band))
      problems.push_back({field + ".age_band", "Count participants of this age band first."});
    else if (t.count < 0 || t.count > input.participants.at(t.age_band))
      problems.push_back(
          {field + ".count", "A tally cannot exceed the participants of its age band."});
    else {
      deltas.push_back(
          {t.question_id, t.option, t.age_band, "unknown", unit, Channel::kForum, t.count});
      if (one_key_each(q->type))
        deltas.push_back(
            {t.question_id, "_answered", t.age_band, "unknown", unit, Channel::kForum, t.count});
    }
  }
  if (!problems.empty())
    throw Unprocessable("invalid_batch", "The forum record cannot be added; nothing was added.",
                        problems);
  atomically(storage_, [&] {
    storage_.consultations().save_batch(batch, {}, deltas, {});
    audit_.record(AuditActor::of(actor), "consultation.forum_record", "consultation", c.id, "",
                  {{"participants", batch.participants}});
  });
  return batch;
}

std::vector<PaperBatch> Consultations::batches(const Principal& actor, const std::string& id) {
  readable(actor, id);
  return storage_.consultations().batches(id);
}

}  // namespace ln
