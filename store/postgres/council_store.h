#pragma once
#include "consult/storage.h"
#include "store/postgres/pool.h"

namespace ln::store::postgres {

class PostgresCouncilStore : public CouncilStore {
 public:
  explicit PostgresCouncilStore(Pool& pool) : pool_(pool) {}

  void insert_council(const Council& council) override;
  std::optional<Council> council(const std::string& id) override;
  std::vector<Council> councils(const Page& page) override;
  void update_council(const Council& council) override;

  std::vector<CouncilMember> members(const std::string& council_id) override;
  std::vector<CouncilMember> memberships_of(const std::string& pupil_id) override;
  bool insert_member(const CouncilMember& member, int cap) override;
  void end_member(const std::string& member_id, const std::string& left_on) override;

  void insert_session(const CouncilSession& session) override;
  std::optional<CouncilSession> session(const std::string& id) override;
  std::vector<CouncilSession> sessions_of(const std::string& council_id) override;
  void update_session(const CouncilSession& session) override;

  void insert_proposal(const CouncilProposal& proposal) override;
  std::vector<CouncilProposal> proposals_of(const std::string& session_id) override;

  void insert_event(const CouncilEvent& event) override;
  std::optional<CouncilEvent> event(const std::string& id) override;
  std::vector<CouncilEvent> events_in(const std::string& unit_id, const std::string& from,
                                      const std::string& to) override;

 private:
  Pool& pool_;
};

class PostgresReportStore : public ReportStore {
 public:
  explicit PostgresReportStore(Pool& pool) : pool_(pool) {}

  std::vector<ContactCount> children_consulted(const std::string& unit_id, const std::string& from,
                                               const std::string& to) override;
  std::vector<Consultation> consultations_held(const std::string& unit_id, const std::string& from,
                                               const std::string& to) override;
  std::vector<SubmissionCount> submissions(const std::string& unit_id, const std::string& from,
                                           const std::string& to) override;

 private:
  Pool& pool_;
};

}  // namespace ln::store::postgres
