#include "moderation/classifier.h"

#include <fasttext/fasttext.h>
#include <fasttext/loss.h>
#include <fasttext/model.h>

#include <algorithm>
#include <deque>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <unordered_map>

#include "moderation/model_text.h"

namespace ln::moderation {

namespace {
constexpr std::string_view kLabelPrefix = "__label__";

// The distinct words of a text, each with what the caller keeps for it: open addressing over a
// table reused from text to text (an std::unordered_map allocates a node per word).
class DistinctWords {
 public:
  using Value = std::pair<bool, std::pair<std::size_t, std::size_t>>;  // (filled in, tokens)
  void reset(std::size_t words) {
    for (std::size_t i : used_) slots_[i] = Slot{};
    used_.clear();
    std::size_t size = std::max<std::size_t>(slots_.size(), 64);
    while (size < 2 * words) size *= 2;
    if (slots_.size() != size) slots_.assign(size, Slot{});
  }
  Value& find_or_add(std::string_view word) {
    const std::size_t mask = slots_.size() - 1;
    const std::size_t hash = std::hash<std::string_view>{}(word);
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      Slot& slot = slots_[i];
      if (!slot.taken) {
        slot.taken = true;
        slot.word = word;
        used_.push_back(i);
        return slot.value;
      }
      if (slot.word == word) return slot.value;
    }
  }

 private:
  struct Slot {
    bool taken = false;
    std::string_view word;
    Value value{};
  };
  std::vector<Slot> slots_;
  std::vector<std::size_t> used_;
};
}  // namespace

// fastText keeps its model and the model its loss out of reach (protected members); a pointer to
// member formed in a derived class reads them without copying or changing anything.
struct ModelOf : fasttext::FastText {
  static const fasttext::Model& of(const fasttext::FastText& f) { return *(f.*&ModelOf::model_); }
};
struct LossOf : fasttext::Model {
  static const fasttext::Loss& of(const fasttext::Model& m) { return *(m.*&LossOf::loss_); }
};

struct Classifier::Model {
  fasttext::FastText fasttext;
  std::vector<std::string> labels;  // by fastText label id, without the prefix
  std::shared_ptr<const fasttext::Dictionary> dictionary;
  std::int32_t nwords = 0, bucket = 0, word_ngrams = 1, dim = 0;
  // A window's input ids built from each word's ids (below), and its hidden vector summed here,
  // instead of Dictionary::getLine (which reads the window as a stream of strings and hashes
  // every n-gram of every word again for each window it is in) and Model::computeHidden (a
  // virtual call per id). Same ids, same additions in the same order, so the same floats: checked
  // at load against fastText's own path, which is used instead when they differ (a quantised
  // model, another fastText).
  bool direct = false;
  std::shared_ptr<const fasttext::DenseMatrix> input;

