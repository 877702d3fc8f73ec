#include "moderation/lexicon.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "moderation/normalise.h"

namespace ln::moderation {
namespace {

struct Line {
  std::size_t number;
  std::vector<std::string> fields;
};

[[noreturn]] void fail(const std::string& where, const std::string& what) {
  throw std::runtime_error("lexicon " + where + ": " + what);
}

// Non-empty, non-comment lines split on tabs. Files must be valid UTF-8.
std::vector<Line> read_lines(const std::filesystem::path& dir, const std::string& name) {
  const auto path = dir / name;
  std::ifstream in(path, std::ios::binary);
  if (!in)
    fail(path.string(), "cannot open the file (is --lexicons pointing at the right folder?)");
  std::vector<Line> lines;
  std::string text;
  for (std::size_t number = 1; std::getline(in, text); ++number) {
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (!is_valid_utf8(text)) fail(name + ":" + std::to_string(number), "not valid UTF-8");
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos || text[first] == '#') continue;
    Line line{number, {}};
    std::size_t start = 0;
    while (true) {
      const auto tab = text.find('\t', start);
      line.fields.push_back(text.substr(start, tab == std::string::npos ? tab : tab - start));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

std::string where(const std::string& file, const Line& line) {
  return file + ":" + std::to_string(line.number);
}

int parse_severity(const std::string& file, const Line& line, const std::string& text) {
  int value = -1;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 0 || value > 7) {
    fail(where(file, line), "severity must be a whole number from 0 to 7, not '" + text + "'");
  }
  return value;
}

void expect_fields(const std::string& file, const Line& line, std::size_t count,
                   const std::string& layout) {
  if (line.fields.size() != count) {
    fail(where(file, line), "expected " + std::to_string(count) + " tab-separated fields (" +
                                layout + "), found " + std::to_string(line.fields.size()));
  }
  for (const auto& field : line.fields) {
    if (field.empty()) fail(where(file, line), "empty field (" + layout + ")");
  }
}

void expect_language(const std::string& file, const Line& line, const std::string& language) {
  if (language != "vi" && language != "en") {
    fail(where(file, line), "language must be 'vi' or 'en', not '" + language + "'");
  }
}

// "{NAME}" → the pattern defined for NAME by an earlier `define` line.
std::string expand_defines(const std::string& file, const Line& line, std::string text,
                           const std::map<std::string, std::string>& defines) {
  for (std::size_t open = text.find('{'); open != std::string::npos; open = text.find('{', open)) {
    const auto close = text.find('}', open);
    if (close == std::string::npos) break;
    const std::string name = text.substr(open + 1, close - open - 1);
    const bool is_name = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
      return (c >= 'A' && c <= 'Z') || c == '_';
    });
    if (!is_name) {
      ++open;
      continue;
    }
    auto it = defines.find(name);
    if (it == defines.end()) fail(where(file, line), "'{" + name + "}' is not defined above");
    text.replace(open, close - open + 1, it->second);
    open += it->second.size();
  }
  return text;
}

// `bare` and `frame` only among the exceptions (disclosure_exceptions.tsv).
bool parse_kind(const std::string& file, const Line& line, const std::string& kind,
                bool exception = false) {
  if (kind == "re" || (exception && (kind == "bare" || kind == "frame"))) return true;
  if (kind == "phrase") return false;
  fail(where(file, line),
       exception ? "kind must be 'phrase', 're', 'bare', 'frame' or 'accent', not '" + kind + "'"
                 : "kind must be 'phrase' or 're', not '" + kind + "'");
}

}  // namespace

std::vector<std::string> Lexicon::words(const std::string& list) const {
  auto it = lists.find(list);
  if (it == lists.end() || it->second.empty()) {
    throw std::runtime_error("lexicon personal_info.tsv: the list '" + list + "' is missing");
  }
  std::vector<std::string> out;
  for (const auto& [value, word] : it->second) out.push_back(word);
  return out;
}

