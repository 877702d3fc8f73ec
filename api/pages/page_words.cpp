#include "api/pages/page_words.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <fstream>

namespace ln::api {

Words::Words(std::string lang, std::map<std::string, std::string> text, const Words* fallback)
    : lang_(std::move(lang)), text_(std::move(text)), fallback_(fallback) {}

std::string Words::operator()(const std::string& key,
                              const std::map<std::string, std::string>& vars) const {
  // "{n} session" for one, "{n} sessions" otherwise: a key's ".one" form, as web/js/i18n.js.
  if (auto n = vars.find("n");
      n != vars.end() && n->second == "1" &&
      (text_.count(key + ".one") || (fallback_ && fallback_->text_.count(key + ".one"))))
    return (*this)(key + ".one", vars);
  const std::string* found = nullptr;
  if (auto it = text_.find(key); it != text_.end()) found = &it->second;
  if (!found && fallback_)
    if (auto it = fallback_->text_.find(key); it != fallback_->text_.end()) found = &it->second;
  if (!found) {
    spdlog::warn("page words: no {} for {}", key, lang_);
    return key;
  }
  std::string out;
  const std::string& s = *found;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '{') {
      auto close = s.find('}', i);
      if (close != std::string::npos) {
        if (auto v = vars.find(s.substr(i + 1, close - i - 1)); v != vars.end()) {
          out += v->second;
          i = close;
          continue;
        }
      }
    }
    out += s[i];
  }
  return out;
}

nlohmann::json Words::to_json() const {
  nlohmann::json out = nlohmann::json::object();
  if (fallback_)
    for (const auto& [k, v] : fallback_->text_) out[k] = v;
  for (const auto& [k, v] : text_) out[k] = v;
  return out;
}

namespace {

std::map<std::string, std::string> read_words(const std::filesystem::path& file,
                                              const std::string& prefix) {
  std::map<std::string, std::string> out;
  std::ifstream in(file);
  if (!in) {
    spdlog::warn("page words: cannot read {}; the report page shows keys", file.string());
    return out;
  }
  auto all = nlohmann::json::parse(in, nullptr, false);
  if (!all.is_object()) {
    spdlog::warn("page words: {} is not a JSON object", file.string());
    return out;
  }
  for (const auto& [k, v] : all.items())
    if (k.starts_with(prefix) && v.is_string()) out[k] = v.get<std::string>();
  return out;
}

}  // namespace

const std::vector<std::string>& PageWords::languages() {
  static const std::vector<std::string> langs = {"vi", "en"};
  return langs;
}

bool PageWords::speaks(const std::string& lang) {
  return std::find(languages().begin(), languages().end(), lang) != languages().end();
}

PageWords::PageWords(const std::filesystem::path& web_root, const std::string& prefix) {
  const Words* fallback = nullptr;
  for (const auto& lang : languages()) {
    auto& w = words_[lang] =
        Words(lang, read_words(web_root / "i18n" / (lang + ".json"), prefix), fallback);
    if (!fallback) fallback = &w;
  }
}

const Words& PageWords::in(const std::string& lang) const {
  auto it = words_.find(lang);
  return it != words_.end() ? it->second : words_.at(languages().front());
}

}  // namespace ln::api
