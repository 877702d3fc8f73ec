#pragma once
// How long each kind of stored data is kept, and the purge that enforces it (run by the
// scheduled jobs). Results stay: a consultation's counts outlive its answers.
//
//   sessions          ended (expired or signed out) more than `sessions_days` ago
//   sign-in failures  counters untouched for `sign_in_failures_days`
//   codes             join and guardian codes ended more than `codes_days` ago
//   answers           children's answers to consultations closed more than `answers_days` ago
//   data requests     handled (done or refused) more than `data_requests_days` ago
//   identities        `--withdrawal-purge-days` after consent is withdrawn (pupils.h)
//   audit log         kept: append-only and hash-chained, it is the record of who saw what
#include "base/clock.h"
#include "consult/storage.h"

namespace ln {

struct RetentionPeriods {
  int sessions_days = 30;
  int sign_in_failures_days = 1;
  int codes_days = 30;
  int answers_days = 365;
  int data_requests_days = 730;
};

class Retention {
 public:
  Retention(Storage& storage, const Clock& clock, const RetentionPeriods& periods)
      : storage_(storage), clock_(clock), periods_(periods) {}

  // Deletes everything past its period now.
  RetentionPurged purge();
  // The cutoffs `purge` uses at `now`.
  RetentionCutoffs cutoffs(TimePoint now) const;

 private:
  Storage& storage_;
  const Clock& clock_;
  RetentionPeriods periods_;
};

}  // namespace ln
