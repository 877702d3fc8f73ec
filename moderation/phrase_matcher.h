#pragma once
// Many phrases found in one pass (Aho–Corasick over code points): every occurrence of every
// phrase, in time linear in the text plus the number of occurrences. finish() turns the trie into
// a full transition table over the phrases' own characters (every other character leads back to
// the root), so a search takes one table look-up per character of the text.
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
  // Bytes per entry of the transition table once finished: 2 while every state fits in 16 bits
  // (fewer than 32,768 nodes), else 4.
  std::size_t state_bytes() const { return next16_.empty() ? 4 : 2; }

  // All occurrences, ordered by end then by length (longest first). With `whole_words`, only
  // occurrences not preceded or followed by a letter, digit or mark.
  std::vector<Match> find_all(std::u32string_view text, bool whole_words) const;
  // The ids of the phrases that occur anywhere (whole words or not), ascending, each once; ids
  // must be below `id_limit`. Unlike find_all, its memory does not grow with the occurrences.
  std::vector<std::uint32_t> present(std::u32string_view text, std::uint32_t id_limit) const;
  // The same over the bytes of a text, for phrases added as byte values (0–255 each): no copy of
  // the text as code points.
  std::vector<std::uint32_t> present(std::string_view bytes, std::uint32_t id_limit) const;
  // The same into `ids` (cleared first), in the order found: for a caller that keeps its buffer
  // from text to text and needs no order.
  void present_unordered(std::string_view bytes, std::uint32_t id_limit,
                         std::vector<std::uint32_t>& ids) const;

 private:
  struct Node {
    std::vector<std::pair<char32_t, std::uint32_t>> next;  // sorted by character
    std::uint32_t fail = 0;
    std::uint32_t output_link = 0;  // nearest suffix node that ends a phrase (0: none)
    std::vector<std::pair<std::uint32_t, std::uint32_t>> outputs;  // (id, length)
  };
  std::uint32_t child(std::uint32_t node, char32_t c) const;
  void renumber_breadth_first();
  // Adds the phrases that end at text[i] in `node` (whole words only, when asked).
  void report(std::u32string_view text, std::size_t i, std::uint32_t node, bool whole_words,
              std::vector<Match>& matches) const;
  template <typename Char>
  void present_in(std::basic_string_view<Char> text, std::uint32_t id_limit,
                  std::vector<std::uint32_t>& ids) const;
  // The searches over either table (next16_ when it is filled, else next_).
  template <typename Entry, typename Char>
  void present_in(const Entry* next, std::basic_string_view<Char> text, std::uint32_t id_limit,
                  std::vector<std::uint32_t>& ids) const;
  template <typename Entry>
  void find_in(const Entry* next, std::u32string_view text, bool whole_words,
               std::vector<Match>& matches) const;
  // The class of a text character: 0 when no phrase has it, else one per character phrases have.
  std::uint32_t class_of(char32_t c) const;

  std::vector<Node> nodes_{Node{}};  // the trie while phrases are added; emptied by finish()
  static constexpr char32_t kClassTable =
      0x3000;                           // classes of code points below, looked up directly
  std::vector<std::uint16_t> classes_;  // kClassTable entries
  std::vector<std::pair<char32_t, std::uint32_t>> other_classes_;  // the rest, sorted
  std::uint32_t class_count_ = 1;
  std::vector<std::uint32_t> next_;    // node * class_count_ + class → state (node × 2 + ends)
  std::vector<std::uint16_t> next16_;  // the same, when every state fits in 16 bits (next_ empty)
  std::vector<std::uint32_t> first_output_;  // node → the node of its longest phrase ending there
  // What a search reads once a phrase ends, in two flat arrays rather than through each node's
  // own vectors: per node, its phrases (a run of outputs_) and the next node ending one.
  struct Ends {
    std::uint32_t first = 0, count = 0, link = 0;
  };
  std::vector<Ends> ends_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> outputs_;  // (id, length)
  bool finished_ = false;
  std::size_t phrase_count_ = 0;
};

}  // namespace ln::moderation
