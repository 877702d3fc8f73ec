#pragma once
// Who is making a request: an adult account or a pupil, with the scope they act in.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "consult/roles.h"

namespace ln {

struct Principal {
  enum class Kind { kAccount, kPupil };
  Kind kind = Kind::kAccount;
  std::string id;
  Role role = Role::kPupil;
  std::string name;  // username for accounts, pseudonym for pupils
  std::string session_id;
  std::string csrf_token;
  // Pupils: the adult who handed over the sign-in code this session started with. Whatever is
  // done in such a session may have been done by that adult, and the audit log says so.
  std::optional<std::string> code_issued_by;

  // Accounts: the units they act in (each with everything below it); officials: their authority.
  std::vector<std::string> unit_ids;
  std::optional<std::string> authority_id;
  // Facilitators: their schools. They reach those schools' classes and pupils only, and their
  // unit_ids are the units of those schools (paper batches, forum notes, reports).
  std::vector<std::string> school_ids;

  // Pupils.
  std::string class_id;
  std::string unit_id;
  std::string age_band;
  bool child_consent = false;
  bool guardian_consent = false;

  // The storage's reference epoch read at sign-in (Storage::reference_epoch): what this request
  // may take from memory of units and consultations. nullopt: read everything afresh.
  std::optional<std::int64_t> reference_epoch;

  bool is_pupil() const { return kind == Kind::kPupil; }
  bool is_admin() const { return kind == Kind::kAccount && role == Role::kAdmin; }
  bool is_facilitator() const { return kind == Kind::kAccount && role == Role::kFacilitator; }
  bool may_contribute() const { return child_consent && guardian_consent; }
};

}  // namespace ln
