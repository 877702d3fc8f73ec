#include "moderation/phrase_matcher.h"

#include <algorithm>
#include <deque>
#include <stdexcept>
#include <type_traits>

#include "moderation/char_table.h"

namespace ln::moderation {

std::uint32_t PhraseMatcher::child(std::uint32_t node, char32_t c) const {
  const auto& next = nodes_[node].next;
  auto it = std::lower_bound(next.begin(), next.end(), c,
                             [](const auto& edge, char32_t key) { return edge.first < key; });
  return it != next.end() && it->first == c ? it->second : 0;
}

std::uint32_t PhraseMatcher::class_of(char32_t c) const {
  if (c < kClassTable) return classes_[c];
  auto it = std::lower_bound(other_classes_.begin(), other_classes_.end(), c,
                             [](const auto& entry, char32_t key) { return entry.first < key; });
  return it != other_classes_.end() && it->first == c ? it->second : 0;
}

void PhraseMatcher::add(std::u32string_view phrase, std::uint32_t id) {
  if (phrase.empty()) return;
  if (finished_) throw std::logic_error("PhraseMatcher::add after finish");
  std::uint32_t node = 0;
  for (char32_t c : phrase) {
    std::uint32_t next = child(node, c);
    if (next == 0) {
      next = static_cast<std::uint32_t>(nodes_.size());
      auto& edges = nodes_[node].next;
      auto it = std::lower_bound(edges.begin(), edges.end(), c,
                                 [](const auto& edge, char32_t key) { return edge.first < key; });
      edges.insert(it, {c, next});
      nodes_.emplace_back();
    }
    node = next;
  }
  nodes_[node].outputs.emplace_back(id, static_cast<std::uint32_t>(phrase.size()));
  ++phrase_count_;
}

void PhraseMatcher::finish() {
  if (finished_) return;
  renumber_breadth_first();
  std::deque<std::uint32_t> queue;
  for (const auto& [c, next] : nodes_[0].next) {
    nodes_[next].fail = 0;
    queue.push_back(next);
  }
  while (!queue.empty()) {
    const std::uint32_t node = queue.front();
    queue.pop_front();
    for (const auto& [c, next] : nodes_[node].next) {
      std::uint32_t f = nodes_[node].fail;
      while (f != 0 && child(f, c) == 0) f = nodes_[f].fail;
      const std::uint32_t target = child(f, c);
      nodes_[next].fail = target == next ? 0 : target;
      const std::uint32_t fail = nodes_[next].fail;
      nodes_[next].output_link = nodes_[fail].outputs.empty() ? nodes_[fail].output_link : fail;
      queue.push_back(next);
    }
  }
  // One class per character on any edge; the transition table follows failure links ahead of
  // time, in breadth-first order (a node's failure target is shallower, so already filled in).
  classes_.assign(kClassTable, 0);
  std::vector<char32_t> alphabet(1, 0);
  for (const Node& n : nodes_) {
    for (const auto& [c, next] : n.next) alphabet.push_back(c);
  }
  std::sort(alphabet.begin() + 1, alphabet.end());
  alphabet.erase(std::unique(alphabet.begin() + 1, alphabet.end()), alphabet.end());
  if (alphabet.size() > 0xFFFF) throw std::length_error("PhraseMatcher: too many characters");
  class_count_ = static_cast<std::uint32_t>(alphabet.size());
  for (std::uint32_t k = 1; k < class_count_; ++k) {
    if (alphabet[k] < kClassTable) {
      classes_[alphabet[k]] = static_cast<std::uint16_t>(k);
    } else {
      other_classes_.emplace_back(alphabet[k], k);
    }
  }
  // Entries are states: a node's number times two, plus one when a phrase ends at the node.
  if (nodes_.size() >= (std::size_t{1} << 31) ||
      nodes_.size() * class_count_ >= (std::size_t{1} << 32)) {
    throw std::length_error("PhraseMatcher: too many phrases");
  }
  first_output_.assign(nodes_.size(), 0);
  ends_.assign(nodes_.size(), {});
  for (std::size_t node = 0; node < nodes_.size(); ++node) {
    first_output_[node] =
        nodes_[node].outputs.empty() ? nodes_[node].output_link : static_cast<std::uint32_t>(node);
    ends_[node] = {static_cast<std::uint32_t>(outputs_.size()),
                   static_cast<std::uint32_t>(nodes_[node].outputs.size()),
                   nodes_[node].output_link};
    outputs_.insert(outputs_.end(), nodes_[node].outputs.begin(), nodes_[node].outputs.end());
  }
  auto state = [&](std::uint32_t node) { return node * 2 + (first_output_[node] != 0 ? 1 : 0); };
  next_.assign(nodes_.size() * class_count_, 0);
  std::deque<std::uint32_t> order{0};
  while (!order.empty()) {
    const std::uint32_t node = order.front();
    order.pop_front();
    // The failure target's row (the root's stays all 0), then the node's own edges over it.
    std::uint32_t* row = next_.data() + std::size_t{node} * class_count_;
    if (node != 0) {
      const std::uint32_t* fail_row = next_.data() + std::size_t{nodes_[node].fail} * class_count_;
      std::copy(fail_row + 1, fail_row + class_count_, row + 1);
    }
    for (const auto& [c, next] : nodes_[node].next) {
      row[class_of(c)] = state(next);
      order.push_back(next);
    }
  }
  // Most matchers have fewer than 32,768 nodes: their table in half the memory, so more of it
  // stays in the cache (a search is one dependent look-up per character).
  if (nodes_.size() < (std::size_t{1} << 15)) {
    next16_.assign(next_.begin(), next_.end());
    next_.clear();
    next_.shrink_to_fit();
  }
  // A search reads the flat arrays above; the trie, its edges and links are not needed again.
  nodes_.clear();
  nodes_.shrink_to_fit();
  finished_ = true;
}

// Nodes in breadth-first order: the shallow nodes, where a search spends most of its steps, then
// hold the first rows of the transition table, close together in the cache.
void PhraseMatcher::renumber_breadth_first() {
  std::vector<std::uint32_t> order{0}, new_id(nodes_.size(), 0);
  for (std::size_t k = 0; k < order.size(); ++k) {
    for (const auto& edge : nodes_[order[k]].next) {
      new_id[edge.second] = static_cast<std::uint32_t>(order.size());
      order.push_back(edge.second);
    }
  }
  std::vector<Node> renumbered(nodes_.size());
  for (std::size_t k = 0; k < order.size(); ++k) {
    Node& node = renumbered[k];
    node = std::move(nodes_[order[k]]);
    for (auto& edge : node.next) edge.second = new_id[edge.second];
  }
  nodes_ = std::move(renumbered);
}

// Out of line, so the search loop keeps its state in registers.
[[gnu::noinline]] void PhraseMatcher::report(std::u32string_view text, std::size_t i,
                                             std::uint32_t node, bool whole_words,
                                             std::vector<Match>& matches) const {
  const CharTable& table = char_table();
  auto is_word_char = [&](char32_t c) { return table.is(c, CharFlags::kWord); };
  for (std::uint32_t out = first_output_[node]; out != 0; out = ends_[out].link) {
    const Ends& ends = ends_[out];
    for (std::uint32_t k = ends.first; k < ends.first + ends.count; ++k) {
      const auto [id, length] = outputs_[k];
      const std::size_t begin = i + 1 - length, end = i + 1;
      if (whole_words) {
        if (begin > 0 && is_word_char(text[begin - 1]) && is_word_char(text[begin])) continue;
        if (end < text.size() && is_word_char(text[end]) && is_word_char(text[end - 1])) continue;
      }
      matches.push_back({begin, end, id});
    }
  }
}

std::vector<PhraseMatcher::Match> PhraseMatcher::find_all(std::u32string_view text,
                                                          bool whole_words) const {
  if (!finished_) throw std::logic_error("PhraseMatcher::find_all before finish");
  std::vector<Match> matches;
  if (next16_.empty()) {
    find_in(next_.data(), text, whole_words, matches);
  } else {
    find_in(next16_.data(), text, whole_words, matches);
  }
  return matches;
}

template <typename Entry>
void PhraseMatcher::find_in(const Entry* next, std::u32string_view text, bool whole_words,
                            std::vector<Match>& matches) const {
  const std::uint16_t* classes = classes_.data();
  const std::size_t row = class_count_;
  const char32_t* chars = text.data();
  const std::size_t n = text.size();
  std::uint32_t state = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const char32_t c = chars[i];
    state = next[(state >> 1) * row + (c < kClassTable ? classes[c] : class_of(c))];
    if ((state & 1) != 0) report(text, i, state >> 1, whole_words, matches);
  }
}

