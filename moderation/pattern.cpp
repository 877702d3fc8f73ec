#include "moderation/pattern.h"

#include <re2/filtered_re2.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <stdexcept>
#include <unordered_map>

#include "moderation/phrase_matcher.h"

namespace ln::moderation {

namespace {

// Which patterns can match is decided in two ways. Most patterns need some literal words
// ("danh", "bo duong"): RE2's prefilter reduces each to a formula over such atoms, one
// Aho–Corasick pass (PhraseMatcher) finds the atoms a text holds, and only the patterns whose
// formula they satisfy are candidates (about 6 of 230 disclosure rules on a child's text). The
// patterns with no atom of at least kMinAtomBytes (digit runs, character classes) are matched in
// RE2::Sets of at most kPatternsPerSet: one DFA over hundreds of patterns with gaps
// ("a (?:\\S+\\s+){0,4}? b") outgrows any sensible memory budget, after which every pattern
// would have to run on its own.
constexpr int kMinAtomBytes = 2;
constexpr std::size_t kPatternsPerSet = 16;

// Lists of lists in one array, row r being items[first[r], first[r + 1]): what a search reads
// for every atom a text holds lies together, not behind a pointer per row.
template <typename T>
class Rows {
 public:
  Rows() = default;
  explicit Rows(const std::vector<std::vector<T>>& rows) {
    first_.reserve(rows.size() + 1);
    for (const auto& row : rows) {
      items_.insert(items_.end(), row.begin(), row.end());
      first_.push_back(static_cast<std::uint32_t>(items_.size()));
    }
  }
  std::span<const T> operator[](std::size_t r) const {
    return {items_.data() + first_[r], items_.data() + first_[r + 1]};
  }

 private:
  std::vector<std::uint32_t> first_{0};
  std::vector<T> items_;
};

RE2::Options pattern_options() {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_encoding(RE2::Options::EncodingUTF8);
  options.set_max_mem(32 << 20);
  return options;
}

// A few clauses of a pattern's prefilter formula, each a set of atoms, the clause to look the
// pattern up by first; none when the formula cannot be read this way. `own` holds the pattern
// alone, its formula over `atoms`; only the atoms marked `usable` may be in a clause, and the
// others are taken as present (which is the formula RE2 gives for a longer minimum atom: an atom
// too short to look for counts as found). The formula is monotone, so a set of atoms C is a
// clause (every text that satisfies the formula holds one of C) exactly when the atoms outside C
// do not satisfy it: each clause is found by taking atoms out of C while that stays true.
std::vector<std::vector<std::string>> clauses_of(const re2::FilteredRE2& own,
                                                 const std::vector<std::string>& atoms,
                                                 const std::vector<bool>& usable) {
  constexpr int kMaxClauses = 8;
  std::vector<std::vector<std::string>> clauses;
  const std::size_t n = atoms.size();
  std::vector<int> ids, passed;
  auto satisfied_without = [&](const std::vector<bool>& clause) {
    ids.clear();
    for (std::size_t k = 0; k < n; ++k) {
      if (!clause[k]) ids.push_back(static_cast<int>(k));
    }
    own.AllPotentials(ids, &passed);
    return !passed.empty();
  };
  if (n == 0 || satisfied_without(usable) || !satisfied_without(std::vector<bool>(n, false))) {
    return clauses;
  }
  std::vector<std::size_t> order;  // shortest atoms first: they occur in the most texts
  for (std::size_t k = 0; k < n; ++k) {
    if (usable[k]) order.push_back(k);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return atoms[a].size() < atoms[b].size(); });
  std::vector<bool> in_found(n, false);  // atoms of the clauses found
  std::vector<std::size_t> shortest;     // per clause, its shortest atom's length
  // Takes atoms out of a clause, shortest first, while it stays one.
  auto shorten = [&](std::vector<bool>& clause) {
    for (std::size_t k : order) {
      if (!clause[k]) continue;
      clause[k] = false;
      if (satisfied_without(clause)) clause[k] = true;
    }
  };
  // Keeps a clause; false when it was already found.
  auto keep = [&](const std::vector<bool>& clause) {
    std::vector<std::string> found;
    std::size_t length = std::string::npos;
    for (std::size_t k = 0; k < n; ++k) {
      if (clause[k]) {
        in_found[k] = true;
        found.push_back(atoms[k]);
        length = std::min(length, atoms[k].size());
      }
    }
    if (std::find(clauses.begin(), clauses.end(), found) != clauses.end()) return false;
    clauses.push_back(std::move(found));
    shortest.push_back(length);
    return true;
  };
  // A clause already found is taken out first in the next round, so that round finds another.
  for (int round = 0; round < kMaxClauses; ++round) {
    std::stable_partition(order.begin(), order.end(), [&](std::size_t k) { return in_found[k]; });
    std::vector<bool> clause = usable;
    shorten(clause);
    if (!keep(clause)) break;
  }
  // Rules of alternatives ("a … b|c … d") have clauses the rounds above miss ("a or d"). A set
  // of atoms that holds one of every clause found yet does not satisfy the formula shows one:
  // the atoms outside it, shortened as above (a new clause: it holds no atom of the set). Such
  // sets are sought among the choices of one atom per clause, up to a budget of formula checks.
  constexpr int kChecks = 64;
  std::vector<std::size_t> pick(clauses.size(), 0);
  for (int check = 0; check < kChecks && clauses.size() < 2 * kMaxClauses; ++check) {
    std::vector<bool> outside = usable;  // a clause candidate: every usable atom not picked
    for (std::size_t c = 0; c < clauses.size(); ++c) {
      const auto k = std::find(atoms.begin(), atoms.end(), clauses[c][pick[c]]) - atoms.begin();
      outside[static_cast<std::size_t>(k)] = false;
    }
    if (!satisfied_without(outside)) {
      shorten(outside);
      keep(outside);
      pick.assign(clauses.size(), 0);
      continue;
    }
    std::size_t c = clauses.size();  // the next choice, the last clause's atom changing first
    while (c > 0 && ++pick[c - 1] == clauses[c - 1].size()) pick[--c] = 0;
    if (c == 0) break;  // every choice satisfies the formula: the clauses are all there
  }
  // Rarest first (the longer its shortest atom, the fewer texts hold one): the first clause is
  // the one to look the pattern up by, and the others are checked in this order, so a text
  // that fails one fails early.
  std::vector<std::size_t> rank(clauses.size());
  for (std::size_t c = 0; c < rank.size(); ++c) rank[c] = c;
  std::stable_sort(rank.begin(), rank.end(),
                   [&](std::size_t a, std::size_t b) { return shortest[a] > shortest[b]; });
  std::vector<std::vector<std::string>> ranked;
  for (std::size_t c : rank) ranked.push_back(std::move(clauses[c]));
  return ranked;
}

}  // namespace

