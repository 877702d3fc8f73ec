#pragma once
// How hard one kind of credential may be guessed. docs/SECURITY.md turns these numbers into
// guesses per hour and expected time to a hit.
#include <chrono>
#include <string>

namespace ln {

struct GuessLimit {
  std::string space;             // "sign_in_code", "join_code", "password", …: keys and metrics
  int per_address_hour = 10;     // wrong guesses from one address in an hour before it waits
  int per_address_day = 50;      // wrong guesses from one address in a day; then it waits till the
                                 // day ends (UTC)
  int all_addresses_hour = 300;  // wrong guesses from all addresses in an hour before the space
                                 // is "under pressure"
  int under_pressure = 2;  // while under pressure, an address with this many wrong guesses in the
                           // hour waits till the hour ends; addresses without them still pass
  std::chrono::seconds base{60};  // the first wait; each further wrong guess doubles it (≤ 1 h)
};

}  // namespace ln
