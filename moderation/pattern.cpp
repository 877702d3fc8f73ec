#include "moderation/pattern.h"

#include <re2/filtered_re2.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <cstdint>
#include <mutex>
#include <stdexcept>
#include <unordered_map>

#include "moderation/phrase_matcher.h"

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
    if (!re_->Match(input, position, text.text.size(), RE2::UNANCHORED, found, 1)) {
      break;
    }
    if (groups > 1) {
      const auto span_begin = static_cast<std::size_t>(found[0].data() - text.text.data());
      const auto span_end = span_begin + found[0].size();
      re_->Match(input, span_begin, span_end, RE2::ANCHOR_BOTH, found, groups);
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

// Which patterns can match is decided in two ways. Most patterns need some literal words
// ("danh", "bo duong"): RE2's FilteredRE2 reduces each to a formula over such atoms, one
// Aho–Corasick pass (PhraseMatcher) finds the atoms a text holds, and only the patterns whose
// formula they satisfy are candidates (about 6 of 230 disclosure rules on a child's text). The
// patterns with no atom of at least kMinAtomBytes (digit runs, character classes) are matched in
// RE2::Sets of at most kPatternsPerSet: one DFA over hundreds of patterns with gaps
// ("a (?:\\S+\\s+){0,4}? b") outgrows any sensible memory budget, after which every pattern
// would have to run on its own.
constexpr int kMinAtomBytes = 2;
constexpr std::size_t kPatternsPerSet = 16;

// Atoms that hold where the rule says. A rule's `\b` is read by the prefilter as a character
// of its own (kBoundary) and its `\s` as kSpace, so that its atoms say where a word must begin or
// end: "so" in `\bso\s+` becomes "\x01so\x02", which "song" and "hoso" do not hold. A text
// holds such an atom where the atom's other characters occur, with a word boundary at each
// kBoundary (as RE2 reads `\b`: ASCII letters, digits and `_` on one side only) and a space
// at each kSpace. Sound: a match of the rule, with kBoundary put where its `\b`s held and its
// `\s`s' characters read as kSpace, matches the marked rule, so the marked rule's formula holds
// on the atoms the text holds in this sense. Sources that could hold these characters
// themselves are not marked.
constexpr char kBoundary = '\x01';
constexpr char kSpace = '\x02';

std::string marked(const std::string& source) {
  for (std::size_t i = 0; i < source.size(); ++i) {
    const auto c = static_cast<unsigned char>(source[i]);
    if (c < 0x20) return source;
    if (c == '\\' && i + 1 < source.size()) {
      const char e = source[i + 1];
      if (e == 'x' || e == 'Q' || e == 'C' || (e >= '0' && e <= '7')) return source;
      ++i;
    }
  }
  std::string out;
  bool in_class = false;
  for (std::size_t i = 0; i < source.size(); ++i) {
    const char c = source[i];
    if (c == '\\' && i + 1 < source.size()) {
      const char e = source[i + 1];
      ++i;
      if (!in_class && e == 'b') {
        out += kBoundary;
      } else if (!in_class && e == 's') {
        // "\\s+" as "one, then any": the prefilter keeps a space that must follow a word.
        out += kSpace;
        if (i + 1 < source.size() && source[i + 1] == '+') {
          out += kSpace;
          out += '*';
          ++i;
        }
      } else {
        out += c;
        out += e;
      }
      continue;
    }
    if (!in_class && c == '[') {
      in_class = true;
      out += c;
      // A ']' first (after an optional '^') is a member, not the end.
      if (i + 1 < source.size() && source[i + 1] == '^') out += source[++i];
      if (i + 1 < source.size() && source[i + 1] == ']') out += source[++i];
      continue;
    }
    if (in_class && c == '[' && i + 1 < source.size() && source[i + 1] == ':') {
      const auto close = source.find(":]", i + 2);
      if (close == std::string::npos) return source;
      out.append(source, i, close + 2 - i);
      i = close + 1;
      continue;
    }
    if (in_class && c == ']') in_class = false;
    out += c;
  }
  return out;
}

// The characters of an atom that a text must hold: its boundaries are none.
std::size_t looked_for(const std::string& atom) {
  return atom.size() - static_cast<std::size_t>(std::count(atom.begin(), atom.end(), kBoundary));
}

inline bool is_word_byte(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

struct PatternSet::Impl {
  static RE2::Options options() {
    RE2::Options o;
    o.set_log_errors(false);
    o.set_encoding(RE2::Options::EncodingUTF8);
    o.set_max_mem(16 << 20);
    return o;
  }
  re2::FilteredRE2 filter{kMinAtomBytes};  // over the marked sources
  // The filter's atoms are looked for as keys: the atom without kBoundary, kSpace read as ' '.
  // A key whose atoms need boundaries is reported at each occurrence, and checked there.
  PhraseMatcher atoms;  // the keys, over the text's bytes (its \t\n\f\r read as ' ')
  std::size_t atom_count = 0, key_count = 0;
  std::size_t filter_atom_count = 0;  // the filter's own atoms come first
  struct Bounded {
    std::uint32_t atom;
    std::vector<std::uint32_t> boundaries;  // offsets into the key where a word must begin or end
  };
  std::vector<std::vector<std::uint32_t>> key_atoms;  // per key: atoms held wherever it occurs
  std::vector<std::vector<Bounded>> key_bounded;      // per key: atoms that need boundaries
  std::vector<std::uint32_t> always_atoms;            // atoms of keys too short to look for
  std::vector<std::size_t> always;          // patterns the filter cannot rule out, ascending
  std::vector<bool> is_always;              // per pattern
  std::vector<std::unique_ptr<RE2::Set>> sets;  // set i holds always[i × kPatternsPerSet, …)
  // The filter's formulas evaluated here rather than by FilteredRE2::AllPotentials, whose
  // propagation through every pattern sharing a common two-letter atom ("em", "to") cost more
  // than the rest of the prefilter: per pattern with atoms, clauses (sets of atom ids) of which
  // the text must hold an atom each. Each clause is checked at load against the pattern's own
  // formula, so a pattern that can match is never dropped. Empty when that could not be done;
  // AllPotentials is used then.
  std::vector<std::vector<std::vector<std::uint32_t>>> clauses;  // per pattern
  std::vector<std::vector<std::uint32_t>> gated_by;  // per atom: patterns with it in clause 0

  struct Reading {
    bool always = false;  // the formula holds on any text: no atom is needed
    std::vector<std::vector<std::string>> clauses;
  };
  static Reading implied_clauses(const std::string& source);

  static std::u32string bytes(std::string_view text) {
    std::u32string out(text.size(), 0);
    std::transform(text.begin(), text.end(), out.begin(),
                   [](char c) { return static_cast<char32_t>(static_cast<unsigned char>(c)); });
    return out;
  }
};

// A few clauses of the pattern's prefilter formula, each a set of atoms, the clause to look the
// pattern up by first; none when the formula cannot be read this way. The formula is monotone,
// so a set of atoms C is a clause (every text that satisfies the formula holds one of C) exactly
// when the atoms outside C do not satisfy it: each clause is found by taking atoms out of C
// while that stays true. The clauses of a source are kept for the process: the screener's
// detectors put the same patterns in more than one PatternSet.
PatternSet::Impl::Reading PatternSet::Impl::implied_clauses(const std::string& source) {
  static std::mutex mutex;
  static std::unordered_map<std::string, Reading> known;
  {
    const std::lock_guard<std::mutex> lock(mutex);
    if (const auto it = known.find(source); it != known.end()) return it->second;
  }
  constexpr int kMaxClauses = 8;
  std::vector<std::vector<std::string>> clauses;
  re2::FilteredRE2 own(kMinAtomBytes);
  int id = 0;
  std::vector<std::string> atoms;
  if (own.Add(re2::StringPiece(source), options(), &id) == RE2::NoError) own.Compile(&atoms);
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
  const bool always = n == 0 || satisfied_without(std::vector<bool>(n, true));
  if (!always && satisfied_without(std::vector<bool>(n, false))) {
    std::vector<std::size_t> order(n);  // shortest atoms first: they occur in the most texts
    for (std::size_t k = 0; k < n; ++k) order[k] = k;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return looked_for(atoms[a]) < looked_for(atoms[b]);
    });
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
          length = std::min(length, looked_for(atoms[k]));
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
      std::vector<bool> clause(n, true);
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
      std::vector<bool> outside(n, true);  // a clause candidate: every atom not picked
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
    clauses = std::move(ranked);
  }
  Reading reading{always, std::move(clauses)};
  const std::lock_guard<std::mutex> lock(mutex);
  known.emplace(source, reading);
  return reading;
}

