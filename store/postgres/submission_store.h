#pragma once
#include "consult/storage.h"
#include "store/postgres/connection.h"
#include "store/postgres/pool.h"

namespace ln::store::postgres {

// Shared with the consultation store, which writes free-text answers in the answer's transaction.
void insert_submission_row(Connection& c, const Submission& submission);

class PostgresSubmissionStore : public SubmissionStore {
 public:
  explicit PostgresSubmissionStore(Pool& pool) : pool_(pool) {}
  void insert_submission(const Submission& submission) override;
  std::optional<Submission> submission(const std::string& id) override;
  std::vector<Submission> submissions_of(const std::string& pupil_id, const Page& page) override;
  void update_submission(const Submission& submission) override;

 private:
  Pool& pool_;
};

}  // namespace ln::store::postgres
