#include "moderation/phrase_matcher.h"

#include <algorithm>
#include <deque>
#include <stdexcept>

#include "moderation/normalise.h"

namespace ln::moderation {

std::uint32_t PhraseMatcher::child(std::uint32_t node, char32_t c) const {
  const auto& next = nodes_[node].next;
  auto it = std::lower_bound(next.begin(), next.end(), c,
                             [](const auto& edge, char32_t key) { return edge.first < key; });
  return it != next.end() && it->first == c ? it->second : 0;
}

std::uint32_t PhraseMatcher::step(std::uint32_t node, char32_t c) const {
  while (node != 0) {
    if (const std::uint32_t next = child(node, c)) return next;
    node = nodes_[node].fail;
  }
  return c < kRootTable ? root_[c] : child(0, c);
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
  root_.assign(kRootTable, 0);
  for (const auto& [c, next] : nodes_[0].next) {
    if (c < kRootTable) root_[c] = next;
  }
  finished_ = true;
}

std::vector<PhraseMatcher::Match> PhraseMatcher::find_all(std::u32string_view text,
                                                          bool whole_words) const {
  if (!finished_) throw std::logic_error("PhraseMatcher::find_all before finish");
  std::vector<Match> matches;
  std::uint32_t node = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    node = step(node, text[i]);
    if (node == 0) continue;
    for (std::uint32_t out = nodes_[node].outputs.empty() ? nodes_[node].output_link : node;
         out != 0; out = nodes_[out].output_link) {
      for (const auto& [id, length] : nodes_[out].outputs) {
        const std::size_t begin = i + 1 - length, end = i + 1;
        if (whole_words) {
          if (begin > 0 && is_word_char(text[begin - 1]) && is_word_char(text[begin])) continue;
          if (end < text.size() && is_word_char(text[end]) && is_word_char(text[end - 1])) {
            continue;
          }
        }
        matches.push_back({begin, end, id});
      }
    }
  }
  return matches;
}

}  // namespace ln::moderation