  struct Token {
    std::int32_t hash = 0;                                // Dictionary::hash, as getLine keeps it
    const std::vector<std::int32_t>* subwords = nullptr;  // the word's id if known, its n-grams
  };
  // `unknown` keeps the n-grams of words the dictionary does not know.
  Token token(const std::string& word, std::deque<std::vector<std::int32_t>>& unknown) const {
    static const std::vector<std::int32_t> none;
    const std::uint32_t h = dictionary->hash(word);
    const std::int32_t id = dictionary->getId(word, h);
    Token t{static_cast<std::int32_t>(h), &none};
    if (id >= 0) {
      t.subwords = &dictionary->getSubwords(id);
    } else if (word != fasttext::Dictionary::EOS) {
      t.subwords = &unknown.emplace_back(dictionary->getSubwords(word));
    }
    return t;
  }
  // What getLine gives for the line "tokens…\n": every token's subwords, then the end of line's,
  // then the hashed word n-grams.
  void window_ids(const std::vector<const Token*>& tokens, const Token& eos,
                  std::vector<std::int32_t>& ids, std::vector<std::int32_t>& hashes) const {
    ids.clear();
    hashes.clear();
    for (const Token* t : tokens) {
      ids.insert(ids.end(), t->subwords->begin(), t->subwords->end());
      hashes.push_back(t->hash);
    }
    ids.insert(ids.end(), eos.subwords->begin(), eos.subwords->end());
    hashes.push_back(eos.hash);
    const auto n = static_cast<std::int32_t>(hashes.size());
    for (std::int32_t i = 0; i < n; ++i) {
      std::uint64_t h = static_cast<std::uint64_t>(static_cast<std::int64_t>(hashes[i]));
      for (std::int32_t j = i + 1; j < n && j < i + word_ngrams; ++j) {
        h = h * 116049371 + static_cast<std::uint64_t>(static_cast<std::int64_t>(hashes[j]));
        ids.push_back(nwords + static_cast<std::int32_t>(h % static_cast<std::uint64_t>(bucket)));
      }
    }
  }
  // The same through fastText's own reader.
  void line_ids(const std::string& line, std::vector<std::int32_t>& ids) const {
    std::istringstream in(line + "\n");
    std::vector<std::int32_t> labels;
    ids.clear();
    dictionary->getLine(in, ids, labels);
  }
  template <std::int32_t Dim>
  static void add_rows(const float* rows, const std::vector<std::int32_t>& ids, float* hidden) {
    float sum[Dim];
    std::copy(hidden, hidden + Dim, sum);
    for (const std::int32_t id : ids) {
      const float* row = rows + static_cast<std::int64_t>(id) * Dim;
      for (std::int32_t j = 0; j < Dim; ++j) sum[j] += row[j];
    }
    std::copy(sum, sum + Dim, hidden);
  }
  // FastText::predict over all labels, its hidden vector summed here (Model::computeHidden's
  // arithmetic: rows added in order, then scaled by 1 / count).
  void predict_direct(const std::vector<std::int32_t>& ids, fasttext::Model::State& state,
                      fasttext::Predictions& predictions) const {
    predictions.clear();
    if (ids.empty()) return;
    float* hidden = state.hidden.data();
    std::fill(hidden, hidden + dim, 0.0f);
    const float* rows = input->data();
    if (dim == 16) {
      add_rows<16>(rows, ids, hidden);  // the shipped model: a fixed width the compiler unrolls
    } else {
      for (const std::int32_t id : ids) {
        const float* row = rows + static_cast<std::int64_t>(id) * dim;
        for (std::int32_t j = 0; j < dim; ++j) hidden[j] += row[j];
      }
    }
    const auto scale = static_cast<float>(1.0 / static_cast<double>(ids.size()));
    for (std::int32_t j = 0; j < dim; ++j) hidden[j] *= scale;
    const auto k = static_cast<std::int32_t>(labels.size());
    predictions.reserve(static_cast<std::size_t>(k) + 1);
    LossOf::of(ModelOf::of(fasttext)).predict(k, 0.0, predictions, state);
  }
  void predict_fasttext(const std::vector<std::int32_t>& ids,
                        fasttext::Predictions& predictions) const {
    predictions.clear();
    fasttext.predict(static_cast<std::int32_t>(labels.size()), ids, predictions, 0.0);
  }
  fasttext::Model::State state() const {
    return fasttext::Model::State(dim, static_cast<std::int32_t>(labels.size()), 0);
  }
};

std::map<std::string, float, std::less<>> read_thresholds(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("screener model thresholds missing: " + file.string());
  std::map<std::string, float, std::less<>> thresholds;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.empty() || line[0] == '#') continue;
    const auto tab = line.find('\t');
    float value = -1;
    try {
      if (tab != std::string::npos) value = std::stof(line.substr(tab + 1));
    } catch (const std::exception&) {
    }
    if (tab == std::string::npos || tab == 0 || !(value >= 0 && value <= 1)) {
      throw std::runtime_error(file.string() + ":" + std::to_string(number) +
                               ": expected label<TAB>threshold between 0 and 1");
    }
    thresholds[line.substr(0, tab)] = value;
  }
  return thresholds;
}