// Which nodes and ids a search has already taken are marked with the search's number in
// per-thread arrays, instead of two arrays allocated and cleared for every text.
template <typename Char>
void PhraseMatcher::present_in(std::basic_string_view<Char> text, std::uint32_t id_limit,
                               std::vector<std::uint32_t>& ids) const {
  if (!finished_) throw std::logic_error("PhraseMatcher::present before finish");
  if (next16_.empty()) {
    present_in(next_.data(), text, id_limit, ids);
  } else {
    present_in(next16_.data(), text, id_limit, ids);
  }
}

template <typename Entry, typename Char>
void PhraseMatcher::present_in(const Entry* next, std::basic_string_view<Char> text,
                               std::uint32_t id_limit, std::vector<std::uint32_t>& ids) const {
  thread_local std::vector<std::uint32_t> id_seen, node_seen;
  thread_local std::uint32_t search = 0;
  if (++search == 0) {  // numbers wrapped round: forget every mark
    std::fill(id_seen.begin(), id_seen.end(), 0);
    std::fill(node_seen.begin(), node_seen.end(), 0);
    search = 1;
  }
  if (id_seen.size() < id_limit) id_seen.resize(id_limit, 0);
  if (node_seen.size() < first_output_.size()) node_seen.resize(first_output_.size(), 0);
  const std::uint32_t mark = search;
  ids.clear();
  const std::uint16_t* classes = classes_.data();
  const std::size_t row = class_count_;
  std::uint32_t state = 0;
  for (const Char ch : text) {
    const auto c = static_cast<char32_t>(static_cast<std::make_unsigned_t<Char>>(ch));
    state = next[(state >> 1) * row + (c < kClassTable ? classes[c] : class_of(c))];
    if ((state & 1) == 0) continue;
    for (std::uint32_t out = first_output_[state >> 1]; out != 0 && node_seen[out] != mark;
         out = ends_[out].link) {
      node_seen[out] = mark;
      const Ends& ends = ends_[out];
      for (std::uint32_t k = ends.first; k < ends.first + ends.count; ++k) {
        const std::uint32_t id = outputs_[k].first;
        if (id >= id_limit) throw std::out_of_range("PhraseMatcher::present: id over the limit");
        if (id_seen[id] != mark) {
          id_seen[id] = mark;
          ids.push_back(id);
        }
      }
    }
  }
}

std::vector<std::uint32_t> PhraseMatcher::present(std::u32string_view text,
                                                  std::uint32_t id_limit) const {
  std::vector<std::uint32_t> ids;
  present_in(text, id_limit, ids);
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::vector<std::uint32_t> PhraseMatcher::present(std::string_view bytes,
                                                  std::uint32_t id_limit) const {
  std::vector<std::uint32_t> ids;
  present_in(bytes, id_limit, ids);
  std::sort(ids.begin(), ids.end());
  return ids;
}

void PhraseMatcher::present_unordered(std::string_view bytes, std::uint32_t id_limit,
                                      std::vector<std::uint32_t>& ids) const {
  present_in(bytes, id_limit, ids);
}

}  // namespace ln::moderation
