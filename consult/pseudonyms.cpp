#include "consult/pseudonyms.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uspoof.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <set>
#include <stdexcept>

#include "base/crypto.h"
#include "base/errors.h"
#include "base/validate.h"

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

// The commonest Vietnamese family names (about nine in ten people carry one). A pseudonym that
// starts with one and goes on like a full name is taken for the child's real name. Names that
// are also everyday words ("Mai", "Hà", "Lâm", "Cao", "Lê", "Hồ") are not here.
constexpr std::array<const char*, 16> kFamilyNames = {
    "nguyễn", "trần", "phạm", "hoàng", "huỳnh", "phan", "vũ",    "võ",
    "đặng",   "bùi",  "đỗ",   "ngô",   "dương", "đinh", "trịnh", "trương"};
// The same, as children write them without marks; only those that are no other word.
constexpr std::array<const char*, 11> kFamilyNamesPlain = {
    "nguyen", "tran", "pham", "hoang", "huynh", "dang", "bui", "duong", "dinh", "trinh", "truong"};
// Middle names that mark a full name ("Văn", "Thị").
constexpr std::array<const char*, 4> kMiddleNames = {"văn", "thị", "van", "thi"};

const icu::Normalizer2& nfc() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU NFC normaliser unavailable");
  return *n;
}

icu::UnicodeString normalised(const std::string& utf8) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString out = nfc().normalize(icu::UnicodeString::fromUTF8(utf8), status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU NFC normalisation failed");
  return out;
}

std::vector<std::string> words_of(const std::string& lower) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start < lower.size()) {
    auto end = lower.find(' ', start);
    if (end == std::string::npos) end = lower.size();
    if (end > start) words.push_back(lower.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

template <std::size_t N>
bool is_one_of(const std::string& word, const std::array<const char*, N>& list) {
  return std::any_of(list.begin(), list.end(), [&](const char* w) { return word == w; });
}

// "Nguyễn Văn An", "Trần Thị Mai", "nguyen van an", "Em là Phạm Minh Khôi": a family name
// followed by a middle name, or by two more words.
bool looks_like_full_name(const std::string& lower) {
  auto words = words_of(lower);
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    if (!is_one_of(words[i], kFamilyNames) && !is_one_of(words[i], kFamilyNamesPlain)) continue;
    if (i + 2 < words.size() || is_one_of(words[i + 1], kMiddleNames)) return true;
  }
  return false;
}

struct SpoofCheckerDeleter {
  void operator()(USpoofChecker* checker) const { uspoof_close(checker); }
};

// Opened once; getting a skeleton does not change it, so threads share it.
const USpoofChecker& spoof_checker() {
  static const std::unique_ptr<USpoofChecker, SpoofCheckerDeleter> checker = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<USpoofChecker, SpoofCheckerDeleter> opened(uspoof_open(&status));
    if (U_FAILURE(status)) throw std::runtime_error("ICU spoof checker unavailable");
    return opened;
  }();
  return *checker;
}

}  // namespace

std::string pseudonym_key(const std::string& pseudonym) {
  icu::UnicodeString text = normalised(pseudonym);
  text.foldCase();
  icu::UnicodeString collapsed;
  bool space = false;
  for (int32_t i = 0; i < text.length();) {
    UChar32 c = text.char32At(i);
    i += U16_LENGTH(c);
    if (u_isUWhiteSpace(c)) {
      space = true;
      continue;
    }
    if (space && !collapsed.isEmpty()) collapsed.append(static_cast<UChar>(' '));
    space = false;
    collapsed.append(c);
  }
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString skeleton;
  uspoof_getSkeletonUnicodeString(&spoof_checker(), 0, collapsed, skeleton, &status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU skeleton failed");
  std::string out;
  skeleton.toUTF8String(out);
  return out;
}

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
  icu::UnicodeString text = normalised(name);
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
  if (looks_like_full_name(lower))
    throw Invalid("pseudonym",
                  "Tên này giống tên thật. Em hãy chọn một biệt danh, như \"Mèo Xanh\", để giữ "
                  "an toàn cho mình nhé. / That looks like a real name. To keep yourself safe, "
                  "please choose a nickname such as \"Mèo Xanh\".",
                  "real_name");
  return name;
}

}  // namespace ln
