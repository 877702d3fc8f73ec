#include "consult/questions.h"

#include <algorithm>
#include <set>

#include "consult/age_bands.h"
#include "consult/validate.h"

namespace ln {
namespace {

const std::set<std::string> kTypes = {"single", "multiple", "scale", "yes_no", "ranking", "text"};

bool has_options(const std::string& type) {
  return type == "single" || type == "multiple" || type == "ranking";
}

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
    if (!q.contains("type") || !q["type"].is_string() ||
        !kTypes.count(q["type"].get<std::string>()))
      throw Invalid(field + ".type",
                    "type must be single, multiple, scale, yes_no, ranking or text.");
    question.type = q["type"];
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
    nlohmann::json j = {{"id", q.id}, {"type", q.type}, {"text", q.text}};
    if (has_options(q.type)) {
      j["options"] = nlohmann::json::array();
      for (const auto& o : q.options) j["options"].push_back({{"id", o.id}, {"text", o.text}});
    }
    if (q.type == "multiple") j["max_choices"] = q.max_choices;
    if (q.type == "ranking") j["rank_count"] = q.rank_count;
    if (q.type == "scale") {
      j["scale_labels"] = q.scale_labels;
      j["faces"] = q.faces;
    }
    if (q.type == "text") j["max_length"] = q.max_length;
    out.push_back(j);
  }
  return out;
}

nlohmann::json question_for_band(const Question& q, const std::string& band) {
  auto pick = [&](const Wording& w) {
    auto it = w.find(band);
    return it == w.end() ? std::string() : it->second;
  };
  nlohmann::json j = {{"id", q.id}, {"type", q.type}, {"text", pick(q.text)}, {"skippable", true}};
  if (has_options(q.type)) {
    j["options"] = nlohmann::json::array();
    for (const auto& o : q.options) j["options"].push_back({{"id", o.id}, {"text", pick(o.text)}});
  }
  if (q.type == "multiple") j["max_choices"] = q.max_choices;
  if (q.type == "ranking") j["rank_count"] = q.rank_count;
  if (q.type == "scale") {
    auto it = q.scale_labels.find(band);
    j["labels"] = it == q.scale_labels.end() ? nlohmann::json::array() : nlohmann::json(it->second);
    if (is_youngest_band(band)) j["faces"] = q.faces;
  }
  if (q.type == "yes_no")
    j["options"] = {{{"id", "yes"}, {"text", is_youngest_band(band) ? "Có 👍" : "Có"}},
                    {{"id", "no"}, {"text", is_youngest_band(band) ? "Không 👎" : "Không"}}};
  if (q.type == "text") j["max_length"] = q.max_length;
  return j;
}

nlohmann::json answer_in_words(const Question& q, const nlohmann::json& value,
                               const std::string& band) {
  auto shown = question_for_band(q, band);
  auto option_words = [&](const nlohmann::json& id) -> nlohmann::json {
    for (const auto& o : shown.value("options", nlohmann::json::array()))
      if (o["id"] == id) return o["text"];
    return id;
  };
  if (value.is_array()) {
    nlohmann::json words = nlohmann::json::array();
    for (const auto& id : value) words.push_back(option_words(id));
    return words;
  }
  if (q.type == "single") return option_words(value);
  if (q.type == "yes_no" && value.is_boolean())
    return option_words(value.get<bool>() ? "yes" : "no");
  if (q.type == "scale" && value.is_number_integer()) {
    const auto& labels = shown["labels"];
    auto point = value.get<long long>();
    if (point >= 1 && point <= static_cast<long long>(labels.size())) return labels[point - 1];
  }
  return value;
}

std::vector<Unprocessable::Problem> question_problems(const std::vector<Question>& questions,
                                                      const std::vector<std::string>& bands) {
  std::vector<Unprocessable::Problem> problems;
  if (questions.empty())
    problems.push_back({"questions", "A consultation needs at least one question."});
  for (const auto& band : bands) {
    int cap = question_cap(band);
    if (static_cast<int>(questions.size()) > cap)
      problems.push_back({"questions", "At most " + std::to_string(cap) + " questions for the " +
                                           band + " band (" + std::to_string(questions.size()) +
                                           " given)."});
  }
  for (std::size_t i = 0; i < questions.size(); ++i) {
    const auto& q = questions[i];
    std::string field = "questions[" + std::to_string(i) + "]";
    for (const auto& band : bands)
      if (!q.text.count(band))
        problems.push_back({field + ".text." + band, "No wording for the " + band + " band."});
    int n = static_cast<int>(q.options.size());
    if (has_options(q.type)) {
      if (n < 2)
        problems.push_back(
            {field + ".options", "A " + q.type + " question needs at least two options."});
      for (std::size_t j = 0; j < q.options.size(); ++j)
        for (const auto& band : bands)
          if (!q.options[j].text.count(band))
            problems.push_back({field + ".options[" + std::to_string(j) + "].text." + band,
                                "No wording for the " + band + " band."});
    } else if (n > 0) {
      problems.push_back({field + ".options", "A " + q.type + " question has no options."});
    }
    if (q.type == "multiple" && (q.max_choices < 1 || q.max_choices > n))
      problems.push_back(
          {field + ".max_choices", "max_choices must be between 1 and the number of options."});
    if (q.type == "ranking" && (q.rank_count < 1 || q.rank_count > n))
      problems.push_back(
          {field + ".rank_count", "rank_count must be between 1 and the number of options."});
    if (q.type == "scale") {
      for (const auto& band : bands) {
        auto it = q.scale_labels.find(band);
        if (it == q.scale_labels.end() || it->second.size() != 5)
          problems.push_back({field + ".scale_labels." + band,
                              "A scale needs five labels for the " + band + " band."});
      }
      bool youngest = std::any_of(bands.begin(), bands.end(),
                                  [](const std::string& b) { return is_youngest_band(b); });
      if (youngest && q.faces.size() != 5)
        problems.push_back(
            {field + ".faces",
             "A scale for the youngest band needs a face for each of its five points."});
    }
    if (q.type == "text" && (q.max_length < 1 || q.max_length > 2000))
      problems.push_back(
          {field + ".max_length", "max_length must be between 1 and 2000 characters."});
  }
  return problems;
}

