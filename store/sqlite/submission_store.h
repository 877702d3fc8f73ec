#pragma once
#include "consult/storage.h"
#include "store/sqlite/pool.h"

namespace ln::store::sqlite {

class SqliteSubmissionStore : public SubmissionStore {
 public:
  explicit SqliteSubmissionStore(Pool& pool) : pool_(pool) {}
  void insert_submission(const Submission& submission) override;
  std::optional<Submission> submission(const std::string& id) override;
  std::vector<Submission> submissions_of(const std::string& pupil_id, const Page& page) override;
  void update_submission(const Submission& submission) override;

 private:
  Pool& pool_;
};

}  // namespace ln::store::sqlite
