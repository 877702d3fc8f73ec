#include "api/views/consultation_views.h"

#include "api/http/shape.h"
#include "api/views/views.h"
#include "base/errors.h"
#include "store/consultation_columns.h"

namespace ln::api {
namespace {

nlohmann::json status_schema() {
  return text()
      .one_of({"draft", "published", "closed", "results_published", "feedback_given"})
      .schema();
}

Value count_or_null() {
  return integer().or_null().describe("null when hidden");
}

nlohmann::json counts_json(const std::vector<ShownCount>& counts) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& n : counts) out.push_back(or_null(n));
  return out;
}

nlohmann::json band_question_json(const BandQuestion& q) {
  nlohmann::json j = {{"id", q.id}, {"type", word(q.type)}, {"text", q.text}, {"skippable", true}};
  if (q.options) {
    j["options"] = nlohmann::json::array();
    for (const auto& o : *q.options) j["options"].push_back({{"id", o.id}, {"text", o.text}});
  }
  if (q.max_choices) j["max_choices"] = *q.max_choices;
  if (q.rank_count) j["rank_count"] = *q.rank_count;
  if (q.labels) j["labels"] = *q.labels;
  if (q.faces) j["faces"] = *q.faces;
  if (q.max_length) j["max_length"] = *q.max_length;
  return j;
}

nlohmann::json breakdown_json(const Breakdown& b) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& r : b.rows)
    rows.push_back(
        {{"key", r.key}, {"counts", counts_json(r.counts)}, {"total", or_null(r.total)}});
  return {{"groups", b.groups}, {"rows", rows}, {"totals", counts_json(b.totals)}};
}

nlohmann::json groups_json(const std::vector<RepresentedGroup>& groups) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& g : groups) {
    nlohmann::json j = {{"group", g.group}, {"respondents", or_null(g.respondents)}};
    if (g.enrolled) j["enrolled"] = or_null(*g.enrolled);
    if (g.under_represented) j["under_represented"] = or_null(*g.under_represented);
    list.push_back(j);
  }
  return list;
}

std::string text_of(const nlohmann::json& j, const char* key, const std::string& field) {
  if (!j.contains(key) || !j[key].is_string())
    throw Invalid(field + "." + key, "Say " + std::string(key) + " in words for the children.");
  return j[key];
}

}  // namespace

nlohmann::json consultation_json(const Consultation& c, const ShownCount& responses) {
  return {{"id", c.id},
          {"title", c.title},
          {"purpose", c.purpose},
          {"owner_unit_id", c.owner_unit_id},
          {"audience_unit_ids", c.audience_unit_ids},
          {"audience_bands", c.audience_bands},
          {"opens_at", c.opens_at},
          {"closes_at", c.closes_at},
          {"decision", c.decision},
          {"decision_maker", c.decision_maker},
          {"decision_due", c.decision_due},
          {"feedback_due", c.feedback_due},
          {"info_cards", store::info_cards_json(c.info_cards)},
          {"info_version", c.info_version},
          {"questions", store::questions_json(*c.questions)},
          {"status", word(c.status)},
          {"lifecycle", store::lifecycle_json(c.lifecycle)},
          {"feedback", store::feedback_json(c.feedback)},
          {"responses", or_null(responses)},
          {"created_at", c.created_at},
          {"updated_at", c.updated_at}};
}

nlohmann::json consultation_schema() {
  return Shape{required("id", id()),
               required("title", text()),
               required("purpose", text()),
               required("owner_unit_id", id()),
               required("audience_unit_ids", list_of(id())),
               required("audience_bands", list_of(text())),
               required("opens_at", text()),
               required("closes_at", text()),
               required("decision", text()),
               required("decision_maker", text()),
               required("decision_due", text()),
               required("feedback_due", text()),
               required("info_cards", any()),
               required("info_version", integer()),
               required("questions", list_of(any())),
               required("status", Value(status_schema())),
               required("lifecycle", any()),
               required("feedback", any()),
               required("responses", any().describe("answers counted so far (null when hidden)")),
               required("created_at", timestamp()),
               required("updated_at", timestamp())}
      .schema();
}

nlohmann::json response_json(const ConsultationResponse& r) {
  return {{"id", r.id},
          {"consultation_id", r.consultation_id},
          {"channel", word(r.channel)},
          {"age_band", r.age_band},
          {"info_version", r.info_version},
          {"answers", store::answers_json(r.answers)},
          {"created_at", r.created_at},
          {"updated_at", r.updated_at}};
}

nlohmann::json response_schema() {
  return Shape{required("id", id()),
               required("consultation_id", id()),
               required("channel", text()),
               required("age_band", text()),
               required("info_version", integer()),
               required("answers", any()),
               required("created_at", timestamp()),
               required("updated_at", timestamp())}
      .schema();
}

