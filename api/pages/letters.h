#pragma once
// Printable letters in the Vietnamese official-letter layout (Quốc hiệu, issuing body, số/ký
// hiệu, place and date, V/v, Kính gửi, body, Nơi nhận): HTML with a print stylesheet under web/,
// every value escaped, no inline style or script (the CSP forbids both).
#include <string>
#include "api/pages/html.h"

#include "api/app.h"

namespace ln::api {

// The letter forwarding the recommendation to its authority (công văn chuyển kiến nghị).
std::string forwarding_letter(App& app, const Recommendation& r);
// The letter urging a late answer (công văn đôn đốc).
std::string reminder_letter(App& app, const Recommendation& r);

}  // namespace ln::api
