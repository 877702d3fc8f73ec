#include "consult/operator_token.h"

#include "base/crypto.h"

namespace ln {

const GuessLimit& operator_token_limit() {
  static const GuessLimit limit{"metrics_token", 10, 50, 300, 2, std::chrono::seconds(60)};
  return limit;
}

bool operator_token_accepted(Throttle& throttle, const std::string& expected,
                             const std::string& presented, const std::string& client_address) {
  Guess guess{operator_token_limit(), "", client_address};
  throttle.check(guess);
  if (expected.empty() || !same_secret(presented, expected)) {
    throttle.failed(guess);
    return false;
  }
  return true;
}

}  // namespace ln
