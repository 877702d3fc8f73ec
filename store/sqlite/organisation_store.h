#pragma once
#include "consult/storage.h"
#include "store/sqlite/pool.h"

namespace ln::store::sqlite {

class SqliteOrganisationStore : public OrganisationStore {
 public:
  explicit SqliteOrganisationStore(Pool& pool) : pool_(pool) {}

  void insert_units(const std::vector<Unit>& units) override;
  std::optional<Unit> unit(const std::string& id) override;
  std::optional<Unit> unit_by_code(const std::string& code) override;
  std::vector<Unit> units(const Page& page, const std::optional<std::string>& parent_id) override;
  void update_unit(const Unit& unit) override;
  std::vector<std::string> unit_and_ancestors(const std::string& id) override;
  void merge_unit(const std::string& from, const std::string& into, const std::string& at) override;

  void insert_schools(const std::vector<School>& schools) override;
  std::optional<School> school(const std::string& id) override;
  std::optional<School> school_by_code(const std::string& code) override;
  std::vector<School> schools(const Page& page, const std::optional<std::string>& unit_id) override;
  void update_school(const School& school) override;

  void insert_class(const SchoolClass& school_class, const JoinCode& first_code) override;
  std::optional<SchoolClass> school_class(const std::string& id) override;
  std::vector<SchoolClass> classes(const Page& page, const std::vector<std::string>& unit_ids,
                                   bool everywhere,
                                   const std::vector<std::string>& school_ids) override;
  void update_class(const SchoolClass& school_class) override;
  void insert_join_code(const JoinCode& code) override;
  std::optional<JoinCode> join_code(const std::string& code) override;
  std::vector<JoinCode> join_codes(const std::string& class_id) override;
  void revoke_join_code(const std::string& code, const std::string& at) override;

  void insert_authorities(const std::vector<Authority>& authorities) override;
  std::optional<Authority> authority(const std::string& id) override;
  std::optional<Authority> authority_by_code(const std::string& code) override;
  std::vector<Authority> authorities(const Page& page) override;
  void update_authority(const Authority& authority) override;

 private:
  Pool& pool_;
};

}  // namespace ln::store::sqlite
