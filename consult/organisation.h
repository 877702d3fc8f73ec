#pragma once
// Units (province → district → ward), schools, classes with their join codes, and authorities.
// Units are data: renaming, retiring or merging keeps every id, so history stays readable.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "consult/audit.h"
#include "consult/principal.h"
#include "consult/settings.h"
#include "consult/storage.h"

namespace ln {

struct UnitInput {
  std::optional<std::string> parent_id;
  std::string kind;
  std::string name;
  std::optional<std::string> code;
};

struct NamePatch {
  std::optional<std::string> name;
  std::optional<std::string> code;
  std::optional<bool> retired;
};

struct SchoolInput {
  std::string unit_id;
  std::string name;
  std::optional<std::string> code;
};

struct AuthorityInput {
  std::string name;
  std::string kind;
  std::string unit_id;
  std::optional<std::string> code;
  int due_days = 30;
  std::vector<std::string> served_unit_ids;
};

struct AuthorityPatch {
  NamePatch names;
  std::optional<std::string> kind;
  std::optional<int> due_days;
  std::optional<std::vector<std::string>> served_unit_ids;
};

struct ClassInput {
  std::string school_id;
  std::string name;
  int grade = 0;
  std::string school_year;
};

struct ImportResult {
  std::size_t imported = 0;
  std::vector<std::string> ids;
};

class Organisation {
 public:
  Organisation(Storage& storage, const Clock& clock, AuditLog& audit, const Settings& settings)
      : storage_(storage), clock_(clock), audit_(audit), settings_(settings) {}

  // Does the principal act in this unit (directly or through a unit above it)?
  bool covers(const Principal& principal, const std::string& unit_id);
  // May the principal reach the classes and pupils of this school (of unit `unit_id`)? A
  // facilitator only of their own schools; everyone else wherever they cover the unit.
  bool reaches_school(const Principal& principal, const std::string& school_id,
                      const std::string& unit_id);

  Unit create_unit(const Principal& actor, const UnitInput& input);
  Unit unit(const std::string& id);
  std::vector<Unit> units(const Page& page, const std::optional<std::string>& parent_id);
  Unit update_unit(const Principal& actor, const std::string& id, const NamePatch& patch);
  Unit merge_unit(const Principal& actor, const std::string& from, const std::string& into);
  // Columns: code,name,kind,parent_code. Parents may be earlier rows or existing units.
  ImportResult import_units(const Principal& actor, std::string_view csv);

  School create_school(const Principal& actor, const SchoolInput& input);
  School school(const std::string& id);
  std::vector<School> schools(const Page& page, const std::optional<std::string>& unit_id);
  School update_school(const Principal& actor, const std::string& id, const NamePatch& patch);
  // Columns: code,name,unit_code.
  ImportResult import_schools(const Principal& actor, std::string_view csv);

  Authority create_authority(const Principal& actor, const AuthorityInput& input);
  Authority authority(const std::string& id);
  std::vector<Authority> authorities(const Page& page);
  Authority update_authority(const Principal& actor, const std::string& id,
                             const AuthorityPatch& patch);
  // Columns: code,name,kind,unit_code,served_unit_codes (separated by ';'),due_days.
  ImportResult import_authorities(const Principal& actor, std::string_view csv);

  std::pair<SchoolClass, JoinCode> create_class(const Principal& actor, const ClassInput& input);
  SchoolClass school_class(const Principal& actor, const std::string& id);
  std::vector<SchoolClass> classes(const Principal& actor, const Page& page);
  SchoolClass update_class(const Principal& actor, const std::string& id, const NamePatch& patch);
  std::vector<JoinCode> join_codes(const Principal& actor, const std::string& class_id);
  JoinCode new_join_code(const Principal& actor, const std::string& class_id);
  void revoke_join_code(const Principal& actor, const std::string& class_id,
                        const std::string& code);
  // A new join code, and every other code of the class stops working: for when a code has been
  // seen by someone outside the class, or at the start of a term.
  JoinCode rotate_join_code(const Principal& actor, const std::string& class_id);
  // The class a join code opens; Invalid("code") with join_code_unknown / _expired / _revoked.
  SchoolClass class_for_join_code(const std::string& code);

 private:
  JoinCode make_join_code(const std::string& class_id, const std::string& created_by);
  Unit check_unit_input(const UnitInput& input, const std::vector<Unit>& pending);
  Unit live_unit(const std::string& field, const std::string& id);

  Storage& storage_;
  const Clock& clock_;
  AuditLog& audit_;
  const Settings& settings_;
};

}  // namespace ln
