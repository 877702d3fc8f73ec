#include "consult/pseudonyms.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <set>

#include "consult/crypto.h"
#include "consult/errors.h"
#include "consult/validate.h"

namespace ln {
namespace {

struct Word {
  const char* vi;
  const char* ascii;
};

constexpr std::array<Word, 24> kAnimals = {{
    {"Mèo", "meo"},
    {"Cún", "cun"},
    {"Thỏ", "tho"},
    {"Sóc", "soc"},
    {"Cá Heo", "caheo"},
    {"Voi", "voi"},
    {"Hươu", "huou"},
    {"Gấu", "gau"},
    {"Cú", "cu"},
    {"Chim Sẻ", "chimse"},
    {"Rùa", "rua"},
    {"Ong", "ong"},
    {"Bướm", "buom"},
    {"Cáo", "cao"},
    {"Nai", "nai"},
    {"Khỉ", "khi"},
    {"Hổ", "ho"},
    {"Sư Tử", "sutu"},
    {"Chuồn Chuồn", "chuonchuon"},
    {"Ếch", "ech"},
    {"Gà Con", "gacon"},
    {"Vịt", "vit"},
    {"Cò", "co"},
    {"Sáo", "sao"},
}};

constexpr std::array<Word, 12> kColours = {{
    {"Xanh", "xanh"},
    {"Đỏ", "do"},
    {"Vàng", "vang"},
    {"Tím", "tim"},
    {"Hồng", "hong"},
    {"Cam", "cam"},
    {"Nâu", "nau"},
    {"Trắng", "trang"},
    {"Bạc", "bac"},
    {"Lục", "luc"},
    {"Lam", "lam"},
    {"Ngọc", "ngoc"},
}};

// Words a pseudonym must not contain (the full screener reviews every later text).
constexpr std::array<const char*, 16> kRefused = {
    "địt", "đụ", "lồn",  "cặc",  "buồi",  "đéo",   "đm",        "dm",
    "vcl", "vl", "fuck", "shit", "bitch", "admin", "moderator", "giáo viên"};

}  // namespace

std::vector<std::string> pseudonym_suggestions(int count) {
  std::set<std::string> seen;
  std::vector<std::string> out;
  while (static_cast<int>(out.size()) < count) {
    const auto& a = kAnimals[random_below(kAnimals.size())];
    const auto& c = kColours[random_below(kColours.size())];
    std::string name = std::string(a.vi) + " " + c.vi;
    if (seen.insert(name).second) out.push_back(name);
  }
  return out;
}

namespace {

// "meo-xanh-4821": one half of a code, the shape every code had before 2026-12.
std::string code_part() {
  const auto& a = kAnimals[random_below(kAnimals.size())];
  const auto& c = kColours[random_below(kColours.size())];
  return std::string(a.ascii) + "-" + c.ascii + "-" + std::to_string(1000 + random_below(9000));
}

}  // namespace

std::string new_sign_in_code() {
  return code_part() + "-" + code_part();
}

std::string normalise_sign_in_code(const std::string& typed) {
  std::string code;
  bool gap = false;
  for (unsigned char c : typed) {
    if (c == ' ' || c == '\t' || c == '-') {
      gap = true;
      continue;
    }
    if (gap && !code.empty()) code += '-';
    gap = false;
    code += static_cast<char>(std::tolower(c));
  }
  return code;
}

bool is_long_sign_in_code(const std::string& normalised) {
  return std::count(normalised.begin(), normalised.end(), '-') == 5;
}

std::string check_pseudonym(const std::string& typed) {
  std::string name = clean_text("pseudonym", typed, 2, 30);
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(name);
  int digits = 0;
  for (int32_t i = 0; i < text.length();) {
    UChar32 c = text.char32At(i);
    if (u_isdigit(c))
      ++digits;
    else if (!u_isalpha(c) && c != ' ' && u_charType(c) != U_NON_SPACING_MARK)
      throw Invalid("pseudonym", "A pseudonym may only have letters, numbers and spaces.");
    i += U16_LENGTH(c);
  }
  if (digits > 4)
    throw Invalid("pseudonym",
                  "Please do not put a phone number or other numbers in your pseudonym.");
  std::string lower;
  text.toLower().toUTF8String(lower);
  for (const char* word : kRefused) {
    auto at = lower.find(word);
    if (at == std::string::npos) continue;
    auto end = at + std::strlen(word);
    bool starts = at == 0 || lower[at - 1] == ' ';
    bool ends = end == lower.size() || lower[end] == ' ';
    if (starts && ends) throw Invalid("pseudonym", "Please choose a kinder pseudonym.");
  }
  return name;
}

}  // namespace ln