nlohmann::json batch_json(const PaperBatch& b) {
  return {{"id", b.id},
          {"channel", word(b.channel)},
          {"reference", b.reference},
          {"sheets", b.sheets},
          {"participants", b.participants},
          {"participants_by_band", store::participants_json(b.participants_by_band)},
          {"unit_id", b.unit_id},
          {"notes", b.notes},
          {"created_at", b.created_at}};
}

nlohmann::json batch_schema() {
  return Shape{required("id", id()),
               required("channel", text().one_of({"paper", "forum"})),
               required("reference", text()),
               required("sheets", integer()),
               required("participants", integer()),
               required("participants_by_band", map_of(integer())),
               required("unit_id", id()),
               required("notes", text()),
               required("created_at", timestamp())}
      .schema();
}

nlohmann::json pupil_summary_json(const PupilSummary& s) {
  return {{"id", s.id},
          {"title", s.title},
          {"closes_at", s.closes_at},
          {"feedback_due", s.feedback_due},
          {"age_band", s.age_band},
          {"info_card", store::info_card_json(s.info_card)},
          {"info_version", s.info_version},
          {"status", word(s.status)}};
}

nlohmann::json pupil_view_json(const PupilView& v) {
  auto j = pupil_summary_json(v.summary);
  j["questions"] = nlohmann::json::array();
  for (const auto& q : v.questions) j["questions"].push_back(band_question_json(q));
  j["one_question_per_screen"] = v.one_question_per_screen;
  if (v.feedback) j["feedback"] = store::band_feedback_json(*v.feedback);
  return j;
}

nlohmann::json heard_back_json(const std::vector<HeardBack>& items) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& h : items)
    list.push_back({{"id", h.id},
                    {"title", h.title},
                    {"age_band", h.age_band},
                    {"feedback", h.feedback ? store::band_feedback_json(*h.feedback) : nullptr},
                    {"given_at", h.given_at}});
  return {{"items", list}};
}

nlohmann::json heard_back_schema() {
  return Shape{
      required("items",
               list_of(object_of(Shape{
                   required("id", id()), required("title", text()), required("age_band", text()),
                   required("feedback", any().describe("a text, or {you_said, we_did, why, "
                                                       "what_next}; null for none")),
                   required("given_at", text())})))}
      .schema();
}

nlohmann::json exported_answers_json(const std::vector<ExportedResponse>& responses) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : responses) {
    nlohmann::json answers = nlohmann::json::array();
    for (const auto& a : r.answers)
      answers.push_back({{"question_id", a.question_id},
                         {"question", a.question},
                         {"answer", store::answer_json(a.answer)},
                         {"answer_in_words", store::answer_json(a.answer_in_words)}});
    out.push_back({{"consultation_id", r.consultation_id},
                   {"consultation", r.consultation},
                   {"answered_at", r.answered_at},
                   {"changed_at", r.changed_at},
                   {"answers", std::move(answers)}});
  }
  return out;
}

nlohmann::json results_json(const ConsultationResults& r) {
  nlohmann::json questions = nlohmann::json::array();
  for (const auto& q : r.questions) {
    nlohmann::json options = nlohmann::json::array();
    for (const auto& o : q.options)
      options.push_back({{"key", o.key}, {"text", o.text}, {"count", or_null(o.count)}});
    nlohmann::json j = {{"id", q.id},
                        {"type", word(q.type)},
                        {"text", q.text},
                        {"answered", or_null(q.answered)},
                        {"options", options}};
    if (q.mean) j["mean"] = *q.mean;
    if (q.scores) {
      j["scores"] = nlohmann::json::array();
      for (const auto& s : *q.scores)
        j["scores"].push_back({{"key", s.key}, {"text", s.text}, {"score", s.score}});
    }
    j["breakdowns"] = nlohmann::json::object();
    for (const auto& [dimension, b] : q.breakdowns) j["breakdowns"][dimension] = breakdown_json(b);
    questions.push_back(j);
  }
  return {{"consultation_id", r.consultation_id},
          {"title", r.title},
          {"status", word(r.status)},
          {"threshold", r.threshold},
          {"respondents", or_null(r.respondents)},
          {"questions", questions}};
}

nlohmann::json results_schema() {
  auto breakdown = object_of(
      Shape{required("groups", list_of(text())),
            required("rows", list_of(object_of(Shape{required("key", text()),
                                                     required("counts", list_of(count_or_null())),
                                                     required("total", count_or_null())}))),
            required("totals", list_of(count_or_null()))});
  auto question = object_of(Shape{
      required("id", text()), required("type", text()), required("text", text()),
      required("answered", count_or_null()),
      required("options", list_of(object_of(Shape{required("key", text()), required("text", text()),
                                                  required("count", count_or_null())}))),
      optional("mean", number().describe("scales, when every count is shown")),
      optional("scores", list_of(object_of(Shape{required("key", text()), required("text", text()),
                                                 required("score", integer())}))),
      required("breakdowns",
               map_of(std::move(breakdown)).describe("by age_band, gender, unit and channel"))});
  return Shape{required("consultation_id", id()),
               required("title", text()),
               required("status", Value(status_schema())),
               required("threshold", integer()),
               required("respondents", count_or_null()),
               required("questions", list_of(std::move(question)))}
      .schema();
}

