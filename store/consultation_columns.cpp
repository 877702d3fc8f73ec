#include "store/consultation_columns.h"

#include <algorithm>
#include <set>

#include "base/errors.h"
#include "base/validate.h"
#include "consult/age_bands.h"
#include "consult/question_cache.h"

namespace ln::store {
namespace {

std::string id_of(const nlohmann::json& v, const std::string& field) {
  if (!v.is_string()) throw Invalid(field, field + " must be a string id.");
  auto id = v.get<std::string>();
  if (id.empty() || id.size() > 40 || !std::all_of(id.begin(), id.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '_' || c == '-';
      }))
    throw Invalid(field, field + " must be 1–40 letters, digits, '_' or '-'.");
  return id;
}

Wording wording_of(const nlohmann::json& v, const std::string& field, std::size_t max) {
  Wording w;
  if (v.is_null()) return w;
  if (!v.is_object()) throw Invalid(field, field + " must be an object of age band → text.");
  for (const auto& [band, text] : v.items()) {
    if (!is_band(band)) throw Invalid(field + "." + band, "Unknown age band " + band + ".");
    if (!text.is_string()) throw Invalid(field + "." + band, "The wording must be text.");
    w[band] = clean_text(field + "." + band, text.get<std::string>(), 1, max);
  }
  return w;
}

int int_of(const nlohmann::json& q, const char* key, const std::string& field) {
  if (!q.contains(key) || q[key].is_null()) return 0;
  if (!q[key].is_number_integer())
    throw Invalid(field + "." + key, std::string(key) + " must be a whole number.");
  auto n = q[key].get<long long>();
  if (n < 0 || n > 10000) throw Invalid(field + "." + key, std::string(key) + " is out of range.");
  return static_cast<int>(n);
}

std::vector<std::string> strings_of(const nlohmann::json& v, const std::string& field,
                                    std::size_t max) {
  std::vector<std::string> out;
  if (v.is_null()) return out;
  if (!v.is_array() || v.size() > 10)
    throw Invalid(field, field + " must be a short list of texts.");
  for (const auto& item : v) {
    if (!item.is_string()) throw Invalid(field, field + " must be a list of texts.");
    out.push_back(clean_text(field, item.get<std::string>(), 1, max));
  }
  return out;
}

std::optional<std::string> optional_text(const nlohmann::json& j, const char* key) {
  if (!j.contains(key) || !j[key].is_string()) return std::nullopt;
  return j[key].get<std::string>();
}

}  // namespace

std::vector<Question> parse_questions(const nlohmann::json& value) {
  if (!value.is_array()) throw Invalid("questions", "questions must be a list.");
  if (value.size() > 60)
    throw Invalid("questions", "A consultation may have at most 60 questions.");
  std::vector<Question> out;
  std::set<std::string> ids;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto& q = value[i];
    std::string field = "questions[" + std::to_string(i) + "]";
    if (!q.is_object()) throw Invalid(field, "Each question must be an object.");
    for (const auto& [key, v] : q.items()) {
      static const std::set<std::string> known = {"id",           "type",        "text",
                                                  "options",      "max_choices", "rank_count",
                                                  "scale_labels", "faces",       "max_length"};
      if (!known.count(key)) throw Invalid(field + "." + key, "Unknown field.");
    }
    Question question;
    question.id = id_of(q.value("id", nlohmann::json()), field + ".id");
    if (!ids.insert(question.id).second)
      throw Invalid(field + ".id", "Two questions have the id " + question.id + ".");
    auto type = q.contains("type") && q["type"].is_string()
                    ? question_type(q["type"].get<std::string>())
                    : std::nullopt;
    if (!type) throw Invalid(field + ".type", "type must be " + question_type_words() + ".");
    question.type = *type;
    question.text = wording_of(q.value("text", nlohmann::json()), field + ".text", 500);
    if (q.contains("options") && !q["options"].is_null()) {
      if (!q["options"].is_array() || q["options"].size() > 20)
        throw Invalid(field + ".options", "options must be a list of at most 20.");
      std::set<std::string> option_ids;
      for (std::size_t j = 0; j < q["options"].size(); ++j) {
        const auto& o = q["options"][j];
        std::string ofield = field + ".options[" + std::to_string(j) + "]";
        if (!o.is_object()) throw Invalid(ofield, "Each option must be an object.");
        QuestionOption option{id_of(o.value("id", nlohmann::json()), ofield + ".id"),
                              wording_of(o.value("text", nlohmann::json()), ofield + ".text", 200)};
        if (option.id.rfind('_', 0) == 0)
          throw Invalid(ofield + ".id", "Option ids may not start with '_'.");
        if (!option_ids.insert(option.id).second)
          throw Invalid(ofield + ".id", "Two options have the id " + option.id + ".");
        question.options.push_back(std::move(option));
      }
    }
    question.max_choices = int_of(q, "max_choices", field);
    question.rank_count = int_of(q, "rank_count", field);
    if (q.contains("max_length") && !q["max_length"].is_null())
      question.max_length = int_of(q, "max_length", field);
    if (q.contains("scale_labels") && !q["scale_labels"].is_null()) {
      if (!q["scale_labels"].is_object())
        throw Invalid(field + ".scale_labels", "scale_labels must be band → 5 labels.");
      for (const auto& [band, labels] : q["scale_labels"].items())
        question.scale_labels[band] = strings_of(labels, field + ".scale_labels." + band, 60);
    }
    if (q.contains("faces")) question.faces = strings_of(q["faces"], field + ".faces", 16);
    out.push_back(std::move(question));
  }
  return out;
}

