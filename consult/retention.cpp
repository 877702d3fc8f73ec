#include "consult/retention.h"

namespace ln {
namespace {

std::string days_before(TimePoint now, int days) {
  return format_time(now - std::chrono::hours(24) * days);
}

}  // namespace

RetentionCutoffs Retention::cutoffs(TimePoint now) const {
  return {days_before(now, periods_.sessions_days),
          days_before(now, periods_.sign_in_failures_days), days_before(now, periods_.codes_days),
          days_before(now, periods_.answers_days), days_before(now, periods_.data_requests_days)};
}

RetentionPurged Retention::purge() {
  return storage_.retention().purge(cutoffs(clock_.now()));
}

}  // namespace ln