// One source, compiled once for as long as anything uses it: the screener's detectors put the
// same pattern in a Pattern and in up to three PatternSets. Reading its prefilter formula takes
// a one-pattern FilteredRE2 with atoms of one byte, whose formula gives the clauses of both
// readings (atoms of kMinAtomBytes, and of one byte), and which then holds the RE2. A reading
// known ahead (know_prefilter_readings) leaves only the RE2, which is compiled the first time a
// text needs it, once, by whichever thread comes first: most patterns are candidates for few
// texts, and a server that screens a handful of texts (every test) compiles a handful of them.
struct CompiledPattern {
  PrefilterReading reading;
  std::unique_ptr<re2::FilteredRE2> filter;  // when the reading was worked out here
  const RE2& re() const {
    if (filter) return filter->GetRE2(0);
    std::call_once(once, [this] {
      auto re = std::make_unique<const RE2>(re2::StringPiece(reading.source), pattern_options());
      // The build compiled it with these options, so this cannot fail but for a changed RE2.
      if (!re->ok())
        throw std::runtime_error("a lexicon pattern no longer compiles: " + re->error());
      alone = std::move(re);
    });
    return *alone;
  }

 private:
  mutable std::once_flag once;
  mutable std::unique_ptr<const RE2> alone;  // when the reading was known ahead
};

