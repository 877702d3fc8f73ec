#include "consult/questions.h"

#include <algorithm>
#include <array>
#include <set>

#include "base/validate.h"
#include "consult/age_bands.h"

namespace ln {
namespace {

std::string pick(const Wording& w, const std::string& band) {
  auto it = w.find(band);
  return it == w.end() ? std::string() : it->second;
}

const QuestionOption* find_option(const Question& q, const std::string& id) {
  for (const auto& o : q.options)
    if (o.id == id) return &o;
  return nullptr;
}

template <typename T>
const T* as(const AnswerValue& v) {
  return std::get_if<T>(&v);
}

// One option chosen: its id is the key.
std::string check_single(const Question& q, const AnswerValue& v, CheckedAnswers& out) {
  const auto* id = as<std::string>(v);
  if (!id || !find_option(q, *id)) return "Choose one of the options.";
  out.keys.push_back({q.id, *id});
  return "";
}

// Up to `limit` different options; `ranked` keys each by its place ("park@1").
std::string check_list(const Question& q, const AnswerValue& v, CheckedAnswers& out, int limit,
                       bool ranked) {
  const auto* ids = as<std::vector<std::string>>(v);
  if (!ids || ids->empty()) return "Give a list of options.";
  if (static_cast<int>(ids->size()) > limit)
    return "At most " + std::to_string(limit) + " options.";
  std::set<std::string> seen;
  for (std::size_t i = 0; i < ids->size(); ++i) {
    const auto& id = (*ids)[i];
    if (!find_option(q, id)) return "An option is not one of this question's.";
    if (!seen.insert(id).second) return "An option appears twice.";
    out.keys.push_back({q.id, ranked ? id + "@" + std::to_string(i + 1) : id});
  }
  return "";
}

std::string check_scale(const Question& q, const AnswerValue& v, CheckedAnswers& out) {
  const auto* point = as<std::int64_t>(v);
  if (!point || *point < 1 || *point > 5) return "Choose a point from 1 to 5.";
  out.keys.push_back({q.id, std::to_string(*point)});
  return "";
}

std::string check_yes_no(const Question& q, const AnswerValue& v, CheckedAnswers& out) {
  const auto* yes = as<bool>(v);
  if (!yes) return "Answer true (yes) or false (no).";
  out.keys.push_back({q.id, *yes ? "yes" : "no"});
  return "";
}

std::string check_text(const Question& q, const AnswerValue& v, CheckedAnswers& out) {
  const auto* words = as<std::string>(v);
  if (!words) return "Write your answer as text.";
  std::string text;
  try {
    text = clean_multiline_text("answer", *words, 1, static_cast<std::size_t>(q.max_length));
  } catch (const Invalid& e) {
    return e.what();
  }
  out.keys.push_back({q.id, "_text"});
  out.texts.push_back({q.id, text});
  return "";
}

std::optional<std::string> option_words(const BandQuestion& shown, const std::string& id) {
  if (shown.options)
    for (const auto& o : *shown.options)
      if (o.id == id) return o.text;
  return std::nullopt;
}

std::optional<AnswerValue> single_in_words(const AnswerValue& v, const BandQuestion& shown) {
  const auto* id = as<std::string>(v);
  if (!id) return std::nullopt;
  auto words = option_words(shown, *id);
  return words ? std::optional<AnswerValue>(*words) : std::nullopt;
}

std::optional<AnswerValue> yes_no_in_words(const AnswerValue& v, const BandQuestion& shown) {
  const auto* yes = as<bool>(v);
  if (!yes) return std::nullopt;
  auto words = option_words(shown, *yes ? "yes" : "no");
  return words ? std::optional<AnswerValue>(*words) : std::nullopt;
}

std::optional<AnswerValue> scale_in_words(const AnswerValue& v, const BandQuestion& shown) {
  const auto* point = as<std::int64_t>(v);
  if (!point || !shown.labels || *point < 1 ||
      *point > static_cast<std::int64_t>(shown.labels->size()))
    return std::nullopt;
  return (*shown.labels)[static_cast<std::size_t>(*point - 1)];
}

std::optional<AnswerValue> as_stored(const AnswerValue&, const BandQuestion&) {
  return std::nullopt;
}

std::vector<ResultRow> option_rows(const Question& q, const std::string& band) {
  std::vector<ResultRow> rows;
  for (const auto& o : q.options) rows.push_back({o.id, o.id, pick(o.text, band)});
  return rows;
}

// A ranking's row is how often an option came first.
std::vector<ResultRow> first_place_rows(const Question& q, const std::string& band) {
  std::vector<ResultRow> rows;
  for (const auto& o : q.options) rows.push_back({o.id + "@1", o.id, pick(o.text, band)});
  return rows;
}

std::vector<ResultRow> keyed_rows(std::initializer_list<const char*> keys) {
  std::vector<ResultRow> rows;
  for (const char* k : keys) rows.push_back({k, k, k});
  return rows;
}

std::vector<ResultRow> scale_rows(const Question&, const std::string&) {
  return keyed_rows({"1", "2", "3", "4", "5"});
}
std::vector<ResultRow> yes_no_rows(const Question&, const std::string&) {
  return keyed_rows({"yes", "no"});
}
std::vector<ResultRow> no_rows(const Question&, const std::string&) {
  return {};
}

std::optional<std::vector<BandOption>> yes_no_options(const std::string& band) {
  bool young = is_youngest_band(band);
  return std::vector<BandOption>{{"yes", young ? "Có 👍" : "Có"},
                                 {"no", young ? "Không 👎" : "Không"}};
}
std::optional<std::vector<BandOption>> no_fixed_options(const std::string&) {
  return std::nullopt;
}

// Everything that depends on a question's type. A new type is one row here (and its pages).
struct TypeRow {
  QuestionType type;
  std::string_view word;
  QuestionParts parts;
  // Checks one answer: what is wrong with it, or "" after adding its counter keys and texts.
  std::string (*check)(const Question&, const AnswerValue&, CheckedAnswers&);
  // The answer in the words the child read; none when it is given back as stored.
  std::optional<AnswerValue> (*in_words)(const AnswerValue&, const BandQuestion&);
  // The options every question of the type has, in a band's words (none: the question's own).
  std::optional<std::vector<BandOption>> (*fixed_options)(const std::string& band);
  std::vector<ResultRow> (*rows)(const Question&, const std::string& band);
  bool one_key_each;
  ResultSummary summary;
  bool tallied;  // a forum can count it by a show of hands
};

const std::array<TypeRow, 6> kTypes = {{
    {QuestionType::kSingle,
     "single",
     {.options = true},
     check_single,
     single_in_words,
     no_fixed_options,
     option_rows,
     true,
     ResultSummary::kNone,
     true},
    {QuestionType::kMultiple,
     "multiple",
     {.options = true, .max_choices = true},
     [](const Question& q, const AnswerValue& v, CheckedAnswers& out) {
       return check_list(q, v, out, q.max_choices, false);
     },
     as_stored,
     no_fixed_options,
     option_rows,
     false,
     ResultSummary::kNone,
     true},
    {QuestionType::kScale,
     "scale",
     {.scale = true},
     check_scale,
     scale_in_words,
     no_fixed_options,
     scale_rows,
     true,
     ResultSummary::kMean,
     true},
    {QuestionType::kYesNo,
     "yes_no",
     {},
     check_yes_no,
     yes_no_in_words,
     yes_no_options,
     yes_no_rows,
     true,
     ResultSummary::kNone,
     true},
    {QuestionType::kRanking,
     "ranking",
     {.options = true, .rank_count = true},
     [](const Question& q, const AnswerValue& v, CheckedAnswers& out) {
       return check_list(q, v, out, q.rank_count, true);
     },
     as_stored,
     no_fixed_options,
     first_place_rows,
     true,
     ResultSummary::kScores,
     false},
    {QuestionType::kText,
     "text",
     {.max_length = true},
     check_text,
     as_stored,
     no_fixed_options,
     no_rows,
     false,
     ResultSummary::kNone,
     false},
}};

const TypeRow& row_of(QuestionType type) {
  for (const auto& row : kTypes)
    if (row.type == type) return row;
  return kTypes.back();
}

}  // namespace

std::string_view word(QuestionType type) {
  return row_of(type).word;
}

std::optional<QuestionType> question_type(std::string_view word) {
  for (const auto& row : kTypes)
    if (row.word == word) return row.type;
  return std::nullopt;
}

std::vector<QuestionType> question_types() {
  std::vector<QuestionType> out;
  for (const auto& row : kTypes) out.push_back(row.type);
  return out;
}

std::string question_type_words() {
  std::string out;
  for (std::size_t i = 0; i < kTypes.size(); ++i)
    out += (i == 0 ? "" : i + 1 == kTypes.size() ? " or " : ", ") + std::string(kTypes[i].word);
  return out;
}

QuestionParts parts_of(QuestionType type) {
  return row_of(type).parts;
}

bool one_key_each(QuestionType type) {
  return row_of(type).one_key_each;
}

ResultSummary result_summary(QuestionType type) {
  return row_of(type).summary;
}

std::vector<ResultRow> result_rows(const Question& q, const std::string& band) {
  return row_of(q.type).rows(q, band);
}

std::vector<std::string> tally_keys(const Question& q) {
  std::vector<std::string> keys;
  if (!row_of(q.type).tallied) return keys;
  for (const auto& r : result_rows(q, "")) keys.push_back(r.counter_key);
  return keys;
}

BandQuestion question_for_band(const Question& q, const std::string& band) {
  const auto& row = row_of(q.type);
  BandQuestion b{q.id,         q.type,       pick(q.text, band), std::nullopt, std::nullopt,
                 std::nullopt, std::nullopt, std::nullopt,       std::nullopt};
  if (row.parts.options) {
    b.options.emplace();
    for (const auto& o : q.options) b.options->push_back({o.id, pick(o.text, band)});
  } else {
    b.options = row.fixed_options(band);
  }
  if (row.parts.max_choices) b.max_choices = q.max_choices;
  if (row.parts.rank_count) b.rank_count = q.rank_count;
  if (row.parts.scale) {
    auto it = q.scale_labels.find(band);
    b.labels = it == q.scale_labels.end() ? std::vector<std::string>() : it->second;
    if (is_youngest_band(band)) b.faces = q.faces;
  }
  if (row.parts.max_length) b.max_length = q.max_length;
  return b;
}

AnswerValue answer_in_words(const Question& q, const AnswerValue& value, const std::string& band) {
  auto shown = question_for_band(q, band);
  if (const auto* ids = as<std::vector<std::string>>(value)) {
    std::vector<std::string> words;
    for (const auto& id : *ids) words.push_back(option_words(shown, id).value_or(id));
    return words;
  }
  return row_of(q.type).in_words(value, shown).value_or(value);
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
    const auto parts = parts_of(q.type);
    const std::string type(word(q.type));
    std::string field = "questions[" + std::to_string(i) + "]";
    for (const auto& band : bands)
      if (!q.text.count(band))
        problems.push_back({field + ".text." + band, "No wording for the " + band + " band."});
    int n = static_cast<int>(q.options.size());
    if (parts.options) {
      if (n < 2)
        problems.push_back(
            {field + ".options", "A " + type + " question needs at least two options."});
      for (std::size_t j = 0; j < q.options.size(); ++j)
        for (const auto& band : bands)
          if (!q.options[j].text.count(band))
            problems.push_back({field + ".options[" + std::to_string(j) + "].text." + band,
                                "No wording for the " + band + " band."});
    } else if (n > 0) {
      problems.push_back({field + ".options", "A " + type + " question has no options."});
    }
    if (parts.max_choices && (q.max_choices < 1 || q.max_choices > n))
      problems.push_back(
          {field + ".max_choices", "max_choices must be between 1 and the number of options."});
    if (parts.rank_count && (q.rank_count < 1 || q.rank_count > n))
      problems.push_back(
          {field + ".rank_count", "rank_count must be between 1 and the number of options."});
    if (parts.scale) {
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
    if (parts.max_length && (q.max_length < 1 || q.max_length > 2000))
      problems.push_back(
          {field + ".max_length", "max_length must be between 1 and 2000 characters."});
  }
  return problems;
}

bool same_structure(const std::vector<Question>& a, const std::vector<Question>& b) {
  auto meaning = [](const Question& q) {
    std::vector<std::string> options;
    for (const auto& o : q.options) options.push_back(o.id);
    return std::tuple(q.id, q.type, options, q.max_choices, q.rank_count, q.max_length,
                      q.faces.size());
  };
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (meaning(a[i]) != meaning(b[i])) return false;
  return true;
}

CheckedAnswers check_answers(const std::vector<Question>& questions, const Answers& answers) {
  std::vector<Unprocessable::Problem> problems;
  CheckedAnswers out;
  for (const auto& [id, value] : answers) {
    std::string field = "answers." + (id.size() > 40 ? id.substr(0, 40) : id);
    auto q = std::find_if(questions.begin(), questions.end(),
                          [&key = id](const Question& x) { return x.id == key; });
    if (q == questions.end()) {
      problems.push_back({field, "There is no such question."});
      continue;
    }
    CheckedAnswers one;
    std::string problem = row_of(q->type).check(*q, value, one);
    if (!problem.empty()) {
      problems.push_back({field, problem});
      continue;
    }
    out.answers[id] = value;
    out.keys.insert(out.keys.end(), one.keys.begin(), one.keys.end());
    out.keys.push_back({q->id, "_answered"});
    out.texts.insert(out.texts.end(), one.texts.begin(), one.texts.end());
  }
  if (!problems.empty())
    throw Unprocessable("invalid_answer",
                        "Some answers do not fit their questions; nothing was saved.", problems);
  return out;
}

CounterKeys answer_keys(const std::vector<Question>& questions, const Answers& answers) {
  return check_answers(questions, answers).keys;
}

}  // namespace ln
