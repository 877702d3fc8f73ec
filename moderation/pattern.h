#pragma once
// RE2 patterns searched over a view. RE2 runs in linear time, so hostile input cannot blow up.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "moderation/normalise.h"

namespace re2 {
class RE2;
}

namespace ln::moderation {

struct CompiledPattern;  // one source's RE2 and prefilter reading, shared (pattern.cpp)

class Pattern {
 public:
  Pattern() = default;
  // Throws std::runtime_error naming `where` if the pattern does not compile.
  Pattern(std::string_view source, const std::string& where, std::string rule = {},
          std::string category = {}, int severity = 0);

  struct Match {
    std::size_t begin = 0, end = 0;  // view positions of the whole match, end exclusive
    // View positions of each capturing group; (npos, npos) when a group took no part.
    std::vector<std::pair<std::size_t, std::size_t>> groups;
  };
  // Non-overlapping matches, left to right.
  std::vector<Match> find_all(const Utf8View& text) const;

  const std::string& rule() const { return rule_; }
  const std::string& category() const { return category_; }
  int severity() const { return severity_; }

 private:
  std::shared_ptr<const CompiledPattern> compiled_;
  std::string rule_, category_;
  int severity_ = 0;
};

// Which of many patterns can match somewhere in a text: a detector with hundreds of rules runs
// only those instead of scanning the text once per rule. Literal atoms rule most patterns out
// (RE2's FilteredRE2 and one Aho–Corasick pass); the rest are tried in small RE2::Sets.
class PatternSet {
 public:
  PatternSet();
  ~PatternSet();
  PatternSet(PatternSet&&) noexcept;
  PatternSet& operator=(PatternSet&&) noexcept;
  // Adds a source; returns its index. Throws std::runtime_error naming `where` if it does not
  // compile.
  std::size_t add(std::string_view source, const std::string& where);
  void finish();
  // Instead of finish(), for a set that may never be searched (a detector's own, when the
  // screener searches a set of all of them): it is built by the first candidates() call, once,
  // whichever thread makes it.
  void finish_when_used();
  // Indices of the patterns that may match somewhere, ascending: every pattern that matches is
  // among them, and a few that do not (the caller runs each, which is still linear). When RE2
  // runs out of memory on a hostile text, every index of the affected set.
  std::vector<std::size_t> candidates(const Utf8View& text) const;
  std::size_t size() const { return sources_.size(); }
  const std::vector<std::string>& sources() const { return sources_; }

 private:
  struct Impl;
  void build() const;
  void add_byte_clauses(std::vector<std::string>& atoms,
                        std::unordered_map<std::string, std::uint32_t>& atom_id) const;
  std::unique_ptr<Impl> impl_;
  std::vector<std::string> sources_;
};

// What loading a pattern reads of its prefilter formula for PatternSet, by source. Reading it is
// most of what loading the lexicons costs, so the build reads the shipped lexicons' patterns
// ahead of time (moderation/prefilters/) and the server only compiles them.
struct PrefilterReading {
  std::string source;
  // The formula needs no atom of two bytes or more: the pattern is tried in an RE2::Set.
  bool always = false;
  // Otherwise the clauses over atoms of two bytes or more (none when the formula cannot be read
  // so), the one to look the pattern up by first, and those of the formula of one-byte atoms that
  // are worth checking (none when it has no single character other than a letter or a space).
  std::vector<std::vector<std::string>> clauses, byte_clauses;
  friend bool operator==(const PrefilterReading&, const PrefilterReading&) = default;
};
// The reading of one source, worked out here; throws std::runtime_error naming `where` when the
// pattern does not compile.
PrefilterReading read_prefilter(std::string_view source, const std::string& where);
// The readings of every pattern loaded and alive now, by source (what the build writes out).
std::vector<PrefilterReading> loaded_prefilter_readings();
// Readings worked out ahead, as serialise_readings() wrote them into a generated source file that
// calls this at start; `text` must outlive the process. A pattern whose source is among them is
// compiled without reading its formula. Malformed text is ignored as a whole.
void know_prefilter_readings(std::string_view text);
// Whether the reading of `source` was known ahead.
bool prefilter_known_ahead(std::string_view source);
std::string serialise_readings(const std::vector<PrefilterReading>& readings);
std::vector<PrefilterReading> parse_readings(std::string_view text);  // empty when malformed

// "a|b|c" of the words, regex-escaped, longest first (so "tik tok" wins over "tik").
std::string alternation(std::vector<std::string> words);

}  // namespace ln::moderation