namespace {

using Compiled = CompiledPattern;

[[noreturn]] void bad_pattern(const re2::StringPiece& source, const std::string& where) {
  const RE2 re(source, pattern_options());
  throw std::runtime_error("lexicon " + where + ": bad pattern: " + re.error());
}

// Works out the reading of `source` into `compiled`, whose filter then holds its RE2.
void read_into(Compiled& compiled, std::string_view source, const std::string& where) {
  compiled.reading.source = std::string(source);
  compiled.filter = std::make_unique<re2::FilteredRE2>(1);
  re2::FilteredRE2& own = *compiled.filter;
  const re2::StringPiece piece(source.data(), source.size());
  int id = 0;
  if (own.Add(piece, pattern_options(), &id) != RE2::NoError) bad_pattern(piece, where);
  std::vector<std::string> atoms;
  own.Compile(&atoms);
  std::vector<bool> long_atom(atoms.size()), all(atoms.size(), true);
  std::vector<int> short_ids, passed;
  for (std::size_t k = 0; k < atoms.size(); ++k) {
    long_atom[k] = atoms[k].size() >= static_cast<std::size_t>(kMinAtomBytes);
    if (!long_atom[k]) short_ids.push_back(static_cast<int>(k));
  }
  own.AllPotentials(short_ids, &passed);
  PrefilterReading& reading = compiled.reading;
  reading.always = !passed.empty();
  if (reading.always) return;
  reading.clauses = clauses_of(own, atoms, long_atom);
  // Only a character that is neither a letter nor a space can make a one-byte clause worth
  // checking: without one, that formula is not read (start-up time).
  const bool worth_reading = std::any_of(atoms.begin(), atoms.end(), [](const std::string& a) {
    const auto c = a.size() == 1 ? static_cast<unsigned char>(a[0]) : 'a';
    return !(c >= 'a' && c <= 'z') && c != ' ' && !(c >= '\t' && c <= '\r');
  });
  if (worth_reading) reading.byte_clauses = clauses_of(own, atoms, all);
}

// The patterns compiled and alive, and the readings known ahead, by source.
struct Library {
  std::mutex mutex;
  std::unordered_map<std::string, std::weak_ptr<const Compiled>> compiled;
  std::string_view known_text;  // given, not parsed yet
  std::unordered_map<std::string, PrefilterReading> known;
  void parse_known() {  // with the mutex held
    if (known_text.empty()) return;
    for (auto& reading : parse_readings(known_text)) {
      std::string source = reading.source;
      known.emplace(std::move(source), std::move(reading));
    }
    known_text = {};
  }
};

Library& library() {
  static Library l;
  return l;
}

std::shared_ptr<const Compiled> compile(std::string_view source, const std::string& where) {
  Library& l = library();
  std::string key(source);
  std::optional<PrefilterReading> known;
  {
    const std::lock_guard<std::mutex> lock(l.mutex);
    if (const auto it = l.compiled.find(key); it != l.compiled.end()) {
      if (auto live = it->second.lock()) return live;
    }
    l.parse_known();
    if (const auto it = l.known.find(key); it != l.known.end()) known = it->second;
  }
  auto compiled = std::make_shared<Compiled>();
  if (known) {
    compiled->reading = std::move(*known);
  } else {
    read_into(*compiled, source, where);
  }
  const std::lock_guard<std::mutex> lock(l.mutex);
  auto& entry = l.compiled[std::move(key)];
  if (auto live = entry.lock()) return live;  // another thread compiled it meanwhile
  entry = compiled;
  return compiled;
}

// The serialised readings: a header line, then per reading its source, '1' or '0' for `always`
// and its two lists of clauses; a string is its length, ':' and its bytes, a list its count and
// ':' before its items.
constexpr std::string_view kReadingsHeader = "prefilter readings 1\n";

void put_string(std::string_view s, std::string& out) {
  out += std::to_string(s.size());
  out += ':';
  out += s;
}

void put_clauses(const std::vector<std::vector<std::string>>& clauses, std::string& out) {
  out += std::to_string(clauses.size());
  out += ':';
  for (const auto& clause : clauses) {
    out += std::to_string(clause.size());
    out += ':';
    for (const auto& atom : clause) put_string(atom, out);
  }
}

// Reads what the put_ functions wrote; `ok` turns false at the first thing out of place.
struct ReadingsReader {
  std::string_view text;
  bool ok = true;
  std::size_t count() {
    std::size_t n = 0, digits = 0;
    while (ok && !text.empty() && text.front() >= '0' && text.front() <= '9' && digits < 9) {
      n = n * 10 + static_cast<std::size_t>(text.front() - '0');
      text.remove_prefix(1);
      ++digits;
    }
    ok = ok && digits > 0 && !text.empty() && text.front() == ':';
    if (ok) text.remove_prefix(1);
    return ok ? n : 0;
  }
  std::string string() {
    const std::size_t n = count();
    ok = ok && n <= text.size();
    if (!ok) return {};
    std::string out(text.substr(0, n));
    text.remove_prefix(n);
    return out;
  }
  std::vector<std::vector<std::string>> clauses() {
    std::vector<std::vector<std::string>> out(count());
    for (auto& clause : out) {
      clause.resize(count());
      for (auto& atom : clause) atom = string();
    }
    return ok ? out : std::vector<std::vector<std::string>>{};
  }
};

}  // namespace

