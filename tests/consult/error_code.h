#pragma once
// The code of the domain error (Conflict, Invalid, Unprocessable, …) a call throws, so a test
// checks which refusal a user gets: "" when it throws none.
#include <string>

#include "base/errors.h"

namespace ln::testing {

template <class Call>
std::string error_code(Call f) {
  try {
    f();
  } catch (const Error& e) {
    return e.code();
  }
  return "";
}

}  // namespace ln::testing