nlohmann::json representativeness_json(const Representativeness& r) {
  return {{"consultation_id", r.consultation_id},  {"threshold", r.threshold},
          {"respondents", or_null(r.respondents)}, {"enrolled", or_null(r.enrolled)},
          {"age_band", groups_json(r.age_band)},   {"unit", groups_json(r.unit)},
          {"gender", groups_json(r.gender)},       {"channel", groups_json(r.channel)}};
}

nlohmann::json representativeness_schema() {
  auto enrolled_groups = list_of(object_of(Shape{
      required("group", text()), required("respondents", count_or_null()),
      required("enrolled", count_or_null()),
      required("under_represented", boolean().or_null().describe("null when not comparable"))}));
  auto groups = list_of(
      object_of(Shape{required("group", text()), required("respondents", count_or_null())}));
  return Shape{required("consultation_id", id()),
               required("threshold", integer()),
               required("respondents", count_or_null()),
               required("enrolled", count_or_null()),
               required("age_band", enrolled_groups),
               required("unit", enrolled_groups),
               required("gender", groups),
               required("channel", groups)}
      .schema();
}

nlohmann::json classes_answered_json(const ClassesAnswered& c) {
  nlohmann::json classes = nlohmann::json::array();
  for (const auto& k : c.classes)
    classes.push_back({{"class_id", k.class_id},
                       {"school_id", k.school_id},
                       {"name", k.name},
                       {"grade", k.grade},
                       {"answered", or_null(k.answered)}});
  return {{"consultation_id", c.consultation_id},
          {"status", word(c.status)},
          {"threshold", c.threshold},
          {"classes", classes}};
}

nlohmann::json classes_answered_schema() {
  return Shape{
      required("consultation_id", id()), required("status", text()),
      required("threshold", integer()),
      required("classes", list_of(object_of(Shape{
                              required("class_id", id()), required("school_id", id()),
                              required("name", text()), required("grade", integer().range(1, 12)),
                              required("answered", integer().or_null())})))}
      .schema();
}

std::map<std::string, InfoCard> info_cards_of(const nlohmann::json& value) {
  if (!value.is_object())
    throw Invalid("info_cards", "info_cards must be age band → {why, who_reads, hear_back}.");
  std::map<std::string, InfoCard> cards;
  for (const auto& [band, card] : value.items()) {
    std::string field = "info_cards." + band;
    if (!card.is_object())
      throw Invalid(field, "An information card is {why, who_reads, hear_back}.");
    InfoCard read;
    for (const auto& [key, v] : card.items()) {
      std::optional<std::string>* part = key == "why"         ? &read.why
                                         : key == "who_reads" ? &read.who_reads
                                         : key == "hear_back" ? &read.hear_back
                                                              : nullptr;
      if (!part) throw Invalid(field + "." + key, "Unknown field.");
      if (!v.is_string()) throw Invalid(field + "." + key, "Must be text.");
      *part = v.get<std::string>();
    }
    cards[band] = read;
  }
  return cards;
}

std::map<std::string, BandFeedback> feedback_of(const nlohmann::json& value) {
  if (!value.is_object())
    throw Invalid("feedback", "feedback is age band → text for the children.");
  static const std::vector<std::string> kParts = {"you_said", "we_did", "why", "what_next"};
  std::map<std::string, BandFeedback> feedback;
  for (const auto& [band, words] : value.items()) {
    std::string field = "feedback." + band.substr(0, 40);
    if (words.is_string()) {
      feedback[band] = words.get<std::string>();
      continue;
    }
    if (!words.is_object())
      throw Invalid(field, "Each band's feedback is a text or {you_said, we_did, why, what_next}.");
    for (const auto& [part, text] : words.items())
      if (std::find(kParts.begin(), kParts.end(), part) == kParts.end())
        throw Invalid(field + "." + part.substr(0, 40),
                      "The parts are you_said, we_did, why and what_next.");
    feedback[band] =
        FeedbackParts{text_of(words, "you_said", field), text_of(words, "we_did", field),
                      text_of(words, "why", field), text_of(words, "what_next", field)};
  }
  return feedback;
}

Answers answers_of(const nlohmann::json& value, const std::string& field) {
  if (!value.is_object())
    throw Invalid(field, "answers must be an object of question id → answer.");
  Answers answers;
  for (const auto& [id, v] : value.items())
    if (!v.is_null()) answers[id] = store::answer_of(v);
  return answers;
}

}  // namespace ln::api
