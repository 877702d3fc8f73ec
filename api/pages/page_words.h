#pragma once
// The words of the pages the server writes itself (the printable report), in each language the
// front end speaks. They live beside the front end's own in <web-root>/i18n/<lang>.json, under one
// key prefix ("report."), so a language's words are all in one translation file and none in code.
// Read once at start; a missing word falls back to Vietnamese, then to its key.
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace ln::api {

class Words {
 public:
  Words() = default;
  Words(std::string lang, std::map<std::string, std::string> text, const Words* fallback);

  const std::string& lang() const { return lang_; }
  // words("report.title", {{"period", "2026"}}) → "Báo cáo năm 2026"; {name} is replaced.
  std::string operator()(const std::string& key,
                         const std::map<std::string, std::string>& vars = {}) const;
  // Every word of this language (Vietnamese where it lacks one), for a page script.
  nlohmann::json to_json() const;

 private:
  std::string lang_;
  std::map<std::string, std::string> text_;
  const Words* fallback_ = nullptr;
};

class PageWords {
 public:
  PageWords(const std::filesystem::path& web_root, const std::string& prefix);
  PageWords(const PageWords&) = delete;
  PageWords& operator=(const PageWords&) = delete;

  // The languages a page can be asked for (?lang=), the first being the default.
  static const std::vector<std::string>& languages();
  static bool speaks(const std::string& lang);
  // The words of `lang`, which must be one of languages().
  const Words& in(const std::string& lang) const;

 private:
  std::map<std::string, Words> words_;
};

}  // namespace ln::api
