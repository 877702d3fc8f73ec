#pragma once
#include "consult/storage.h"
#include "store/postgres/pool.h"

namespace ln::store::postgres {

class PostgresPupilStore : public PupilStore {
 public:
  explicit PostgresPupilStore(Pool& pool) : pool_(pool) {}

  void insert_pupil(const Pupil& pupil, const SealedIdentity& identity) override;
  std::optional<Pupil> pupil(const std::string& id) override;
  std::optional<Pupil> pupil_by_sign_in(const std::string& lookup) override;
  std::vector<Pupil> pupils_of_class(const std::string& class_id) override;
  bool pseudonym_taken(const std::string& class_id, const std::string& pseudonym) override;
  std::vector<EnrolledPupil> consenting_pupils_under(const std::string& unit_id,
                                                     const std::string& not_member_of,
                                                     const Page& page) override;
  void update_pupil(const Pupil& pupil) override;
  void set_sign_in_code(const std::string& pupil_id, const std::string& lookup,
                        const std::optional<std::string>& issued_by) override;
  std::optional<std::string> sign_in_code_issuer(const std::string& pupil_id) override;

  std::optional<SealedIdentity> identity(const std::string& pupil_id) override;
  void set_identity(const std::string& pupil_id, const SealedIdentity& identity,
                    const std::string& at) override;
  std::string identity_plaintext(const Identity& identity) override;
  Identity identity_of_plaintext(std::string_view plaintext) override;
  std::vector<std::string> purge_identities(const std::string& now) override;

  std::vector<Consent> consents(const std::string& pupil_id) override;
  void insert_consent(const Consent& consent) override;
  void withdraw_consents(const std::string& pupil_id, const std::string& at,
                         const std::string& by) override;

  void insert_guardian_code(const GuardianCode& code) override;
  std::optional<GuardianCode> guardian_code(const std::string& lookup) override;
  bool use_guardian_code(const std::string& lookup, const std::string& action,
                         const std::string& at) override;

  void insert_data_request(const DataRequest& request) override;
  std::optional<DataRequest> data_request(const std::string& id) override;
  std::vector<DataRequest> data_requests(const Page& page,
                                         const std::optional<DataRequestStatus>& status,
                                         const std::optional<std::string>& pupil_id) override;
  void update_data_request(const DataRequest& request) override;

  std::vector<Pupil> pupils_by_id(const std::vector<std::string>& ids) override;

 private:
  Pool& pool_;
};

}  // namespace ln::store::postgres
