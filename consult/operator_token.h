#pragma once
// The operator's token (--metrics-token) is a credential like any other: a wrong one is a guess,
// counted and slowed per address and across addresses as codes are (docs/SECURITY.md), so a
// guessable token chosen by hand cannot be found by trying. Prometheus, sending the right
// token from its own address, is never slowed by guesses from elsewhere.
#include <string>

#include "base/guess_limit.h"
#include "consult/throttle.h"

namespace ln {

const GuessLimit& operator_token_limit();

// Whether `presented` is `expected`, compared in constant time. Throws TooManyRequests while
// this address must wait; counts a wrong token as a guess.
bool operator_token_accepted(Throttle& throttle, const std::string& expected,
                             const std::string& presented, const std::string& client_address);

}  // namespace ln
