#pragma once
#include "consult/storage.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/pool.h"

namespace ln::store::sqlite {

namespace sql {
inline constexpr const char* kInsertSubmission =
    "INSERT INTO submissions(id, pupil_id, unit_id, kind, text, topic, status, created_at,"
    " updated_at, consultation_id, response_id, screening, queue, fingerprint, simhash)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)";
}  // namespace sql

// Shared with the consultation store, which writes free-text answers in the answer's transaction.
void insert_submission_row(Connection& c, const Submission& submission);

class SqliteSubmissionStore : public SubmissionStore {
 public:
  explicit SqliteSubmissionStore(Pool& pool) : pool_(pool) {}
  void insert_submission(const Submission& submission) override;
  std::optional<Submission> submission(const std::string& id) override;
  std::vector<Submission> submissions_of(const std::string& pupil_id, const Page& page) override;
  void update_submission(const Submission& submission) override;
  QueueSummary queue_summary(Queue queue, const std::vector<std::string>& unit_ids,
                             bool everywhere, const std::string& late_before) override;
  std::vector<Submission> queue_items(Queue queue,
                                      const std::vector<std::string>& unit_ids, bool everywhere,
                                      const Page& page, const QueueFilter& filter) override;
  std::vector<ApprovedSubmission> approved(const std::vector<std::string>& unit_ids,
                                           bool everywhere,
                                           const std::optional<SubmissionKind>& kind,
                                           const Page& page) override;
  std::vector<Submission> approved_answers(const std::string& consultation_id, int limit) override;
  bool update_if_version(const Submission& submission, int expected_version) override;
  void recent_fingerprints(const std::string& unit_id, const std::string& since, int limit,
                           const std::function<void(const SubmissionFingerprint&)>& see) override;
  std::vector<Submission> screened_since(const std::vector<std::string>& unit_ids, bool everywhere,
                                         const std::string& since, int limit) override;
  void count_rule_outcomes(const std::string& unit_id, const std::vector<std::string>& rules,
                           bool agreed) override;
  std::vector<RuleOutcome> rule_outcomes(const std::vector<std::string>& unit_ids,
                                         bool everywhere) override;
  void insert_submissions(const std::vector<Submission>& submissions) override;

 private:
  Pool& pool_;
};

}  // namespace ln::store::sqlite
