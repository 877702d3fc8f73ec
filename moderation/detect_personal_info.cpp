// Personal information: phone numbers (digits, spelled out or mixed), e-mail addresses (also
// spoken: "a còng … chấm com"), links, social handles, home addresses, names and
// self-identification. Patterns run over the plain view (no diacritics, case folded); the word
// lists they are built from live in lexicons/personal_info.tsv.
#include <unicode/uchar.h>

#include <algorithm>
#include <string_view>
#include <tuple>

#include "moderation/detectors.h"

namespace ln::moderation {
namespace {

constexpr int kContactSeverity = 5;  // lets someone reach or find the child: priority queue
constexpr int kNameSeverity = 3;
constexpr int kNameWithSchoolSeverity = 6;
constexpr int kClassSchoolSeverity = 3;
constexpr int kBirthdateSeverity = 4;
constexpr int kLinkSeverity = 2;

std::string plain(const std::string& word) {
  return to_utf8(strip_diacritics(fold(word)));
}

std::vector<std::string> plain_words(const Lexicon& lexicon, const std::string& list) {
  std::vector<std::string> out;
  for (const auto& word : lexicon.words(list)) out.push_back(plain(word));
  return out;
}

std::string group(const Lexicon& lexicon, const std::string& list) {
  return "(?:" + alternation(plain_words(lexicon, list)) + ")";
}

// Replaces every "{name}" in `pattern` with the alternation of that list.
std::string expand(std::string pattern, const Lexicon& lexicon) {
  for (std::size_t open = pattern.find('{'); open != std::string::npos;
       open = pattern.find('{', open)) {
    const auto close = pattern.find('}', open);
    const std::string name = pattern.substr(open + 1, close - open - 1);
    if (name.empty() || !std::all_of(name.begin(), name.end(),
                                     [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; })) {
      ++open;  // a repetition like {1,4}
      continue;
    }
    const std::string replacement = group(lexicon, name);
    pattern.replace(open, close - open + 1, replacement);
    open += replacement.size();
  }
  return pattern;
}

bool is_digit(char32_t c) {
  return c >= U'0' && c <= U'9';
}
bool is_letter(char32_t c) {
  return c >= U'a' && c <= U'z';
}

bool is_phone_separator(char32_t c) {
  switch (c) {
    case U' ':
    case U'.':
    case U'-':
    case U'(':
    case U')':
    case U'+':
    case U'*':
    case U'_':
    case U'~':
    case U',':
      return true;
    default:
      return false;
  }
}

bool looks_like_phone(const std::string& d) {
  const auto mobile_prefix = [](char c) {
    return c == '3' || c == '5' || c == '7' || c == '8' || c == '9';
  };
  if (d.size() == 10 && d[0] == '0' && mobile_prefix(d[1])) return true;
  if (d.size() == 11 && d.rfind("84", 0) == 0 && mobile_prefix(d[2])) return true;
  if ((d.size() == 10 || d.size() == 11) && d.rfind("02", 0) == 0) return true;
  if ((d.size() == 11 || d.size() == 12) && d.rfind("842", 0) == 0) return true;
  return false;
}

// A social handle names an account: a letter and a digit, '_' or '.' ("mai_anh", "lan2012").
bool looks_like_handle(std::u32string_view h) {
  while (!h.empty() && (h.front() == U'@')) h.remove_prefix(1);
  while (!h.empty() && h.back() == U'.') h.remove_suffix(1);
  bool letter = false, mark = false;
  for (char32_t c : h) {
    if (is_letter(c)) letter = true;
    if (is_digit(c) || c == U'_' || c == U'.') mark = true;
  }
  return h.size() >= 3 && letter && mark;
}

}  // namespace

PersonalInfoDetector::PersonalInfoDetector(const Lexicon& lexicon) {
  for (const auto& [value, word] : lexicon.lists.at("digit")) {
    if (value.size() != 1 || value[0] < '0' || value[0] > '9') {
      throw std::runtime_error("lexicon personal_info.tsv: digit value must be 0-9, not '" + value +
                               "'");
    }
    const std::u32string key = strip_diacritics(fold(word));
    digit_words_[key] = value[0];
    // A word starting otherwise turns the quick check off (every word is then looked up).
    digit_word_initials_ |= !key.empty() && is_letter(key[0]) ? 1u << (key[0] - U'a') : ~0u;
    longest_digit_word_ = std::max(longest_digit_word_, key.size());
  }
  // Packed into numbers when every spelled digit allows (else looked up in the map).
  for (const auto& [word, digit] : digit_words_) {
    if (const std::uint64_t key = packed(word)) packed_digit_words_.emplace_back(key, digit);
  }
  std::sort(packed_digit_words_.begin(), packed_digit_words_.end());
  for (const auto& [value, word] : lexicon.lists.at("not_name")) {
    if (value != "vi" && value != "en" && value != "question") {
      throw std::runtime_error("lexicon personal_info.tsv: not_name must be vi, en or question");
    }
    not_names_[value].insert(strip_diacritics(fold(word)));
  }
  for (const auto& word : lexicon.words("school_word")) {
    school_words_.insert(strip_diacritics(fold(word)));
  }

  struct Spec {
    const char* rule;
    const char* category;
    int severity;
    const char* source;
  };
  // clang-format off
  const Spec specs[] = {
    // e-mail, written or spoken ("abc a còng gmail chấm com", "abc (at) gmail [dot] com")
    {"pi.email.address", "email", kContactSeverity,
     R"(\b[a-z0-9][a-z0-9._+-]{0,63}(?:\s*@\s*|\s*[(\[{]\s*{at_word}\s*[)\]}]\s*|\s+{at_word}\s+))"
     R"((?:[a-z0-9-]+(?:(?:\s*\.\s*|\s*[(\[{]\s*{dot_word}\s*[)\]}]\s*|\s+{dot_word}\s+)[a-z0-9-]+)*)"
     R"((?:\s*\.\s*|\s*[(\[{]\s*{dot_word}\s*[)\]}]\s*|\s+{dot_word}\s+){tld}|{mail_provider})\b)"},
    // links
    {"pi.link.url", "link", kLinkSeverity, R"(\b(?:https?://|www\.)[^\s<>"]+)"},
    {"pi.link.domain", "link", kLinkSeverity,
     R"(\b[a-z0-9][a-z0-9-]{0,62}(?:\.[a-z0-9-]{1,63})*\.{tld}/[^\s<>"]*[a-z0-9/])"},
    {"pi.link.domain", "link", kLinkSeverity,
     R"(\b[a-z0-9][a-z0-9-]{0,62}(?:\.[a-z0-9-]{1,63})*\.{safe_tld}\b)"},
    {"pi.link.spoken", "link", kLinkSeverity,
     R"(\b[a-z0-9-]{2,}\s+{dot_word}\s+{safe_tld}\b(?:\s*/\s*[a-z0-9_.]+)?)"},
    // social accounts
    {"pi.social.handle", "social_handle", kContactSeverity,
     R"((?:^|[^a-z0-9._@-])(@[a-z0-9_][a-z0-9_.]{1,29}))"},
    {"pi.social.platform", "social_handle", kContactSeverity,
     R"(\b{platform}\s*(?:id|nick|username|acc)?\s*[:=]\s*@?[a-z0-9_.]{2,}(?:\s[a-z]+){0,3})"},
    {"pi.social.platform", "social_handle", kContactSeverity,
     R"(\b{platform}\s+(?:id\s+|nick\s+|ten\s+)?(?:cua\s+)?{self}\s*(?:la|:|ten la|ten|id la|id)\s+@?[a-z0-9_.]{2,}(?:\s[a-z]+){0,3})"},
    {"pi.social.platform", "social_handle", kContactSeverity,
     R"(\b(?:nick|id|ten|tai khoan|acc|kenh)\s+{platform}\s+(?:cua\s+)?{self}\s*(?:la|:)\s*@?[a-z0-9_.]{2,}(?:\s[a-z]+){0,3})"},
    {"pi.social.platform_handle", "social_handle", kContactSeverity,
     R"(\b{platform}\s+(@?[a-z0-9_][a-z0-9_.]{2,}))"},
    {"pi.social.contact_request", "social_handle", kContactSeverity,
     R"(\b(?:ket ban|kb|add|follow|theo doi|ib|inbox|nhan tin|lien he|lien lac|chat)\s+(?:qua\s+|tren\s+)?{platform}\s+(?:voi|cho|cua)\s+(?:{self}|me)\b(?:\s*(?:nha|nhe|nhe|di)?\s*:\s*[^.!?\n]{2,40})?)"},
    {"pi.social.contact_request", "social_handle", kContactSeverity,
     R"(\b(?:ket ban|kb|add|follow|theo doi|ib|inbox|nhan tin|lien he|lien lac|goi|call|text|chat|dm|message)\s+(?:voi\s+|cho\s+)?(?:{self}|me)\s+(?:qua|tren|o|bang|on|at)\s+{platform}\b)"},
    {"pi.social.contact_request", "social_handle", kContactSeverity,
     R"(\bmy\s+{platform}(?:\s+(?:id|name|username|account|handle))?\s+is\s+@?[a-z0-9_.]{2,})"},
    // home addresses
    {"pi.address.house_number", "address", kContactSeverity,
     R"(\b(?:so nha|nha so)\s*:?\s*\d{1,4}[a-z]?(?:\s*/\s*\d{1,4}[a-z]?)*\b)"},
    {"pi.address.house_number", "address", kContactSeverity,
     R"(\b(?:so\s*\d{1,4}[a-z]?(?:/\d{1,4}[a-z]?)*|\d{1,4}[a-z]?(?:/\d{1,4}[a-z]?)+)\s*,?\s*{street_word}\b(?:\s+[a-z0-9]+){0,3})"},
    {"pi.address.house_number", "address", kContactSeverity,
     R"(\b(?:o|dia chi|nha|tai)\s+(?:so\s+)?\d{1,4}[a-z]?/\d{1,4}[a-z]?(?:/\d{1,4}[a-z]?)*\b(?:\s+[a-z]+){0,3})"},
    {"pi.address.house_number", "address", kContactSeverity,
     R"(\b{street_word}\s+\d{1,4}[a-z]?/\d{1,4}[a-z]?(?:/\d{1,4}[a-z]?)*\b(?:\s+[a-z]+){0,3})"},
    {"pi.address.home", "address", kContactSeverity,
     R"(\b(?:nha\s+(?:cua\s+)?{self}|{self})\s+(?:dang\s+|hien\s+|thi\s+|hien dang\s+)?(?:o|song o|song tai|o tai|tru o|cu tru tai|o ngay)\s+{street_word}\b(?:\s+[a-z0-9/]+){0,4})"},
    {"pi.address.home", "address", kContactSeverity,
     R"(\bnha\s+(?:cua\s+)?{self}\s+(?:dang\s+|hien\s+|thi\s+)?(?:o|o tai|nam o|tai)\s+(?:so\s*)?\d{1,4}[a-z]?(?:/\d{1,4}[a-z]?)*\b(?:\s+[a-z0-9/]+){0,4})"},
    {"pi.address.home", "address", kContactSeverity,
     R"(\bdia chi\s+(?:nha\s+)?(?:cua\s+)?{self}\s*(?:la|:)\s*[^.!?\n]{2,60})"},
    {"pi.address.home", "address", kContactSeverity, R"(\bdia chi nha\s*(?:la|:)\s*[^.!?\n]{2,60})"},
    {"pi.address.village", "address", kContactSeverity,
     R"(\b(?:thon|xom|ap|ban|to|khom|khu pho)\s+\d{1,3}[a-z]?\s*,?\s*(?:xa|phuong|thi tran)\s+[a-z]+(?:\s+[a-z]+){0,2})"},
    {"pi.address.home", "address", kContactSeverity,
     R"(\b(?:i live (?:at|on) (?:\d+[a-z]?\s+)?[a-z]+(?:\s+[a-z]+){0,2}|my (?:home )?address is\s+[^.!?\n]{2,60}|\d{1,5}\s+[a-z]+\s+(?:street|st|road|rd|avenue|ave|lane)\b))"},
    // self-identification
    {"pi.self.class_school", "self_identification", kClassSchoolSeverity,
     R"(\b{self}\s+(?:dang\s+|hien\s+|la hoc sinh\s+)?(?:hoc\s+)?(?:o\s+|tai\s+)?lop\s*\d{1,2}\s*[a-z]\d{0,2}\b[^.!?\n]{0,30}?\btruong\s+[a-z]+(?:\s+[a-z]+){0,3})"},
    {"pi.self.class_school", "self_identification", kClassSchoolSeverity,
     R"(\b{self}\s+(?:dang\s+|hien\s+|la hoc sinh\s+)?(?:hoc\s+)?(?:o\s+|tai\s+)?truong\s+[^.!?\n]{2,40}?\blop\s*\d{1,2}\s*[a-z]\d{0,2}\b)"},
    {"pi.self.class_school", "self_identification", kClassSchoolSeverity,
     R"(\bi(?:'m| am| go| study)\s+(?:in\s+)?(?:class|grade|year)\s+\d{1,2}\s*[a-z]?\d{0,2}\b[^.!?\n]{0,15}?\b(?:at|in|of)\s+[^.!?\n]{2,40}?\bschool\b)"},
    // identity and bank numbers: a citizen ID, birth certificate or student number, a bank
    // account, after a word that names it ("CCCD 0012…", "stk vietcombank 1903…")
    {"pi.identity.number", "identity_number", kContactSeverity,
     R"(\b(?:cccd|cmnd|cmt|can cuoc(?: cong dan)?|chung minh(?: nhan dan| thu)?|so dinh danh|ma dinh danh|dinh danh ca nhan|giay khai sinh|khai sinh|ma (?:so )?hoc sinh|ma hs|mshs|the hoc sinh|student id|id card|citizen id|national id|passport|ho chieu|so bao danh|sbd)\s*(?:so\s+|number\s+|no\.?\s*|la\s+|cua\s+\S+\s+(?:la\s+)?|:\s*|#\s*|\S+\s+){0,3}[a-z]{0,2}\d[\d .-]{5,20}\d)"},
    {"pi.bank.account", "bank_account", kContactSeverity,
     R"(\b(?:stk|so tk|so tai khoan|tai khoan(?: ngan hang)?|tk(?: ngan hang)?|account(?: number| no\.?)?|acc no|ngan hang|bank|vietcombank|vcb|techcombank|tcb|mbbank|mb bank|bidv|agribank|vietinbank|acb|tpbank|vpbank|sacombank|momo|zalopay|vib|shb|ocb|hdbank|seabank)\b\s*(?:\S+\s+){0,4}?\d[\d .-]{6,20}\d)"},
    {"pi.self.birthdate", "birthdate", kBirthdateSeverity,
     R"(\b(?:sinh ngay|ngay sinh(?:\s+cua\s+{self})?(?:\s+la)?|sinh nhat(?:\s+cua\s+{self})?(?:\s+la)?|sn|dob|born on|my birthday is)\s*:?\s*\d{1,2}\s*(?:[/.-]|thang)\s*\d{1,2}(?:\s*(?:[/.-]|nam)\s*\d{2,4})?)"},
  };
  // clang-format on
  for (const auto& spec : specs) {
    const std::string source = expand(spec.source, lexicon);
    patterns_.emplace_back(source, std::string("rule ") + spec.rule, spec.rule, spec.category,
                           spec.severity);
    pattern_set_.add(source, std::string("rule ") + spec.rule);
  }
  // The helper patterns join the prefilter after the rules (see Helper), so one pass over the
  // text tells which of them can match at all.
  auto helper = [&](Helper which, std::string source, const char* where) {
    if (pattern_set_.add(source, where) != patterns_.size() + which) {
      throw std::logic_error("personal information: helper patterns out of order");
    }
    return Pattern(source, where);
  };
  date_ = helper(
      kDate,
      R"(\b\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{2,4})?\b|\b\d{1,2}[.-]\d{1,2}[.-](?:19|20)\d{2}\b)",
      "dates");
  phone_keyword_ = helper(kPhoneKeyword,
                          expand(R"(\b{phone_word}\b\s*(?:cua\s+{self}\s*)?(?:la|:|is|la so)?)"
                                 R"(\s*(\+?\d[\d .\-]{5,16}\d))",
                                 lexicon),
                          "phone keywords");
  name_intro_ = helper(
      kNameIntro,
      expand(
          R"(\b(?:{self}\s+ten\s+(?:that\s+)?(?:la\s+|:\s*)?|ten\s+(?:that\s+)?(?:cua\s+)?{self}\s*(?:la|:)\s*|)"
          R"(ho (?:va )?ten\s*(?:cua\s+{self}\s*)?(?:la|:)\s*|ten day du\s+(?:cua\s+{self}\s+)?la\s+|)"
          R"(my (?:full )?name is\s+|my name's\s+|i am called\s+|everyone calls me\s+))"
          R"(([a-z]+))",
          lexicon),
      "name introductions");
  name_is_ = helper(kNameIs, expand(R"(\b(?:{self}\s+(?:la|ten)|i'm|i am)\s+([a-z]+))", lexicon),
                    "self introductions");
  school_or_class_ = helper(
      kSchoolOrClass,
      R"(\blop\s*\d{1,2}\s*[a-z]\d{0,2}\b|\btruong\s+(?:tieu hoc|thcs|thpt|trung hoc|mam non|th|pho thong|lien cap)\b|\bclass\s+\d{1,2}\s*[a-z]\b|\b(?:primary|secondary|high|middle|elementary) school\b)",
      "school or class");
  // The screener searches its own set of these patterns and the disclosure rules' at once
  // (plain_prefilter()), so this one is built only if find() without candidates is called.
  pattern_set_.finish_when_used();
}