Classifier::Classifier(const std::filesystem::path& model_file) {
  if (!std::filesystem::is_regular_file(model_file)) {
    throw std::runtime_error("screener model missing: " + model_file.string());
  }
  auto model = std::make_unique<Model>();
  try {
    model->fasttext.loadModel(model_file.string());
  } catch (const std::exception& e) {
    throw std::runtime_error("screener model unreadable: " + model_file.string() + ": " + e.what());
  }
  const auto dictionary = model->fasttext.getDictionary();
  for (std::int32_t i = 0; i < dictionary->nlabels(); ++i) {
    std::string label = dictionary->getLabel(i);
    if (label.starts_with(kLabelPrefix)) label.erase(0, kLabelPrefix.size());
    model->labels.push_back(std::move(label));
  }
  model->dictionary = dictionary;
  const fasttext::Args args = model->fasttext.getArgs();
  model->nwords = dictionary->nwords();
  model->bucket = args.bucket;
  model->word_ngrams = args.wordNgrams;
  model->dim = args.dim;
  try {
    model->input = model->fasttext.getInputMatrix();  // throws for a quantised model
    model->direct = model->bucket > 0 && args.model == fasttext::model_name::sup &&
                    model->input->size(1) == args.dim;
  } catch (const std::exception&) {
    model->direct = false;
  }
  if (model->direct) {
    // Both ways must agree, to the bit, on words known and unknown, chat spellings of two words,
    // digits and the "@" the model reads, and an empty text.
    std::deque<std::vector<std::int32_t>> unknown;
    const Model::Token eos = model->token(fasttext::Dictionary::EOS, unknown);
    std::vector<std::int32_t> direct, hashes, read;
    fasttext::Predictions mine, theirs;
    auto state = model->state();
    for (const std::string line : {"em khong muon song nua", "goi 0000000000 @ gmail",
                                   "so dien thoai cua minh xqzwvj", "bo em danh em dau lam", ""}) {
      std::vector<Model::Token> tokens;
      std::istringstream words(line);
      for (std::string word; words >> word;) tokens.push_back(model->token(word, unknown));
      std::vector<const Model::Token*> window;
      for (const auto& t : tokens) window.push_back(&t);
      model->window_ids(window, eos, direct, hashes);
      model->line_ids(line, read);
      model->predict_direct(direct, state, mine);
      model->predict_fasttext(read, theirs);
      if (direct != read || mine != theirs) model->direct = false;
    }
  }
  thresholds_ = read_thresholds(model_file.string() + ".thresholds");
  model_ = std::move(model);
}

Classifier::~Classifier() = default;
Classifier::Classifier(Classifier&&) noexcept = default;
Classifier& Classifier::operator=(Classifier&&) noexcept = default;

