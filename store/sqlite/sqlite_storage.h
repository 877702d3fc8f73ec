#pragma once
#include <string>

#include "consult/storage.h"
#include "store/sqlite/account_store.h"
#include "store/sqlite/audit_store.h"
#include "store/sqlite/checkpointer.h"
#include "store/sqlite/consultation_store.h"
#include "store/sqlite/council_store.h"
#include "store/sqlite/organisation_store.h"
#include "store/sqlite/pool.h"
#include "store/sqlite/pupil_store.h"
#include "store/sqlite/recommendation_store.h"
#include "store/sqlite/retention_store.h"
#include "store/sqlite/submission_store.h"

namespace ln::store::sqlite {

class SqliteStorage : public Storage {
 public:
  // Opens the database file, creating its folder if needed. Does not migrate.
  explicit SqliteStorage(const std::string& path);

  std::string backend() const override { return "sqlite"; }
  void ping() override;
  Figures figures() override;
  int schema_version() override;
  std::optional<std::int64_t> reference_epoch() override;
  void atomically(const std::function<void()>& work) override;

  OrganisationStore& organisation() override { return organisation_; }
  AccountStore& accounts() override { return accounts_; }
  PupilStore& pupils() override { return pupils_; }
  SubmissionStore& submissions() override { return submissions_; }
  ConsultationStore& consultations() override { return consultations_; }
  AuditStore& audit() override { return audit_; }
  RetentionStore& retention() override { return retention_; }
  RecommendationStore& recommendations() override { return recommendations_; }
  CouncilStore& councils() override { return councils_; }
  ReportStore& reports() override { return reports_; }

  Pool& pool() { return pool_; }

 private:
  Checkpointer checkpointer_;  // declared first: outlives every connection that calls it
  Pool pool_;
  SqliteOrganisationStore organisation_{pool_};
  SqliteAccountStore accounts_{pool_};
  SqlitePupilStore pupils_{pool_};
  SqliteSubmissionStore submissions_{pool_};
  SqliteConsultationStore consultations_{pool_};
  SqliteAuditStore audit_{pool_};
  SqliteRetentionStore retention_{pool_};
  SqliteRecommendationStore recommendations_{pool_};
  SqliteCouncilStore councils_{pool_};
  SqliteReportStore reports_{pool_};
};

}  // namespace ln::store::sqlite
