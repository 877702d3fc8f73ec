#pragma once
// Many phrases found in one pass (Aho–Corasick over code points): every occurrence of every
// phrase, in time linear in the text plus the number of occurrences.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ln::moderation {

class PhraseMatcher {
 public:
  struct Match {
    std::size_t begin = 0, end = 0;  // positions in the searched text, end exclusive
    std::uint32_t id = 0;            // the id given to add()
  };

  // Adds a phrase; empty phrases are ignored. Then finish() once, before searching.
  void add(std::u32string_view phrase, std::uint32_t id);
  void finish();
  std::size_t size() const { return phrase_count_; }

  // All occurrences, ordered by end then by length (longest first). With `whole_words`, only
  // occurrences not preceded or followed by a letter, digit or mark.
  std::vector<Match> find_all(std::u32string_view text, bool whole_words) const;

 private:
  struct Node {
    std::vector<std::pair<char32_t, std::uint32_t>> next;  // sorted by character
    std::uint32_t fail = 0;
    std::uint32_t output_link = 0;  // nearest suffix node that ends a phrase (0: none)
    std::vector<std::pair<std::uint32_t, std::uint32_t>> outputs;  // (id, length)
  };
  std::uint32_t child(std::uint32_t node, char32_t c) const;

  // The automaton's step: follows failure links until a transition on `c` exists.
  std::uint32_t step(std::uint32_t node, char32_t c) const;
  std::vector<Node> nodes_{Node{}};
  // The root's transitions for the common code points, looked up directly: most steps of a search
  // fall back to the root, so this is where a search spends its time.
  static constexpr char32_t kRootTable = 0x3000;
  std::vector<std::uint32_t> root_;
  bool finished_ = false;
  std::size_t phrase_count_ = 0;
};

}  // namespace ln::moderation
