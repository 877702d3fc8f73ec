#pragma once
#include <string>

#include "consult/storage.h"
#include "store/postgres/account_store.h"
#include "store/postgres/audit_store.h"
#include "store/postgres/consultation_store.h"
#include "store/postgres/council_store.h"
#include "store/postgres/organisation_store.h"
#include "store/postgres/pool.h"
#include "store/postgres/pupil_store.h"
#include "store/postgres/recommendation_store.h"
#include "store/postgres/retention_store.h"
#include "store/postgres/submission_store.h"

namespace ln::store::postgres {

// Several langnghe instances may share one PostgreSQL database through this backend.
class PostgresStorage : public Storage {
 public:
  // Connects once (throwing PgError if the server cannot be reached). Does not migrate.
  PostgresStorage(const std::string& conninfo, int pool_size);

  std::string backend() const override { return "postgresql"; }
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
  Pool pool_;
  PostgresOrganisationStore organisation_{pool_};
  PostgresAccountStore accounts_{pool_};
  PostgresPupilStore pupils_{pool_};
  PostgresSubmissionStore submissions_{pool_};
  PostgresConsultationStore consultations_{pool_};
  PostgresAuditStore audit_{pool_};
  PostgresRetentionStore retention_{pool_};
  PostgresRecommendationStore recommendations_{pool_};
  PostgresCouncilStore councils_{pool_};
  PostgresReportStore reports_{pool_};
};

}  // namespace ln::store::postgres
