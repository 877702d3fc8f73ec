#pragma once
// Friendly pseudonyms ("Mèo Xanh") and personal sign-in codes ("meo-xanh-4821-cun-vang-7390").
#include <string>
#include <vector>

namespace ln {

// `count` distinct suggestions such as "Cá Heo Vàng".
std::vector<std::string> pseudonym_suggestions(int count);
// A new personal sign-in code: two animal-colour-four digits parts, ASCII only, easy to read
// aloud: (24 × 12 × 9,000)² ≈ 6.7 × 10¹² ≈ 2^42.6 values.
std::string new_sign_in_code();
// Lower case, trimmed, any run of spaces or hyphens as one hyphen; what a child types is compared
// in this form ("Meo Xanh 4821 cun-vang 7390" is "meo-xanh-4821-cun-vang-7390").
std::string normalise_sign_in_code(const std::string& code);
// Whether a normalised code has the shape of a new code (six parts). Anything else can only match
// a short code issued before (animal-colour-digits, 2.6 million values), which has its own,
// tighter guess limit.
bool is_long_sign_in_code(const std::string& normalised);
// A pseudonym typed by a child: 2–30 characters, letters, digits and spaces only, no phone
// numbers, links or e-mail, no rude words, not a Vietnamese full name ("Nguyễn Văn An").
// The rules read it in Unicode NFC; it is kept as typed, trimmed. Throws Invalid("pseudonym").
std::string check_pseudonym(const std::string& typed);
// What two pseudonyms are compared by: NFC, case folded, spaces collapsed, then the confusable
// skeleton of Unicode TS #39 (ICU's spoof checker), so "Mèo Xanh" typed with a combining accent
// or with a Cyrillic "е" is the same name as "Mèo Xanh".
std::string pseudonym_key(const std::string& pseudonym);

}  // namespace ln
