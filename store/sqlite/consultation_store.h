#pragma once
#include <memory>
#include <mutex>

#include "consult/storage.h"
#include "store/sqlite/pool.h"

namespace ln::store::sqlite {

class SqliteConsultationStore : public ConsultationStore {
 public:
  explicit SqliteConsultationStore(Pool& pool) : pool_(pool) {}

  void insert_consultation(const Consultation& c) override;
  std::optional<Consultation> consultation(const std::string& id) override;
  std::vector<Consultation> consultations(const Page& page,
                                          const std::optional<ConsultationStatus>& status) override;
  void update_consultation(const Consultation& c) override;

  std::int64_t response_count(const std::string& consultation_id) override;
  std::optional<ConsultationResponse> response_of(const std::string& consultation_id,
                                                  const std::string& pupil_id) override;
  std::vector<ConsultationResponse> responses_of_pupil(const std::string& pupil_id) override;
  std::vector<std::string> online_respondents(const std::string& consultation_id) override;
  std::vector<ClassAnswers> answers_by_class(const std::string& consultation_id) override;
  void save_batch(const PaperBatch& batch, const std::vector<ConsultationResponse>& sheets,
                  const std::vector<ResultCounter>& deltas,
                  const std::vector<Submission>& texts) override;
  std::vector<PaperBatch> batches(const std::string& consultation_id) override;
  std::vector<ResultCounter> counters(const std::string& consultation_id) override;
  Participation participation(const std::string& unit_id, const std::string& from,
                              const std::string& to,
                              const std::vector<std::string>& bands) override;
  std::vector<Enrolment> enrolment(const std::vector<std::string>& unit_ids) override;
  void insert_target(const Target& target) override;
  std::vector<Target> targets() override;
  std::vector<WriteOutcome> save_child_writes(std::vector<ChildWrite>& writes,
                                              const AuditSeal& seal) override;

 private:
  Pool& pool_;
  // The group commit's own connection: a pooled one would come back with a page cache that
  // another connection's commit had emptied, and every batch read its index pages again.
  std::mutex commit_mutex_;
  std::unique_ptr<Connection> commit_connection_;
};

}  // namespace ln::store::sqlite