std::vector<Pattern::Match> PersonalInfoDetector::find_helper(Helper which, const Pattern& pattern,
                                                              const Utf8View& plain_utf8,
                                                              std::uint32_t may_match) const {
  if ((may_match & (1u << which)) == 0) return {};
  return pattern.find_all(plain_utf8);
}

// A word of up to ten letters and digits as a number (six bits per character, from 1), or 0.
std::uint64_t PersonalInfoDetector::packed(std::u32string_view word) {
  if (word.empty() || word.size() > 10) return 0;
  std::uint64_t key = 0;
  for (char32_t c : word) {
    const std::uint64_t code = is_letter(c) ? c - U'a' + 1 : is_digit(c) ? c - U'0' + 27 : 0;
    if (code == 0) return 0;
    key = key << 6 | code;
  }
  return key;
}

const char* PersonalInfoDetector::digit_of_word(std::u32string_view word) const {
  if (!could_be_digit_word(word)) return nullptr;
  if (packed_digit_words_.size() == digit_words_.size()) {
    const std::uint64_t key = packed(word);
    auto it = std::lower_bound(packed_digit_words_.begin(), packed_digit_words_.end(), key,
                               [](const auto& entry, std::uint64_t k) { return entry.first < k; });
    return key != 0 && it != packed_digit_words_.end() && it->first == key ? &it->second : nullptr;
  }
  auto it = digit_words_.find(word);
  return it != digit_words_.end() ? &it->second : nullptr;
}