PatternSet::PatternSet() : impl_(std::make_unique<Impl>()) {}
PatternSet::~PatternSet() = default;
PatternSet::PatternSet(PatternSet&&) noexcept = default;
PatternSet& PatternSet::operator=(PatternSet&&) noexcept = default;

std::size_t PatternSet::add(std::string_view source, const std::string& where) {
  const re2::StringPiece piece(source.data(), source.size());
  // A pattern that needs no atom as written is confirmed by an RE2::Set, which reads it whole;
  // the boundaries alone would let it through more often.
  std::string prefiltered = marked(std::string(source));
  if (prefiltered != source && Impl::implied_clauses(std::string(source)).always) {
    prefiltered = std::string(source);
  }
  int id = 0;
  if (impl_->filter.Add(re2::StringPiece(prefiltered), Impl::options(), &id) != RE2::NoError) {
    prefiltered = std::string(source);
    if (impl_->filter.Add(piece, Impl::options(), &id) != RE2::NoError) {
      const RE2 re(piece, Impl::options());
      throw std::runtime_error("lexicon " + where + ": bad pattern: " + re.error());
    }
  }
  sources_.emplace_back(source);
  marked_.push_back(std::move(prefiltered));
  return sources_.size() - 1;
}

void PatternSet::finish() {
  if (sources_.empty()) return;
  std::vector<std::string> atoms;
  impl_->filter.Compile(&atoms);
  impl_->filter_atom_count = atoms.size();
  std::vector<int> passed;
  impl_->filter.AllPotentials({}, &passed);
  for (int i : passed) impl_->always.push_back(static_cast<std::size_t>(i));
  std::sort(impl_->always.begin(), impl_->always.end());
  impl_->is_always.assign(sources_.size(), false);
  for (std::size_t i : impl_->always) impl_->is_always[i] = true;
  for (std::size_t k = 0; k < impl_->always.size(); ++k) {
    if (k % kPatternsPerSet == 0) {
      impl_->sets.push_back(std::make_unique<RE2::Set>(Impl::options(), RE2::UNANCHORED));
    }
    const std::string& source = sources_[impl_->always[k]];
    if (impl_->sets.back()->Add(re2::StringPiece(source), nullptr) < 0) {
      throw std::runtime_error("lexicon: a pattern does not compile in a set");
    }
  }
  for (const auto& set : impl_->sets) {
    if (!set->Compile()) throw std::runtime_error("lexicon: the pattern set does not compile");
  }
  // Clauses of the marked source and of the source as written: a text that can match satisfies
  // both formulas. Atoms of the second that the filter does not have are looked for too.
  std::unordered_map<std::string, std::uint32_t> atom_id;
  for (std::size_t i = 0; i < atoms.size(); ++i) atom_id[atoms[i]] = static_cast<std::uint32_t>(i);
  auto id_of = [&](const std::string& atom) {
    const auto [it, added] = atom_id.emplace(atom, static_cast<std::uint32_t>(atoms.size()));
    if (added) atoms.push_back(atom);
    return it->second;
  };
  impl_->clauses.assign(sources_.size(), {});
  for (std::size_t i = 0; i < sources_.size(); ++i) {
    if (impl_->is_always[i]) continue;
    std::vector<std::vector<std::string>> strings = Impl::implied_clauses(marked_[i]).clauses;
    if (marked_[i] != sources_[i]) {
      for (auto& clause : Impl::implied_clauses(sources_[i]).clauses) {
        if (std::find(strings.begin(), strings.end(), clause) == strings.end()) {
          strings.push_back(std::move(clause));
        }
      }
    }
    if (strings.empty()) {  // not readable: the filter's own evaluation for every text
      impl_->clauses.clear();
      break;
    }
    // Rarest first (the longer its shortest atom, the fewer texts hold one).
    auto shortest = [](const std::vector<std::string>& clause) {
      std::size_t length = std::string::npos;
      for (const auto& atom : clause) length = std::min(length, looked_for(atom));
      return length;
    };
    std::stable_sort(strings.begin(), strings.end(), [&](const auto& a, const auto& b) {
      return shortest(a) > shortest(b);
    });
    auto& clauses = impl_->clauses[i];
    for (const auto& atom_strings : strings) {
      auto& clause = clauses.emplace_back();
      for (const std::string& atom : atom_strings) clause.push_back(id_of(atom));
    }
  }
  if (!impl_->clauses.empty()) {
    impl_->gated_by.assign(atoms.size(), {});
    for (std::size_t i = 0; i < sources_.size(); ++i) {
      if (impl_->clauses[i].empty()) continue;
      for (std::uint32_t a : impl_->clauses[i].front()) {
        impl_->gated_by[a].push_back(static_cast<std::uint32_t>(i));
      }
    }
  }
  impl_->atom_count = atoms.size();
  std::unordered_map<std::string, std::uint32_t> key_id;
  std::vector<std::string> keys;
  std::vector<bool> key_every;
  for (std::size_t i = 0; i < atoms.size(); ++i) {
    std::string key;
    std::vector<std::uint32_t> boundaries;
    for (const char c : atoms[i]) {
      if (c == kBoundary) {
        if (boundaries.empty() || boundaries.back() != key.size()) {
          boundaries.push_back(static_cast<std::uint32_t>(key.size()));
        }
      } else if (c == kSpace || c == '\t' || c == '\n' || c == '\f' || c == '\r') {
        key += ' ';
      } else {
        key += c;
      }
    }
    // A key of one byte occurs in nearly every text: not worth looking for at each place.
    if (key.size() < static_cast<std::size_t>(kMinAtomBytes)) {
      impl_->always_atoms.push_back(static_cast<std::uint32_t>(i));
      continue;
    }
    const auto [it, added] = key_id.emplace(key, static_cast<std::uint32_t>(keys.size()));
    if (added) {
      keys.push_back(key);
      key_every.push_back(false);
      impl_->key_atoms.emplace_back();
      impl_->key_bounded.emplace_back();
    }
    if (boundaries.empty()) {
      impl_->key_atoms[it->second].push_back(static_cast<std::uint32_t>(i));
    } else {
      impl_->key_bounded[it->second].push_back({static_cast<std::uint32_t>(i), boundaries});
      key_every[it->second] = true;
    }
  }
  impl_->key_count = keys.size();
  for (std::size_t k = 0; k < keys.size(); ++k) {
    if (key_every[k]) {
      impl_->atoms.add_every(Impl::bytes(keys[k]), static_cast<std::uint32_t>(k));
    } else {
      impl_->atoms.add(Impl::bytes(keys[k]), static_cast<std::uint32_t>(k));
    }
  }
  impl_->atoms.finish();
}

