#pragma once
// Deployment settings the domain rules read. Defaults follow the design; serve flags override.
#include <chrono>
#include <cstddef>
#include <cstdint>

namespace ln {

struct Settings {
  std::chrono::hours adult_session{12};
  std::chrono::hours pupil_session{24 * 30};
  int join_code_days = 14;
  int guardian_code_days = 30;
  int withdrawal_purge_days = 15;  // identity deleted this long after consent is withdrawn
  int data_request_working_days = 2;
  std::size_t min_password_length = 10;
  int account_failures_before_lock = 5;
  int address_failures_before_lock = 20;
  int code_failures_before_lock = 10;  // wrong join, sign-in or guardian codes from one address
  std::int64_t min_group_size = 5;     // published counts under this are hidden; never below 5
  int claim_minutes = 10;              // a moderator's claim on an item lasts this long
  int first_review_hours = 24;         // a child's text should have a first decision by then
  int safeguarding_ack_minutes = 60;   // a possible disclosure should be acknowledged by then
};

}  // namespace ln