Lexicon load_lexicon(const std::filesystem::path& dir) {
  if (!std::filesystem::is_directory(dir)) {
    fail(dir.string(), "the lexicon folder does not exist");
  }
  Lexicon lexicon;

  const auto version = read_lines(dir, "VERSION");
  if (version.size() != 1 || version[0].fields.size() != 1 || version[0].fields[0].empty()) {
    fail("VERSION", "must hold exactly one line with the lexicon version");
  }
  lexicon.version = version[0].fields[0];

  const std::string rude_file = "rude.tsv";
  const std::string rude_layout = "form, language, category, severity, flags";
  static const std::set<std::string> rude_categories = {"profanity", "insult", "sexual", "slur",
                                                        "threat"};
  for (const auto& line : read_lines(dir, rude_file)) {
    expect_fields(rude_file, line, 5, rude_layout);
    RudeWord word;
    word.form = line.fields[0];
    word.language = line.fields[1];
    expect_language(rude_file, line, word.language);
    word.category = line.fields[2];
    if (!rude_categories.contains(word.category)) {
      fail(where(rude_file, line), "unknown category '" + word.category + "'");
    }
    word.severity = parse_severity(rude_file, line, line.fields[3]);
    for (char flag : line.fields[4]) {
      if (flag == 'p') {
        word.plain_ok = true;
      } else if (flag == 'x') {
        word.exact = true;
      } else if (flag == 'a') {
        word.everyday = true;
      } else if (flag != '-') {
        fail(where(rude_file, line), std::string("unknown flag '") + flag + "' (use p, x, a or -)");
      }
    }
    if (fold(word.form).empty()) fail(where(rude_file, line), "the form is empty once folded");
    lexicon.rude.push_back(std::move(word));
  }
  if (lexicon.rude.empty()) fail(rude_file, "holds no words");

  for (const auto& line : read_lines(dir, "rude_exceptions.txt")) {
    expect_fields("rude_exceptions.txt", line, 1, "one phrase per line");
    lexicon.rude_exceptions.push_back(line.fields[0]);
  }

  const std::string disclosure_file = "disclosure.tsv";
  const std::string disclosure_layout = "category, language, severity, kind, phrase or pattern";
  static const std::set<std::string> disclosure_categories = {
      "violence_home",   "violence_other", "sexual_abuse", "bullying",
      "cyberbullying",   "grooming",       "self_harm",    "suicide",
      "eating_disorder", "neglect",        "exploitation", "trafficking"};
  std::map<std::string, std::string> defines;
  for (const auto& line : read_lines(dir, disclosure_file)) {
    if (!line.fields.empty() && line.fields[0] == "define") {
      expect_fields(disclosure_file, line, 3, "define, NAME, pattern");
      defines[line.fields[1]] =
          "(?:" + expand_defines(disclosure_file, line, line.fields[2], defines) + ")";
      continue;
    }
    expect_fields(disclosure_file, line, 5, disclosure_layout);
    DisclosureRule rule;
    rule.category = line.fields[0];
    if (!disclosure_categories.contains(rule.category)) {
      fail(where(disclosure_file, line), "unknown category '" + rule.category + "'");
    }
    rule.language = line.fields[1];
    expect_language(disclosure_file, line, rule.language);
    rule.severity = parse_severity(disclosure_file, line, line.fields[2]);
    rule.is_pattern = parse_kind(disclosure_file, line, line.fields[3]);
    rule.text = rule.is_pattern ? expand_defines(disclosure_file, line, line.fields[4], defines)
                                : line.fields[4];
    rule.where = where(disclosure_file, line);
    lexicon.disclosures.push_back(std::move(rule));
  }
  if (lexicon.disclosures.empty()) fail(disclosure_file, "holds no rules");

  const std::string idioms_file = "disclosure_exceptions.tsv";
  for (const auto& line : read_lines(dir, idioms_file)) {
    if (!line.fields.empty() && line.fields[0] == "accent") {
      expect_fields(idioms_file, line, 3, "accent, words without diacritics, harm forms");
      IdiomRule accent{false, line.fields[1], where(idioms_file, line), {}};
      std::stringstream forms(line.fields[2]);
      for (std::string form; std::getline(forms, form, '|');) {
        if (form.empty()) fail(accent.where, "an empty harm form");
        accent.harm_forms.push_back(form);
      }
      lexicon.disclosure_exceptions.push_back(std::move(accent));
      continue;
    }
    expect_fields(idioms_file, line, 2, "kind, phrase or pattern");
    const bool is_pattern = parse_kind(idioms_file, line, line.fields[0], true);
    lexicon.disclosure_exceptions.push_back(
        {is_pattern,
         is_pattern ? expand_defines(idioms_file, line, line.fields[1], defines) : line.fields[1],
         where(idioms_file, line),
         {},
         line.fields[0] == "bare"    ? IdiomRule::Blanked::only_bare
         : line.fields[0] == "frame" ? IdiomRule::Blanked::unless_own_harm
                                     : IdiomRule::Blanked::always});
  }

  const std::string lists_file = "personal_info.tsv";
  for (const auto& line : read_lines(dir, lists_file)) {
    if (line.fields.size() != 2 && line.fields.size() != 3) {
      fail(where(lists_file, line), "expected 'list, word' or 'list, value, word'");
    }
    for (const auto& field : line.fields) {
      if (field.empty()) fail(where(lists_file, line), "empty field");
    }
    const auto& word = line.fields.back();
    const auto value = line.fields.size() == 3 ? line.fields[1] : word;
    lexicon.lists[line.fields[0]].emplace_back(value, word);
  }
  for (const char* required :
       {"digit", "platform", "tld", "safe_tld", "mail_provider", "at_word", "dot_word", "self",
        "street_word", "phone_word", "not_name", "school_word"}) {
    lexicon.words(required);
  }
  return lexicon;
}

}  // namespace ln::moderation