PrefilterReading read_prefilter(std::string_view source, const std::string& where) {
  Compiled compiled;
  read_into(compiled, source, where);
  return std::move(compiled.reading);
}

std::vector<PrefilterReading> loaded_prefilter_readings() {
  Library& l = library();
  std::vector<PrefilterReading> out;
  {
    const std::lock_guard<std::mutex> lock(l.mutex);
    for (const auto& [source, entry] : l.compiled) {
      if (const auto live = entry.lock()) out.push_back(live->reading);
    }
  }
  std::sort(out.begin(), out.end(), [](const PrefilterReading& a, const PrefilterReading& b) {
    return a.source < b.source;
  });
  return out;
}

void know_prefilter_readings(std::string_view text) {
  Library& l = library();
  const std::lock_guard<std::mutex> lock(l.mutex);
  l.known_text = text;
  l.known.clear();
}

bool prefilter_known_ahead(std::string_view source) {
  Library& l = library();
  const std::lock_guard<std::mutex> lock(l.mutex);
  l.parse_known();
  return l.known.contains(std::string(source));
}

std::string serialise_readings(const std::vector<PrefilterReading>& readings) {
  std::string out(kReadingsHeader);
  for (const auto& reading : readings) {
    put_string(reading.source, out);
    out += reading.always ? '1' : '0';
    put_clauses(reading.clauses, out);
    put_clauses(reading.byte_clauses, out);
  }
  return out;
}

std::vector<PrefilterReading> parse_readings(std::string_view text) {
  std::vector<PrefilterReading> out;
  if (!text.starts_with(kReadingsHeader)) return {};
  ReadingsReader in{text.substr(kReadingsHeader.size())};
  while (in.ok && !in.text.empty()) {
    PrefilterReading& reading = out.emplace_back();
    reading.source = in.string();
    in.ok = in.ok && !in.text.empty() && (in.text.front() == '0' || in.text.front() == '1');
    if (!in.ok) break;
    reading.always = in.text.front() == '1';
    in.text.remove_prefix(1);
    reading.clauses = in.clauses();
    reading.byte_clauses = in.clauses();
  }
  if (!in.ok) return {};
  return out;
}

Pattern::Pattern(std::string_view source, const std::string& where, std::string rule,
                 std::string category, int severity)
    : rule_(std::move(rule)), category_(std::move(category)), severity_(severity) {
  compiled_ = compile(source, where);
}