bool PersonalInfoDetector::could_be_digit_word(std::u32string_view word) const {
  if (digit_word_initials_ == ~0u) return true;
  return word.size() <= longest_digit_word_ && !word.empty() && is_letter(word[0]) &&
         (digit_word_initials_ >> (word[0] - U'a') & 1u) != 0;
}

void PersonalInfoDetector::find_phones(const NormalisedText& text, const Utf8View& plain_utf8,
                                       std::uint32_t may_match, std::vector<Finding>& out) const {
  const View& view = text.plain;
  const std::size_t n = view.size();
  std::vector<std::uint8_t> masked(n, 0);  // inside a date
  for (const auto& m : find_helper(kDate, date_, plain_utf8, may_match)) {
    for (std::size_t i = m.begin; i < m.end; ++i) masked[i] = 1;
  }
  struct Chunk {
    std::size_t begin, end;
    std::string digits;
  };
  // Runs of digit chunks ("0912", "chín", "o9l2") joined only by separators.
  std::vector<std::vector<Chunk>> runs(1);
  std::size_t separators = 0;
  std::string word_digits;
  auto break_run = [&] {
    if (!runs.back().empty()) runs.emplace_back();
    separators = 0;
  };
  for (std::size_t i = 0; i < n;) {
    const char32_t c = view.chars[i];
    if (masked[i]) {
      break_run();
      ++i;
      continue;
    }
    if (is_digit(c) || is_letter(c)) {
      std::size_t j = i;
      std::size_t digits = 0;
      while (j < n && !masked[j] && (is_digit(view.chars[j]) || is_letter(view.chars[j]))) {
        if (is_digit(view.chars[j])) ++digits;
        ++j;
      }
      const std::u32string_view word(view.chars.data() + i, j - i);
      std::string& found = word_digits;  // reused: most words are not digits
      found.clear();
      if (digits == word.size()) {
        for (char32_t d : word) found.push_back(static_cast<char>(d));
      } else if (const char* digit = digit_of_word(word)) {
        found.push_back(*digit);
      } else if (digits > 0 && digits * 2 >= word.size() &&
                 std::all_of(word.begin(), word.end(), [](char32_t w) {
                   return is_digit(w) || w == U'o' || w == U'l' || w == U'i';
                 })) {
        for (char32_t w : word) found.push_back(w == U'o' ? '0' : is_digit(w) ? char(w) : '1');
      }
      if (found.empty() || separators > 3) break_run();
      if (!found.empty()) runs.back().push_back({i, j, found});
      separators = 0;
      i = j;
      continue;
    }
    if (is_phone_separator(c)) {
      ++separators;
    } else {
      break_run();
    }
    ++i;
  }

  for (const auto& run : runs) {
    for (std::size_t s = 0; s < run.size();) {
      std::string digits;
      std::size_t found = run.size();
      for (std::size_t e = s; e < run.size() && digits.size() < 12; ++e) {
        digits += run[e].digits;
        if (looks_like_phone(digits)) {
          found = e;
          break;
        }
      }
      if (found == run.size()) {
        ++s;
        continue;
      }
      std::size_t begin = run[s].begin;
      // Take in a "+" (and "(") written before the country code.
      while (begin > 0 && (view.chars[begin - 1] == U'+' || view.chars[begin - 1] == U'(')) {
        --begin;
      }
      out.push_back({view.original(begin, run[found].end), "personal_info", "pi.phone.vn", "phone",
                     kContactSeverity});
      s = found + 1;
    }
  }

  // "số điện thoại của em là 0912 345" — a number after a phone word, even when incomplete.
  for (const auto& m : find_helper(kPhoneKeyword, phone_keyword_, plain_utf8, may_match)) {
    const auto [b, e] = m.groups[0];
    std::size_t digits = 0;
    for (std::size_t i = b; i < e; ++i) digits += is_digit(view.chars[i]) ? 1 : 0;
    if (digits < 7) continue;
    out.push_back({view.original(b, e), "personal_info", "pi.phone.after_keyword", "phone",
                   kContactSeverity});
  }
}

