#include "moderation/first_person.h"

#include <set>
#include <string>
#include <vector>

namespace ln::moderation {

namespace {
using Words = std::set<std::u32string, std::less<>>;

// The words of plain[begin, end), whole (a word cut by either end is left out).
std::vector<std::u32string_view> words_in(std::u32string_view plain, std::size_t begin,
                                          std::size_t end) {
  std::vector<std::u32string_view> words;
  std::size_t i = begin;
  while (i > 0 && i < end && is_letter(plain[i - 1]) && is_letter(plain[i])) ++i;
  while (i < end) {
    while (i < end && !is_letter(plain[i])) ++i;
    const std::size_t start = i;
    while (i < end && is_letter(plain[i])) ++i;
    const bool whole = i >= plain.size() || !is_letter(plain[i]);
    if (i > start && whole) words.push_back(plain.substr(start, i - start));
  }
  return words;
}
}  // namespace

bool is_letter(char32_t c) {
  return (c >= U'a' && c <= U'z') || c > 0x7f;
}

bool first_person(std::u32string_view word) {
  static const Words words{U"em", U"e",   U"tui", U"toi", U"minh", U"mik",  U"mk",
                           U"to", U"tao", U"tau", U"t",   U"con",  U"chau", U"i",
                           U"me", U"my",  U"we",  U"us",  U"our"};
  return words.contains(word);
}

bool tells_own_harm(std::u32string_view plain, std::size_t begin, std::size_t end) {
  // Said of the child: "em bị", "em cũng bị", "em muốn", "em nghĩ tới" (the word after).
  static const Words after{U"bi",   U"cung", U"tung", U"dang", U"van",  U"lai",  U"hay",
                           U"muon", U"mun",  U"nghi", U"se",   U"da",   U"phai", U"thuong",
                           U"am",   U"was",  U"get",  U"got",  U"want", U"feel"};
  // Someone of the child's ("bố em", "nhà tui") or done to the child ("đánh em", "hit me").
  static const Words before{U"bo",   U"me",   U"ba",    U"ma",    U"cha",     U"nha", U"anh",
                            U"chi",  U"ban",  U"duong", U"ghe",   U"ho",      U"noi", U"ngoai",
                            U"co",   U"thay", U"chu",   U"cau",   U"danh",    U"dap", U"tat",
                            U"nhot", U"so",   U"bat",   U"chui",  U"doa",     U"ep",  U"lua",
                            U"hit",  U"hits", U"beat",  U"touch", U"touched", U"dad", U"mom"};
  // Not the child: "trẻ em", "em bé", "các em", "con ma".
  static const Words not_before{U"tre", U"cac", U"nhung", U"may", U"mot", U"hai", U"dua"};
  static const Words not_after{U"be", U"nho", U"nit"};
  const auto words = words_in(plain, begin, end);
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!first_person(words[i])) continue;
    const std::u32string_view prev = i > 0 ? words[i - 1] : U"";
    const std::u32string_view next = i + 1 < words.size() ? words[i + 1] : U"";
    if (not_before.contains(prev) || not_after.contains(next)) continue;
    if (after.contains(next) || before.contains(prev)) return true;
  }
  return false;
}

}  // namespace ln::moderation
