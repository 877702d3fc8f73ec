#include "moderation/pattern.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <stdexcept>

namespace ln::moderation {

Pattern::Pattern(std::string_view source, const std::string& where, std::string rule,
                 std::string category, int severity)
    : rule_(std::move(rule)), category_(std::move(category)), severity_(severity) {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_encoding(RE2::Options::EncodingUTF8);
  options.set_max_mem(32 << 20);
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
    // Bounds first (RE2's DFA, fast), then the groups on the matched span only: asking for
    // groups over the whole text would run the much slower NFA across all of it.
    if (!re_->Match(input, position, text.text.size(), RE2::UNANCHORED, found.data(), 1)) {
      break;
    }
    if (groups > 1) {
      const auto span_begin = static_cast<std::size_t>(found[0].data() - text.text.data());
      const auto span_end = span_begin + found[0].size();
      re_->Match(input, span_begin, span_end, RE2::ANCHOR_BOTH, found.data(), groups);
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

// The patterns are matched in sets of at most kPatternsPerSet: RE2 builds one DFA per set, and
// the states of one DFA over hundreds of patterns with gaps ("a (?:\\S+\\s+){0,4}? b") outgrow any
// sensible memory budget, after which every pattern has to run on its own. Several small DFAs stay
// within budget, and each pass over a child's text is short.
constexpr std::size_t kPatternsPerSet = 16;

struct PatternSet::Impl {
  static RE2::Options options() {
    RE2::Options o;
    o.set_log_errors(false);
    o.set_encoding(RE2::Options::EncodingUTF8);
    o.set_max_mem(16 << 20);
    return o;
  }
  std::vector<std::unique_ptr<RE2::Set>> sets;  // set i holds patterns [i × kPatternsPerSet, …)
};

PatternSet::PatternSet() : impl_(std::make_unique<Impl>()) {}
PatternSet::~PatternSet() = default;
PatternSet::PatternSet(PatternSet&&) noexcept = default;
PatternSet& PatternSet::operator=(PatternSet&&) noexcept = default;

std::size_t PatternSet::add(std::string_view source, const std::string& where) {
  if (sources_.size() % kPatternsPerSet == 0) {
    impl_->sets.push_back(std::make_unique<RE2::Set>(Impl::options(), RE2::UNANCHORED));
  }
  std::string error;
  if (impl_->sets.back()->Add(re2::StringPiece(source.data(), source.size()), &error) < 0) {
    throw std::runtime_error("lexicon " + where + ": bad pattern: " + error);
  }
  sources_.emplace_back(source);
  return sources_.size() - 1;
}

void PatternSet::finish() {
  for (const auto& set : impl_->sets) {
    if (!set->Compile()) throw std::runtime_error("lexicon: the pattern set does not compile");
  }
}

std::vector<std::size_t> PatternSet::candidates(const Utf8View& text) const {
  std::vector<std::size_t> out;
  std::vector<int> hits;
  for (std::size_t s = 0; s < impl_->sets.size(); ++s) {
    const std::size_t first = s * kPatternsPerSet;
    const std::size_t count = std::min(kPatternsPerSet, sources_.size() - first);
    hits.clear();
    RE2::Set::ErrorInfo error{};
    if (impl_->sets[s]->Match(re2::StringPiece(text.text), &hits, &error)) {
      std::sort(hits.begin(), hits.end());
      for (int h : hits) out.push_back(first + static_cast<std::size_t>(h));
    } else if (error.kind != RE2::Set::kNoError) {
      for (std::size_t i = 0; i < count; ++i) out.push_back(first + i);
    }
  }
  return out;
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