void PersonalInfoDetector::find_self_identification(const NormalisedText& text,
                                                    const Utf8View& plain_utf8,
                                                    std::uint32_t may_match,
                                                    std::vector<Finding>& out) const {
  const View& view = text.plain;
  auto capitalised = [&](std::size_t i) {
    return u_isupper(static_cast<UChar32>(text.original[view.from[i]])) != 0;
  };
  auto word_end = [&](std::size_t i) {
    while (i < view.size() && is_word_char(view.chars[i])) ++i;
    return i;
  };
  // Take further capitalised words: "Nguyễn Thị Lan".
  auto extend_name = [&](std::size_t end) {
    for (int words = 0; words < 3; ++words) {
      if (end + 1 >= view.size() || view.chars[end] != U' ' || !is_word_char(view.chars[end + 1]) ||
          !capitalised(end + 1)) {
        break;
      }
      end = word_end(end + 1);
    }
    return end;
  };
  auto is_listed = [&](const char* list, std::size_t b, std::size_t e) {
    auto it = not_names_.find(list);
    return it != not_names_.end() &&
           it->second.contains(std::u32string(view.chars.data() + b, e - b));
  };

  std::vector<Finding> names;
  for (const auto& m : find_helper(kNameIntro, name_intro_, plain_utf8, may_match)) {
    const auto [b, e] = m.groups[0];
    if (is_listed("question", b, e)) continue;
    names.push_back({view.original(m.begin, extend_name(e)), "personal_info", "pi.self.name",
                     "self_identification", kNameSeverity});
  }
  for (const auto& m : find_helper(kNameIs, name_is_, plain_utf8, may_match)) {
    const auto [b, e] = m.groups[0];
    const bool english = view.chars[m.begin] == U'i';
    if (!capitalised(b) || is_listed("question", b, e) || is_listed(english ? "en" : "vi", b, e)) {
      continue;
    }
    // "EM LÀ …" in capitals says nothing about names.
    if (e > b + 1 && capitalised(b + 1)) continue;
    names.push_back({view.original(m.begin, extend_name(e)), "personal_info", "pi.self.name",
                     "self_identification", kNameSeverity});
  }
  if (!names.empty() &&
      !find_helper(kSchoolOrClass, school_or_class_, plain_utf8, may_match).empty()) {
    for (auto& name : names) {
      name.rule = "pi.self.name_with_school";
      name.severity = kNameWithSchoolSeverity;
    }
  }
  out.insert(out.end(), names.begin(), names.end());
}

