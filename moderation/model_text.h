#pragma once
// What the learned second opinion reads: the text as the rules see it (plain view: case folded,
// look-alikes mapped, no diacritics), cut into words, every digit written as 0 (a phone number's
// shape matters, its digits do not) and "@" kept as a word. Training and screening both build it
// here, so the model always sees text the same way.
#include <functional>
#include <string>
#include <vector>

#include "moderation/normalise.h"

namespace ln::moderation {

// The words of the text, in order.
std::vector<std::string> model_words(const NormalisedText& text);

// Windows of at most `width` words, each starting `stride` words after the previous one, the last
// reaching the end; one window for a short text. A disclosure in the middle of a long text then
// decides a window of its own instead of being averaged away.
std::vector<std::string> model_windows(const std::vector<std::string>& words, std::size_t width,
                                       std::size_t stride);
// The same windows as word ranges [begin, end) of `count` words, in order.
void for_each_window(std::size_t count, std::size_t width, std::size_t stride,
                     const std::function<void(std::size_t, std::size_t)>& window);

// All the words, joined by single spaces (one training example).
std::string model_line(const std::vector<std::string>& words);

}  // namespace ln::moderation