std::vector<std::size_t> PatternSet::candidates(const Utf8View& text) const {
  std::vector<std::size_t> out;
  if (sources_.empty()) return out;
  thread_local std::vector<int> atoms, passed, hits;
  thread_local std::vector<std::uint64_t> present;  // a bit per atom
  thread_local std::vector<PhraseMatcher::Match> occurrences;
  thread_local std::string spaced;
  atoms.clear();
  occurrences.clear();
  if (present.size() * 64 < impl_->atom_count) present.resize(impl_->atom_count / 64 + 1, 0);
  auto take = [&](std::uint32_t a) {
    std::uint64_t& word = present[a / 64];
    if ((word >> (a % 64) & 1u) != 0) return;
    word |= 1ull << (a % 64);
    atoms.push_back(static_cast<int>(a));
  };
  // \s is read as ' ' in the keys: the text's other spaces too, in a copy when it has any.
  std::string_view bytes(text.text);
  if (std::any_of(bytes.begin(), bytes.end(),
                  [](char c) { return c == '\t' || c == '\n' || c == '\f' || c == '\r'; })) {
    spaced.assign(bytes);
    for (char& c : spaced) {
      if (c == '\t' || c == '\n' || c == '\f' || c == '\r') c = ' ';
    }
    bytes = spaced;
  }
  for (std::uint32_t a : impl_->always_atoms) take(a);
  for (std::uint32_t key : impl_->atoms.present(bytes, impl_->key_count, occurrences)) {
    for (std::uint32_t a : impl_->key_atoms[key]) take(a);
  }
  const auto* chars = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t size = bytes.size();
  for (const auto& occurrence : occurrences) {
    for (std::uint32_t a : impl_->key_atoms[occurrence.id]) take(a);
    for (const auto& bounded : impl_->key_bounded[occurrence.id]) {
      bool held = true;
      for (std::uint32_t k : bounded.boundaries) {  // a word boundary, as RE2's \b
        const std::size_t p = occurrence.begin + k;
        const bool before = p > 0 && is_word_byte(chars[p - 1]);
        const bool after = p < size && is_word_byte(chars[p]);
        if (before == after) {
          held = false;
          break;
        }
      }
      if (held) take(bounded.atom);
    }
  }
  if (!impl_->clauses.empty()) {
    passed.clear();
    thread_local std::vector<std::uint32_t> seen;     // per pattern: the search that looked
    thread_local std::uint32_t search = 0;
    if (++search == 0) {
      std::fill(seen.begin(), seen.end(), 0);
      search = 1;
    }
    if (seen.size() < sources_.size()) seen.resize(sources_.size(), 0);
    auto holds = [&](const std::vector<std::uint32_t>& clause) {
      for (std::uint32_t a : clause) {
        if ((present[a / 64] >> (a % 64) & 1u) != 0) return true;
      }
      return false;
    };
    for (int a : atoms) {
      for (std::uint32_t p : impl_->gated_by[static_cast<std::size_t>(a)]) {
        if (seen[p] == search) continue;
        seen[p] = search;
        const auto& clauses = impl_->clauses[p];
        // The first clause holds: the atom that led here is in it.
        if (std::all_of(clauses.begin() + 1, clauses.end(), holds)) {
          passed.push_back(static_cast<int>(p));
        }
      }
    }
  } else {
    thread_local std::vector<int> known;  // the atoms the filter has
    known.clear();
    for (int a : atoms) {
      if (static_cast<std::size_t>(a) < impl_->filter_atom_count) known.push_back(a);
    }
    std::sort(known.begin(), known.end());
    impl_->filter.AllPotentials(known, &passed);
  }
  for (int a : atoms) present[static_cast<std::size_t>(a) / 64] = 0;
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