// "trường Kim Đồng", "trường THCS …" name a school; "sân trường cần …" does not. In text written
// without capitals at all, any word but a common one may be the school's name.
bool PersonalInfoDetector::names_a_school(const NormalisedText& text, std::size_t b,
                                          std::size_t e) const {
  const View& view = text.plain;
  const std::u32string_view match(view.chars.data() + b, e - b);
  const auto at = match.rfind(U"truong ");
  if (at == std::u32string_view::npos) return true;  // the English form ends in "school"
  if (at > 0 && is_word_char(match[at - 1])) return false;
  std::size_t word = b + at + 7;
  std::size_t end = word;
  while (end < view.size() && is_word_char(view.chars[end])) ++end;
  if (end == word) return false;
  const std::u32string next(view.chars.data() + word, end - word);
  if (school_words_.contains(next)) return true;
  if (u_isupper(static_cast<UChar32>(text.original[view.from[word]]))) return true;
  const bool has_capitals = std::any_of(text.original.begin(), text.original.end(), [](char32_t c) {
    return u_isupper(static_cast<UChar32>(c)) != 0;
  });
  auto it = not_names_.find("vi");
  return !has_capitals && (it == not_names_.end() || !it->second.contains(next));
}

namespace {
// A school's or an authority's own site (".edu.vn", ".gov.vn") is public: naming it tells no one
// how to reach a child.
bool is_public_site(const std::u32string& plain, std::size_t b, std::size_t e) {
  const std::u32string_view link = std::u32string_view(plain).substr(b, e - b);
  for (std::u32string_view suffix : {U".edu.vn", U".gov.vn"}) {
    const auto at = link.find(suffix);
    if (at != std::u32string_view::npos &&
        (at + suffix.size() == link.size() || link[at + suffix.size()] == U'/')) {
      return true;
    }
  }
  return false;
}
}  // namespace