std::map<std::string, float> Classifier::probabilities(const NormalisedText& text) const {
  const Model& m = *model_;
  std::vector<float> best(m.labels.size(), 0.0f);
  fasttext::Predictions predictions;
  auto take = [&] {
    for (const auto& [log_probability, id] : predictions) {
      float& p = best[static_cast<std::size_t>(id)];
      p = std::max(p, std::exp(log_probability));
    }
  };
  const std::vector<std::string> words = model_words(text);
  if (m.direct) {
    // Each distinct word's tokens once (a chat spelling can stand for two words), then the
    // windows model_windows() would cut, from those tokens.
    // The buffers are kept per thread, so a text costs no allocation for them once warm.
    thread_local DistinctWords seen;
    thread_local std::vector<std::int32_t> ids, hashes;
    thread_local std::vector<const Model::Token*> window;
    thread_local std::deque<std::vector<std::int32_t>> unknown;
    thread_local std::vector<Model::Token> tokens;
    thread_local std::vector<std::pair<std::size_t, std::size_t>> word_tokens;  // in tokens
    seen.reset(words.size());
    unknown.clear();
    tokens.clear();
    word_tokens.clear();
    for (const std::string& word : words) {
      auto& [known, range] = seen.find_or_add(word);
      if (!known) {
        known = true;
        const std::size_t first = tokens.size();
        std::size_t b = 0;
        for (std::size_t e; (e = word.find(' ', b)) != std::string::npos; b = e + 1) {
          if (e > b) tokens.push_back(m.token(word.substr(b, e - b), unknown));
        }
        if (b < word.size()) tokens.push_back(m.token(word.substr(b), unknown));
        range = {first, tokens.size()};
      }
      word_tokens.push_back(range);
    }
    const Model::Token eos = m.token(fasttext::Dictionary::EOS, unknown);
    // fastText's prediction state (three vectors) kept per thread too; prediction writes all of
    // hidden and output before reading them, so nothing carries from one text to the next.
    thread_local std::optional<fasttext::Model::State> kept_state;
    if (!kept_state || kept_state->hidden.size() != m.dim ||
        kept_state->output.size() != static_cast<std::int64_t>(m.labels.size())) {
      kept_state.emplace(m.state());
    }
    fasttext::Model::State& state = *kept_state;
    // A window of the same words in the same order as one already read gives the same
    // probabilities, which cannot raise the highest: a text repeating itself (a line pasted a
    // hundred times, copied spam) is read once per distinct window.
    thread_local std::unordered_multimap<std::uint64_t, std::size_t> read;  // key → window start
    read.clear();
    auto same = [&](std::size_t a, std::size_t b, std::size_t length) {
      for (std::size_t i = 0; i < length; ++i) {
        if (word_tokens[a + i].first != word_tokens[b + i].first) return false;
      }
      return true;
    };
    for_each_window(words.size(), kWindowWords, kWindowStride, [&](std::size_t b, std::size_t e) {
      std::uint64_t key = 14695981039346656037ull;
      for (std::size_t w = b; w < e; ++w) key = (key ^ word_tokens[w].first) * 1099511628211ull;
      const auto [first, last] = read.equal_range(key);
      for (auto it = first; it != last; ++it) {
        if (same(it->second, b, e - b)) return;
      }
      read.emplace(key, b);
      window.clear();
      for (std::size_t w = b; w < e; ++w) {
        for (std::size_t t = word_tokens[w].first; t < word_tokens[w].second; ++t) {
          window.push_back(&tokens[t]);
        }
      }
      m.window_ids(window, eos, ids, hashes);
      m.predict_direct(ids, state, predictions);
      take();
    });
  } else {
    std::vector<std::int32_t> ids;
    for (const std::string& window : model_windows(words, kWindowWords, kWindowStride)) {
      m.line_ids(window, ids);
      m.predict_fasttext(ids, predictions);
      take();
    }
  }
  std::map<std::string, float> out;
  for (std::size_t i = 0; i < m.labels.size(); ++i) {
    float& p = out[m.labels[i]];
    p = std::max(p, best[i]);
  }
  return out;
}

float Classifier::line(std::string_view name) const {
  const auto it = thresholds_.find(name);
  return it == thresholds_.end() ? 0.0f : it->second;
}

float Classifier::disclosure_held_below() const {
  return line("disclosure_held_below");
}

float Classifier::disclosure_held_below_first_person() const {
  return line("disclosure_held_below_first_person");
}

float Classifier::disclosure_held_below_gravest() const {
  return line("disclosure_held_below_gravest");
}

float Classifier::rude_held_below() const {
  return line("rude_held_below");
}

std::vector<Opinion> Classifier::judge(const NormalisedText& text) const {
  return judge(probabilities(text));
}

std::vector<Opinion> Classifier::judge(const std::map<std::string, float>& probabilities) const {
  std::vector<Opinion> opinions;
  for (const auto& [label, probability] : probabilities) {
    const auto it = thresholds_.find(label);
    if (it != thresholds_.end() && probability >= it->second) {
      opinions.push_back({label, probability, it->second});
    }
  }
  return opinions;
}

}  // namespace ln::moderation
