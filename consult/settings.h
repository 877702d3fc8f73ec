#pragma once
// Deployment settings the domain rules read. Defaults follow the design; serve flags override.
#include <chrono>
#include <cstddef>
#include <cstdint>

#include "base/guess_limit.h"

namespace ln {

struct Settings {
  std::chrono::hours adult_session{12};
  std::chrono::hours pupil_session{24 * 30};
  int join_code_days = 14;  // a class code's lifetime; the demo's own code lasts longer
  int guardian_code_days = 30;
  int withdrawal_purge_days = 15;  // identity deleted this long after consent is withdrawn
  int data_request_working_days = 2;
  std::size_t min_password_length = 10;
  // Guess limits per credential (docs/SECURITY.md turns them into guesses per hour): space,
  // per address per hour, per address per day, all addresses per hour, per address while under
  // pressure, first wait.
  GuessLimit sign_in_code_limit{"sign_in_code", 10, 50, 300, 2, std::chrono::seconds(60)};
  // Codes issued before 2026-12 (animal-colour-digits, 2.6 million values): they keep working,
  // with tighter limits, until an adult gives the child a new code.
  bool short_sign_in_codes = true;  // false once every child has a new code
  GuessLimit short_sign_in_code_limit{"short_sign_in_code",     10, 20, 60, 1,
                                      std::chrono::seconds(120)};
  GuessLimit join_code_limit{"join_code", 10, 50, 300, 2, std::chrono::seconds(60)};
  GuessLimit guardian_code_limit{"guardian_code", 10, 50, 100, 2, std::chrono::seconds(60)};
  // Per account: the count from one address locks that address only; many addresses together
  // put the account under pressure, which stops addresses that guessed wrong, not the others.
  GuessLimit password_limit{"password", 5, 20, 20, 2, std::chrono::seconds(30)};
  // Per address across all accounts (one address trying one password on many accounts).
  GuessLimit password_spray_limit{"password_any_account",  20, 100, 1000, 5,
                                  std::chrono::seconds(60)};
  std::int64_t min_group_size = 5;    // published counts under this are hidden; never below 5
  int claim_minutes = 10;             // a moderator's claim on an item lasts this long
  int first_review_hours = 24;        // a child's text should have a first decision by then
  int safeguarding_ack_minutes = 60;  // a possible disclosure should be acknowledged by then
};

}  // namespace ln