void PersonalInfoDetector::find(const NormalisedText& text, std::vector<Finding>& out) const {
  find(text, pattern_set_.candidates(text.plain_utf8), out);
}

void PersonalInfoDetector::find(const NormalisedText& text,
                                const std::vector<std::size_t>& candidates,
                                std::vector<Finding>& out) const {
  const Utf8View& plain_utf8 = text.plain_utf8;
  std::vector<Finding> found;
  std::uint32_t may_match = 0;  // one bit per Helper
  for (std::size_t i : candidates) {
    if (i >= patterns_.size()) may_match |= 1u << (i - patterns_.size());
  }
  find_phones(text, plain_utf8, may_match, found);
  for (std::size_t i : candidates) {
    if (i >= patterns_.size()) break;  // the helpers come last
    const Pattern& pattern = patterns_[i];
    for (const auto& m : pattern.find_all(plain_utf8)) {
      std::size_t b = m.begin, e = m.end;
      if (pattern.rule() == "pi.social.handle") {
        std::tie(b, e) = m.groups[0];
      } else if (pattern.rule() == "pi.self.class_school" && !names_a_school(text, b, e)) {
        continue;
      } else if (pattern.category() == "link" && is_public_site(text.plain.chars, b, e)) {
        continue;
      } else if (pattern.rule() == "pi.social.platform_handle") {
        const auto [hb, he] = m.groups[0];
        if (!looks_like_handle(std::u32string_view(text.plain.chars).substr(hb, he - hb))) {
          continue;
        }
      }
      found.push_back({text.plain.original(b, e), "personal_info", pattern.rule(),
                       pattern.category(), pattern.severity()});
    }
  }
  find_self_identification(text, plain_utf8, may_match, found);

  // An e-mail address is not also a link or a handle; a phone after a keyword is reported once;
  // a finding inside a larger one of the same category is dropped.
  const RangeIndex emails(found, [](const Finding& f) { return f.category == "email"; });
  const RangeIndex phones(found, [](const Finding& f) { return f.rule == "pi.phone.vn"; });
  std::vector<Finding> kept;
  for (auto& f : found) {
    if (f.category != "email" && emails.overlaps(f.range)) continue;
    if (f.rule == "pi.phone.after_keyword" && phones.overlaps(f.range)) continue;
    kept.push_back(std::move(f));
  }
  drop_contained(kept);
  out.insert(out.end(), kept.begin(), kept.end());
}

}  // namespace ln::moderation