std::vector<Pattern::Match> Pattern::find_all(const Utf8View& text) const {
  std::vector<Match> matches;
  if (!compiled_) return matches;
  const RE2& re = compiled_->re();
  const int groups = re.NumberOfCapturingGroups() + 1;
  // The pieces on the stack for the usual few groups: no allocation per pattern and text.
  constexpr int kOnStack = 8;
  re2::StringPiece on_stack[kOnStack];
  std::vector<re2::StringPiece> on_heap;
  if (groups > kOnStack) on_heap.resize(static_cast<std::size_t>(groups));
  re2::StringPiece* found = groups > kOnStack ? on_heap.data() : on_stack;
  const re2::StringPiece input(text.text);
  std::size_t position = 0;
  while (position <= text.text.size()) {
    // Bounds first (RE2's DFA, fast), then the groups on the matched span only: asking for
    // groups over the whole text would run the much slower NFA across all of it.
    if (!re.Match(input, position, text.text.size(), RE2::UNANCHORED, found, 1)) {
      break;
    }
    if (groups > 1) {
      const auto span_begin = static_cast<std::size_t>(found[0].data() - text.text.data());
      const auto span_end = span_begin + found[0].size();
      re.Match(input, span_begin, span_end, RE2::ANCHOR_BOTH, found, groups);
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

struct PatternSet::Impl {
  static RE2::Options options() {
    RE2::Options o;
    o.set_log_errors(false);
    o.set_encoding(RE2::Options::EncodingUTF8);
    o.set_max_mem(16 << 20);
    return o;
  }
  std::vector<std::shared_ptr<const Compiled>> compiled;  // per pattern
  bool build_when_used = false;                           // finish_when_used()
  std::once_flag built;
  // RE2's own evaluation of the formulas, built only when a pattern's cannot be read as clauses.
  std::unique_ptr<re2::FilteredRE2> filter;
  PhraseMatcher atoms;  // the clauses' atoms (or the filter's), over the text's bytes
  std::size_t atom_count = 0;
  std::vector<std::size_t> always;              // patterns the filter cannot rule out, ascending
  std::vector<bool> is_always;                  // per pattern
  std::vector<std::unique_ptr<RE2::Set>> sets;  // set i holds always[i × kPatternsPerSet, …)
  // The filter's formulas evaluated here rather than by FilteredRE2::AllPotentials, whose
  // propagation through every pattern sharing a common two-letter atom ("em", "to") cost more
  // than the rest of the prefilter: per pattern with atoms, clauses (sets of atom ids) of which
  // the text must hold an atom each. Each clause is checked at load against the pattern's own
  // formula, so a pattern that can match is never dropped. Empty when that could not be done;
  // AllPotentials is used then. The atoms looked for are those of the clauses.
  std::vector<std::vector<std::vector<std::uint32_t>>> clauses;  // per pattern
  Rows<std::uint32_t> gated_by;  // per atom: patterns with it in clause 0

  // Clauses of single characters ("@", "/", a digit) and of atoms the set looks for anyway, from
  // the pattern's formula with atoms of one byte: checked after the clauses above, against the
  // bytes a text holds (ids byte_base + byte), they rule out patterns whose words are common
  // ("co", "to", "em") but which also need a character most texts lack.
  static constexpr std::uint32_t kBytes = 256;
  std::vector<bool> uses_bytes;  // per pattern: a clause of it reads the text's bytes
  bool any_bytes = false;
  std::uint32_t byte_base = 0;  // the id of byte 0

  // The clauses after the first, per pattern, as the words of the bit set they look at: one
  // test per 64 ids instead of one per atom. `last` ends a clause.
  struct Group {
    std::uint32_t word = 0;
    bool last = false;
    std::uint64_t mask = 0;
  };
  Rows<Group> checks;
  void group_clauses();

  static std::u32string bytes(std::string_view text) {
    std::u32string out(text.size(), 0);
    std::transform(text.begin(), text.end(), out.begin(),
                   [](char c) { return static_cast<char32_t>(static_cast<unsigned char>(c)); });
    return out;
  }
};

PatternSet::PatternSet() : impl_(std::make_unique<Impl>()) {}
PatternSet::~PatternSet() = default;
PatternSet::PatternSet(PatternSet&&) noexcept = default;
PatternSet& PatternSet::operator=(PatternSet&&) noexcept = default;

std::size_t PatternSet::add(std::string_view source, const std::string& where) {
  impl_->compiled.push_back(compile(source, where));
  sources_.emplace_back(source);
  return sources_.size() - 1;
}

void PatternSet::finish() {
  build();
}

void PatternSet::finish_when_used() {
  impl_->build_when_used = true;
}

void PatternSet::build() const {
  if (sources_.empty()) return;
  Impl& im = *impl_;
  const bool readable = std::all_of(im.compiled.begin(), im.compiled.end(), [](const auto& c) {
    return c->reading.always || !c->reading.clauses.empty();
  });
  std::vector<std::string> atoms;
  if (readable) {
    for (std::size_t i = 0; i < sources_.size(); ++i) {
      if (im.compiled[i]->reading.always) im.always.push_back(i);
    }
  } else {  // RE2's own evaluation of every formula, for every text
    im.filter = std::make_unique<re2::FilteredRE2>(kMinAtomBytes);
    for (const std::string& source : sources_) {
      int id = 0;
      if (im.filter->Add(re2::StringPiece(source), Impl::options(), &id) != RE2::NoError) {
        throw std::runtime_error("lexicon: a pattern does not compile in a prefilter");
      }
    }
    im.filter->Compile(&atoms);
    std::vector<int> passed;
    im.filter->AllPotentials({}, &passed);
    for (int i : passed) im.always.push_back(static_cast<std::size_t>(i));
    std::sort(im.always.begin(), im.always.end());
  }
  im.is_always.assign(sources_.size(), false);
  for (std::size_t i : im.always) im.is_always[i] = true;
  for (std::size_t k = 0; k < im.always.size(); ++k) {
    if (k % kPatternsPerSet == 0) {
      im.sets.push_back(std::make_unique<RE2::Set>(Impl::options(), RE2::UNANCHORED));
    }
    const std::string& source = sources_[im.always[k]];
    if (im.sets.back()->Add(re2::StringPiece(source), nullptr) < 0) {
      throw std::runtime_error("lexicon: a pattern does not compile in a set");
    }
  }
  for (const auto& set : im.sets) {
    if (!set->Compile()) throw std::runtime_error("lexicon: the pattern set does not compile");
  }
  if (readable) {
    // The atoms are those of the clauses, in the order first met.
    std::unordered_map<std::string, std::uint32_t> atom_id;
    im.clauses.assign(sources_.size(), {});
    for (std::size_t i = 0; i < sources_.size(); ++i) {
      if (im.is_always[i]) continue;
      for (const auto& atom_strings : im.compiled[i]->reading.clauses) {
        auto& clause = im.clauses[i].emplace_back();
        for (const std::string& atom : atom_strings) {
          const auto [it, added] = atom_id.emplace(atom, static_cast<std::uint32_t>(atoms.size()));
          if (added) atoms.push_back(atom);
          clause.push_back(it->second);
        }
      }
    }
    std::vector<std::vector<std::uint32_t>> gated_by(atoms.size());
    for (std::size_t i = 0; i < sources_.size(); ++i) {
      if (im.is_always[i]) continue;
      for (std::uint32_t a : im.clauses[i].front()) {
        gated_by[a].push_back(static_cast<std::uint32_t>(i));
      }
    }
    add_byte_clauses(atoms, atom_id);
    gated_by.resize(atoms.size());  // the atoms added look up no pattern
    im.gated_by = Rows<std::uint32_t>(gated_by);
    im.group_clauses();
  }
  im.atom_count = atoms.size();
  for (std::size_t i = 0; i < atoms.size(); ++i) {
    im.atoms.add(Impl::bytes(atoms[i]), static_cast<std::uint32_t>(i));
  }
  im.atoms.finish();
}

void PatternSet::Impl::group_clauses() {
  std::vector<std::vector<Group>> per_pattern(clauses.size());
  for (std::size_t p = 0; p < clauses.size(); ++p) {
    for (std::size_t c = 1; c < clauses[p].size(); ++c) {
      std::vector<std::uint32_t> ids = clauses[p][c];
      std::sort(ids.begin(), ids.end());
      auto& groups = per_pattern[p];
      groups.push_back({ids.empty() ? 0 : ids.front() / 64, false, 0});  // none: never holds
      for (std::uint32_t a : ids) {
        if (groups.back().word != a / 64) groups.push_back({a / 64, false, 0});
        groups.back().mask |= 1ull << (a % 64);
      }
      groups.back().last = true;
    }
  }
  checks = Rows<Group>(per_pattern);
}

// The clauses of each pattern's formula with atoms of one byte that hold a single character
// ("@", "/", a digit), after its clauses above. A longer atom of such a clause that the set does
// not look for yet ("acong", "at") is added to the atoms; the byte ids follow all atoms. A clause
// with a space in it says nothing (every text but one word has one) and is left out.
void PatternSet::add_byte_clauses(std::vector<std::string>& atoms,
                                  std::unordered_map<std::string, std::uint32_t>& atom_id) const {
  struct Pending {
    std::size_t pattern;
    std::vector<std::string> clause;
  };
  std::vector<Pending> pending;
  for (std::size_t i = 0; i < sources_.size(); ++i) {
    if (impl_->is_always[i]) continue;
    for (std::vector<std::string> clause : impl_->compiled[i]->reading.byte_clauses) {
      const bool has_byte = std::any_of(clause.begin(), clause.end(),
                                        [](const std::string& atom) { return atom.size() == 1; });
      const bool has_space = std::find(clause.begin(), clause.end(), " ") != clause.end();
      if (!has_byte || has_space) continue;
      for (const std::string& atom : clause) {
        if (atom.size() > 1 && atom_id.emplace(atom, atoms.size()).second) atoms.push_back(atom);
      }
      pending.push_back({i, std::move(clause)});
    }
  }
  impl_->uses_bytes.assign(sources_.size(), false);
  // A multiple of 64: the text's bytes are then four whole words of the bit set.
  impl_->byte_base = static_cast<std::uint32_t>((atoms.size() + 63) / 64 * 64);
  for (const auto& [i, atom_strings] : pending) {
    std::vector<std::uint32_t> clause;
    for (const std::string& atom : atom_strings) {
      clause.push_back(atom.size() == 1 ? impl_->byte_base + static_cast<unsigned char>(atom[0])
                                        : atom_id.at(atom));
    }
    impl_->clauses[i].push_back(std::move(clause));
    impl_->uses_bytes[i] = true;
    impl_->any_bytes = true;
  }
}

std::vector<std::size_t> PatternSet::candidates(const Utf8View& text) const {
  std::vector<std::size_t> out;
  if (sources_.empty()) return out;
  if (impl_->build_when_used) std::call_once(impl_->built, [this] { build(); });
  thread_local std::vector<int> passed, hits;
  thread_local std::vector<std::uint32_t> atoms;  // the atoms the text holds, in no order
  impl_->atoms.present_unordered(std::string_view(text.text),
                                 static_cast<std::uint32_t>(impl_->atom_count), atoms);
  if (!impl_->clauses.empty()) {
    passed.clear();
    thread_local std::vector<std::uint64_t> present;  // a bit per atom
    thread_local std::vector<std::uint32_t> seen;     // per pattern: the search that looked
    thread_local std::uint32_t search = 0;
    if (++search == 0) {
      std::fill(seen.begin(), seen.end(), 0);
      search = 1;
    }
    const std::size_t bits = impl_->byte_base + Impl::kBytes;
    if (present.size() * 64 < bits) present.resize(bits / 64 + 1, 0);
    if (seen.size() < sources_.size()) seen.resize(sources_.size(), 0);
    for (std::uint32_t a : atoms) present[a / 64] |= 1ull << (a % 64);
    // The bytes the text holds, for the clauses of single characters: read only once a
    // pattern that has one is looked at.
    bool bytes_read = !impl_->any_bytes;
    auto read_bytes = [&] {
      bytes_read = true;
      std::uint64_t seen_bytes[4] = {0, 0, 0, 0};
      for (const char c : text.text) {
        const auto b = static_cast<unsigned char>(c);
        seen_bytes[b / 64] |= 1ull << (b % 64);
      }
      std::copy(seen_bytes, seen_bytes + 4, present.begin() + impl_->byte_base / 64);
    };
    for (std::uint32_t a : atoms) {
      for (std::uint32_t p : impl_->gated_by[a]) {
        if (seen[p] == search) continue;
        seen[p] = search;
        if (!bytes_read && impl_->uses_bytes[p]) read_bytes();
        // The first clause holds: the atom that led here is in it. Every other must hold too.
        bool all = true, holds = false;
        for (const Impl::Group& g : impl_->checks[p]) {
          holds = holds || (present[g.word] & g.mask) != 0;
          if (!g.last) continue;
          if (!holds) {
            all = false;
            break;
          }
          holds = false;
        }
        if (all) passed.push_back(static_cast<int>(p));
      }
    }
    for (std::uint32_t a : atoms) present[a / 64] = 0;
    if (impl_->any_bytes) {
      for (std::size_t w = impl_->byte_base / 64; w < present.size(); ++w) present[w] = 0;
    }
  } else {
    std::vector<int> sorted(atoms.begin(), atoms.end());
    std::sort(sorted.begin(), sorted.end());
    impl_->filter->AllPotentials(sorted, &passed);
  }
  for (std::size_t s = 0; s < impl_->sets.size(); ++s) {
    const std::size_t first = s * kPatternsPerSet;
    const std::size_t count = std::min(kPatternsPerSet, impl_->always.size() - first);
    hits.clear();
    RE2::Set::ErrorInfo error{};
    if (impl_->sets[s]->Match(re2::StringPiece(text.text), &hits, &error)) {
      for (int h : hits) out.push_back(impl_->always[first + static_cast<std::size_t>(h)]);
    } else if (error.kind != RE2::Set::kNoError) {
      for (std::size_t i = 0; i < count; ++i) out.push_back(impl_->always[first + i]);
    }
  }
  // The filter lets every always-pattern through; those count only when their set matched.
  for (int i : passed) {
    if (!impl_->is_always[static_cast<std::size_t>(i)]) out.push_back(static_cast<std::size_t>(i));
  }
  std::sort(out.begin(), out.end());
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