nlohmann::json questions_json(const std::vector<Question>& questions) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& q : questions) {
    const auto parts = parts_of(q.type);
    nlohmann::json j = {{"id", q.id}, {"type", word(q.type)}, {"text", q.text}};
    if (parts.options) {
      j["options"] = nlohmann::json::array();
      for (const auto& o : q.options) j["options"].push_back({{"id", o.id}, {"text", o.text}});
    }
    if (parts.max_choices) j["max_choices"] = q.max_choices;
    if (parts.rank_count) j["rank_count"] = q.rank_count;
    if (parts.scale) {
      j["scale_labels"] = q.scale_labels;
      j["faces"] = q.faces;
    }
    if (parts.max_length) j["max_length"] = q.max_length;
    out.push_back(j);
  }
  return out;
}

QuestionList questions_from_column(const std::string& text) {
  static QuestionCache cache(
      [](const std::string& t) { return parse_questions(nlohmann::json::parse(t)); });
  return cache.of(text);
}

std::string questions_column(const std::vector<Question>& questions) {
  return questions_json(questions).dump();
}

nlohmann::json info_card_json(const InfoCard& card) {
  nlohmann::json j = nlohmann::json::object();
  if (card.why) j["why"] = *card.why;
  if (card.who_reads) j["who_reads"] = *card.who_reads;
  if (card.hear_back) j["hear_back"] = *card.hear_back;
  return j;
}

nlohmann::json info_cards_json(const std::map<std::string, InfoCard>& cards) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [band, card] : cards) j[band] = info_card_json(card);
  return j;
}

std::map<std::string, InfoCard> info_cards_from_column(const std::string& text) {
  std::map<std::string, InfoCard> cards;
  const auto j = nlohmann::json::parse(text);
  for (const auto& [band, card] : j.items())
    cards[band] = {optional_text(card, "why"), optional_text(card, "who_reads"),
                   optional_text(card, "hear_back")};
  return cards;
}

nlohmann::json lifecycle_json(const std::vector<LifecycleStep>& steps) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& s : steps) j.push_back({{"status", word(s.status)}, {"at", s.at}, {"by", s.by}});
  return j;
}

std::vector<LifecycleStep> lifecycle_from_column(const std::string& text) {
  std::vector<LifecycleStep> steps;
  const auto j = nlohmann::json::parse(text);
  for (const auto& s : j)
    steps.push_back(
        {consultation_status(s.value("status", "")).value_or(ConsultationStatus::kDraft),
         s.value("at", ""), s.value("by", "")});
  return steps;
}

nlohmann::json band_feedback_json(const BandFeedback& feedback) {
  if (const auto* text = std::get_if<std::string>(&feedback)) return *text;
  const auto& p = std::get<FeedbackParts>(feedback);
  return {
      {"you_said", p.you_said}, {"we_did", p.we_did}, {"why", p.why}, {"what_next", p.what_next}};
}

nlohmann::json feedback_json(const std::map<std::string, BandFeedback>& feedback) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [band, f] : feedback) j[band] = band_feedback_json(f);
  return j;
}

std::map<std::string, BandFeedback> feedback_from_column(const std::string& text) {
  std::map<std::string, BandFeedback> out;
  const auto j = nlohmann::json::parse(text);
  for (const auto& [band, f] : j.items()) {
    if (f.is_string())
      out[band] = f.get<std::string>();
    else
      out[band] = FeedbackParts{f.value("you_said", ""), f.value("we_did", ""), f.value("why", ""),
                                f.value("what_next", "")};
  }
  return out;
}

AnswerValue answer_of(const nlohmann::json& v) {
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_number_integer()) return v.get<std::int64_t>();
  if (v.is_string()) return v.get<std::string>();
  if (v.is_array()) {
    std::vector<std::string> ids;
    for (const auto& item : v) ids.push_back(item.is_string() ? item.get<std::string>() : "");
    return ids;
  }
  return OtherValue{};
}

nlohmann::json answer_json(const AnswerValue& value) {
  return std::visit(
      [](const auto& v) -> nlohmann::json {
        if constexpr (std::is_same_v<std::decay_t<decltype(v)>, OtherValue>)
          return nullptr;
        else
          return v;
      },
      value);
}

nlohmann::json answers_json(const Answers& answers) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [id, v] : answers) j[id] = answer_json(v);
  return j;
}

Answers answers_from_column(const std::string& text) {
  Answers out;
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return out;
  for (const auto& [id, v] : j.items()) out[id] = answer_of(v);
  return out;
}

nlohmann::json participants_json(const std::map<std::string, std::int64_t>& by_band) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [band, n] : by_band) j[band] = n;
  return j;
}

std::map<std::string, std::int64_t> participants_from_column(const std::string& text) {
  std::map<std::string, std::int64_t> out;
  const auto j = nlohmann::json::parse(text);
  for (const auto& [band, n] : j.items())
    if (n.is_number_integer()) out[band] = n.get<std::int64_t>();
  return out;
}

}  // namespace ln::store