std::string question_structure(const std::vector<Question>& questions) {
  nlohmann::json s = nlohmann::json::array();
  for (const auto& q : questions) {
    nlohmann::json options = nlohmann::json::array();
    for (const auto& o : q.options) options.push_back(o.id);
    s.push_back({q.id, q.type, options, q.max_choices, q.rank_count, q.max_length, q.faces.size()});
  }
  return s.dump();
}

namespace {

const QuestionOption* find_option(const Question& q, const std::string& id) {
  for (const auto& o : q.options)
    if (o.id == id) return &o;
  return nullptr;
}

// Checks one answer; returns an error message, or "" when it is good. Fills keys and texts.
std::string check_one(const Question& q, const nlohmann::json& v, CheckedAnswers& out) {
  if (q.type == "single") {
    if (!v.is_string() || !find_option(q, v.get<std::string>()))
      return "Choose one of the options.";
    out.keys.push_back({q.id, v.get<std::string>()});
  } else if (q.type == "multiple" || q.type == "ranking") {
    if (!v.is_array() || v.empty()) return "Give a list of options.";
    int limit = q.type == "multiple" ? q.max_choices : q.rank_count;
    if (static_cast<int>(v.size()) > limit) return "At most " + std::to_string(limit) + " options.";
    std::set<std::string> seen;
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (!v[i].is_string() || !find_option(q, v[i].get<std::string>()))
        return "An option is not one of this question's.";
      if (!seen.insert(v[i].get<std::string>()).second) return "An option appears twice.";
      out.keys.push_back({q.id, q.type == "multiple"
                                    ? v[i].get<std::string>()
                                    : v[i].get<std::string>() + "@" + std::to_string(i + 1)});
    }
  } else if (q.type == "scale") {
    if (!v.is_number_integer() || v.get<long long>() < 1 || v.get<long long>() > 5)
      return "Choose a point from 1 to 5.";
    out.keys.push_back({q.id, std::to_string(v.get<long long>())});
  } else if (q.type == "yes_no") {
    if (!v.is_boolean()) return "Answer true (yes) or false (no).";
    out.keys.push_back({q.id, v.get<bool>() ? "yes" : "no"});
  } else if (q.type == "text") {
    if (!v.is_string()) return "Write your answer as text.";
    std::string text;
    try {
      text = clean_multiline_text("answer", v.get<std::string>(), 1,
                                  static_cast<std::size_t>(q.max_length));
    } catch (const Invalid& e) {
      return e.what();
    }
    out.keys.push_back({q.id, "_text"});
    out.texts.push_back({q.id, text});
  }
  out.keys.push_back({q.id, "_answered"});
  return "";
}

}  // namespace

CheckedAnswers check_answers(const std::vector<Question>& questions,
                             const nlohmann::json& answers) {
  if (!answers.is_object())
    throw Invalid("answers", "answers must be an object of question id → answer.");
  std::vector<Unprocessable::Problem> problems;
  CheckedAnswers out;
  out.answers = nlohmann::json::object();
  for (const auto& [id, value] : answers.items()) {
    std::string field = "answers." + (id.size() > 40 ? id.substr(0, 40) : id);
    auto q = std::find_if(questions.begin(), questions.end(),
                          [&key = id](const Question& x) { return x.id == key; });
    if (q == questions.end()) {
      problems.push_back({field, "There is no such question."});
      continue;
    }
    if (value.is_null()) continue;  // skipped
    CheckedAnswers one;
    std::string problem = check_one(*q, value, one);
    if (!problem.empty()) {
      problems.push_back({field, problem});
      continue;
    }
    out.answers[id] = value;
    out.keys.insert(out.keys.end(), one.keys.begin(), one.keys.end());
    out.texts.insert(out.texts.end(), one.texts.begin(), one.texts.end());
  }
  if (!problems.empty())
    throw Unprocessable("invalid_answer",
                        "Some answers do not fit their questions; nothing was saved.", problems);
  return out;
}

std::vector<std::pair<std::string, std::string>> answer_keys(const std::vector<Question>& questions,
                                                             const nlohmann::json& answers) {
  return check_answers(questions, answers).keys;
}

}  // namespace ln
