#include "moderation/pattern.h"

#include <re2/re2.h>

#include <algorithm>
#include <stdexcept>

namespace ln::moderation {

Pattern::Pattern(std::string_view source, const std::string& where, std::string rule,
                 std::string category, int severity)
    : rule_(std::move(rule)), category_(std::move(category)), severity_(severity) {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_encoding(RE2::Options::EncodingUTF8);
  auto re = std::make_shared<const RE2>(re2::StringPiece(source.data(), source.size()), options);
  if (!re->ok()) {
    throw std::runtime_error("lexicon " + where + ": bad pattern: " + re->error());
  }
  re_ = std::move(re);
}

std::vector<Pattern::Match> Pattern::find_all(const Utf8View& text) const {
  std::vector<Match> matches;
  if (!re_) return matches;
  const int groups = re_->NumberOfCapturingGroups() + 1;
  std::vector<re2::StringPiece> found(static_cast<std::size_t>(groups));
  const re2::StringPiece input(text.text);
  std::size_t position = 0;
  while (position <= text.text.size()) {
    if (!re_->Match(input, position, text.text.size(), RE2::UNANCHORED, found.data(), groups)) {
      break;
    }
    const auto begin = static_cast<std::size_t>(found[0].data() - text.text.data());
    const auto end = begin + found[0].size();
    Match match{text.index_of_byte[begin], text.index_of_byte[end], {}};
    for (int g = 1; g < groups; ++g) {
      const auto& piece = found[static_cast<std::size_t>(g)];
      if (piece.data() == nullptr) {
        match.groups.emplace_back(std::string::npos, std::string::npos);
        continue;
      }
      const auto b = static_cast<std::size_t>(piece.data() - text.text.data());
      match.groups.emplace_back(text.index_of_byte[b], text.index_of_byte[b + piece.size()]);
    }
    if (end > begin) matches.push_back(std::move(match));
    position = end > begin ? end : end + 1;
    // Stay on a character boundary after an empty match.
    while (position < text.text.size() &&
           (static_cast<unsigned char>(text.text[position]) & 0xC0) == 0x80) {
      ++position;
    }
  }
  return matches;
}

std::string alternation(std::vector<std::string> words) {
  std::sort(words.begin(), words.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  std::string out;
  for (const auto& word : words) {
    if (!out.empty()) out += '|';
    out += RE2::QuoteMeta(word);
  }
  return out;
}

}  // namespace ln::moderation
