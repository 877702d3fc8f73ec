#include "consult/organisation.h"

#include <algorithm>
#include <map>

#include "base/crypto.h"
#include "base/csv.h"
#include "base/errors.h"
#include "base/validate.h"

namespace ln {
namespace {

constexpr std::size_t kNameMax = 200;

bool valid_parent(const std::string& kind, const std::optional<std::string>& parent_kind) {
  if (kind == "province") return !parent_kind;
  if (kind == "district") return parent_kind == "province";
  if (kind == "ward") return parent_kind == "province" || parent_kind == "district";
  return false;
}

std::string line_of(const CsvRow& row) {
  return "line " + std::to_string(row.line);
}

std::optional<std::string> optional_cell(const CsvRow& row, const std::string& column) {
  auto it = row.fields.find(column);
  if (it == row.fields.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

// Runs `check` on each row, collecting every problem before failing, so one import reports all.
template <typename T, typename Check>
std::vector<T> check_rows(const CsvTable& table, Check check) {
  std::vector<T> out;
  std::vector<Unprocessable::Problem> problems;
  for (const auto& row : table.rows) {
    try {
      out.push_back(check(row));
    } catch (const Invalid& e) {
      problems.push_back({line_of(row), e.field() + ": " + e.what()});
    } catch (const NotFound& e) {
      problems.push_back({line_of(row), e.what()});
    }
  }
  if (!problems.empty())
    throw Unprocessable("invalid_csv",
                        "The file has rows that cannot be imported; nothing was imported.",
                        problems);
  return out;
}

template <typename T>
ImportResult imported(const std::vector<T>& items) {
  ImportResult result{items.size(), {}};
  for (const auto& item : items) result.ids.push_back(item.id);
  return result;
}

void apply_names(const NamePatch& patch, std::string& name, std::optional<std::string>& code,
                 std::optional<std::string>& retired_at, const std::string& now) {
  if (patch.name) name = clean_text("name", *patch.name, 1, kNameMax);
  if (patch.code)
    code = patch.code->empty() ? std::nullopt : std::optional(clean_code("code", *patch.code));
  if (patch.retired)
    retired_at = *patch.retired ? std::optional(retired_at.value_or(now)) : std::nullopt;
}

}  // namespace

bool Organisation::covers(const Principal& principal, const std::string& unit_id) {
  if (principal.is_admin()) return true;
  if (principal.unit_ids.empty()) return false;
  for (const auto& id : storage_.organisation().unit_and_ancestors(unit_id))
    if (std::find(principal.unit_ids.begin(), principal.unit_ids.end(), id) !=
        principal.unit_ids.end())
      return true;
  return false;
}

bool Organisation::reaches_school(const Principal& principal, const std::string& school_id,
                                  const std::string& unit_id) {
  if (principal.is_facilitator())
    return std::find(principal.school_ids.begin(), principal.school_ids.end(), school_id) !=
           principal.school_ids.end();
  return covers(principal, unit_id);
}

Unit Organisation::live_unit(const std::string& field, const std::string& id) {
  auto unit = storage_.organisation().unit(id);
  if (!unit) throw Invalid(field, "There is no unit " + id + ".");
  if (unit->retired_at) throw Invalid(field, "Unit " + unit->name + " is retired.");
  return *unit;
}

Unit Organisation::check_unit_input(const UnitInput& input, const std::vector<Unit>& pending) {
  Unit unit;
  unit.kind = input.kind;
  if (unit.kind != "province" && unit.kind != "district" && unit.kind != "ward")
    throw Invalid("kind", "kind must be province, district or ward.");
  unit.name = clean_text("name", input.name, 1, kNameMax);
  if (input.code) unit.code = clean_code("code", *input.code);
  std::optional<std::string> parent_kind;
  if (input.parent_id) {
    auto in_file = std::find_if(pending.begin(), pending.end(),
                                [&](const Unit& u) { return u.id == *input.parent_id; });
    parent_kind =
        in_file != pending.end() ? in_file->kind : live_unit("parent_id", *input.parent_id).kind;
    unit.parent_id = input.parent_id;
  }
  if (!valid_parent(unit.kind, parent_kind))
    throw Invalid("parent_id", "A " + unit.kind +
                                   (parent_kind ? " cannot sit under a " + *parent_kind + "."
                                                : " needs a parent unit."));
  if (unit.code && storage_.organisation().unit_by_code(*unit.code))
    throw Invalid("code", "Another unit already has the code " + *unit.code + ".");
  unit.id = new_id("unt");
  unit.created_at = clock_.now_text();
  return unit;
}

Unit Organisation::create_unit(const Principal& actor, const UnitInput& input) {
  Unit unit = check_unit_input(input, {});
  atomically(storage_, [&] {
    storage_.organisation().insert_units({unit});
    audit_.record(AuditActor::of(actor), "unit.create", "unit", unit.id);
  });
  return unit;
}

Unit Organisation::unit(const std::string& id) {
  auto unit = storage_.organisation().unit(id);
  if (!unit) throw NotFound("No such unit.");
  return *unit;
}

std::vector<Unit> Organisation::units(const Page& page,
                                      const std::optional<std::string>& parent_id) {
  return storage_.organisation().units(page, parent_id);
}

Unit Organisation::update_unit(const Principal& actor, const std::string& id,
                               const NamePatch& patch) {
  Unit u = unit(id);
  if (u.merged_into)
    throw Conflict("This unit was merged into another and cannot change.", "unit_merged");
  auto old_code = u.code;
  apply_names(patch, u.name, u.code, u.retired_at, clock_.now_text());
  if (u.code && u.code != old_code && storage_.organisation().unit_by_code(*u.code))
    throw Invalid("code", "Another unit already has the code " + *u.code + ".");
  atomically(storage_, [&] {
    storage_.organisation().update_unit(u);
    audit_.record(AuditActor::of(actor), "unit.update", "unit", u.id);
  });
  return u;
}

Unit Organisation::merge_unit(const Principal& actor, const std::string& from,
                              const std::string& into) {
  Unit source = unit(from);
  Unit target = live_unit("into", into);
  if (source.id == target.id) throw Invalid("into", "A unit cannot be merged into itself.");
  if (source.retired_at) throw Conflict("This unit is already retired or merged.", "unit_retired");
  if (source.kind != target.kind)
    throw Invalid("into", "Only units of the same kind can be merged.");
  auto ancestors = storage_.organisation().unit_and_ancestors(target.id);
  if (std::find(ancestors.begin(), ancestors.end(), source.id) != ancestors.end())
    throw Invalid("into", "A unit cannot be merged into a unit below it.");
  atomically(storage_, [&] {
    storage_.organisation().merge_unit(source.id, target.id, clock_.now_text());
    audit_.record(AuditActor::of(actor), "unit.merge", "unit", source.id, "",
                  {{"into", target.id}});
  });
  return unit(from);
}

ImportResult Organisation::import_units(const Principal& actor, std::string_view csv) {
  auto table = parse_csv(csv, {"code", "name", "kind", "parent_code"});
  std::vector<Unit> pending;
  std::map<std::string, std::string> id_by_code;
  auto units = check_rows<Unit>(table, [&](const CsvRow& row) {
    UnitInput input{std::nullopt, row.fields.at("kind"), row.fields.at("name"),
                    optional_cell(row, "code")};
    if (!input.code) throw Invalid("code", "Every unit in a file needs a code.");
    if (id_by_code.count(*input.code))
      throw Invalid("code", "The code " + *input.code + " appears twice.");
    if (auto parent = optional_cell(row, "parent_code")) {
      if (auto it = id_by_code.find(*parent); it != id_by_code.end())
        input.parent_id = it->second;
      else if (auto existing = storage_.organisation().unit_by_code(*parent))
        input.parent_id = existing->id;
      else
        throw Invalid("parent_code", "No unit has the code " + *parent + ".");
    }
    Unit unit = check_unit_input(input, pending);
    id_by_code[*unit.code] = unit.id;
    pending.push_back(unit);
    return unit;
  });
  atomically(storage_, [&] {
    storage_.organisation().insert_units(units);
    audit_.record(AuditActor::of(actor), "unit.import", "unit", "", "", {{"rows", units.size()}});
  });
  return imported(units);
}

School Organisation::create_school(const Principal& actor, const SchoolInput& input) {
  School school{new_id("sch"),
                live_unit("unit_id", input.unit_id).id,
                clean_text("name", input.name, 1, kNameMax),
                std::nullopt,
                std::nullopt,
                clock_.now_text()};
  if (input.code) {
    school.code = clean_code("code", *input.code);
    if (storage_.organisation().school_by_code(*school.code))
      throw Invalid("code", "Another school already has the code " + *school.code + ".");
  }
  atomically(storage_, [&] {
    storage_.organisation().insert_schools({school});
    audit_.record(AuditActor::of(actor), "school.create", "school", school.id);
  });
  return school;
}

School Organisation::school(const std::string& id) {
  auto school = storage_.organisation().school(id);
  if (!school) throw NotFound("No such school.");
  return *school;
}

std::vector<School> Organisation::schools(const Page& page,
                                          const std::optional<std::string>& unit_id) {
  return storage_.organisation().schools(page, unit_id);
}

School Organisation::update_school(const Principal& actor, const std::string& id,
                                   const NamePatch& patch) {
  School s = school(id);
  auto old_code = s.code;
  apply_names(patch, s.name, s.code, s.retired_at, clock_.now_text());
  if (s.code && s.code != old_code && storage_.organisation().school_by_code(*s.code))
    throw Invalid("code", "Another school already has the code " + *s.code + ".");
  atomically(storage_, [&] {
    storage_.organisation().update_school(s);
    audit_.record(AuditActor::of(actor), "school.update", "school", s.id);
  });
  return s;
}

ImportResult Organisation::import_schools(const Principal& actor, std::string_view csv) {
  auto table = parse_csv(csv, {"code", "name", "unit_code"});
  std::map<std::string, bool> seen;
  auto schools = check_rows<School>(table, [&](const CsvRow& row) {
    auto code = clean_code("code", row.fields.at("code"));
    if (seen[code]) throw Invalid("code", "The code " + code + " appears twice.");
    seen[code] = true;
    if (storage_.organisation().school_by_code(code))
      throw Invalid("code", "Another school already has the code " + code + ".");
    auto unit = storage_.organisation().unit_by_code(row.fields.at("unit_code"));
    if (!unit || unit->retired_at)
      throw Invalid("unit_code", "No live unit has the code " + row.fields.at("unit_code") + ".");
    return School{
        new_id("sch"), unit->id,     clean_text("name", row.fields.at("name"), 1, kNameMax),
        code,          std::nullopt, clock_.now_text()};
  });
  atomically(storage_, [&] {
    storage_.organisation().insert_schools(schools);
    audit_.record(AuditActor::of(actor), "school.import", "school", "", "",
                  {{"rows", schools.size()}});
  });
  return imported(schools);
}

namespace {

void check_due_days(int due_days) {
  if (due_days < 1 || due_days > 365)
    throw Invalid("due_days", "due_days must be between 1 and 365.");
}

}  // namespace

Authority Organisation::create_authority(const Principal& actor, const AuthorityInput& input) {
  Authority a;
  a.id = new_id("aut");
  a.name = clean_text("name", input.name, 1, kNameMax);
  a.kind = clean_text("kind", input.kind, 1, 60);
  a.unit_id = live_unit("unit_id", input.unit_id).id;
  if (input.code) {
    a.code = clean_code("code", *input.code);
    if (storage_.organisation().authority_by_code(*a.code))
      throw Invalid("code", "Another authority already has the code " + *a.code + ".");
  }
  check_due_days(input.due_days);
  a.due_days = input.due_days;
  for (const auto& id : input.served_unit_ids)
    a.served_unit_ids.push_back(live_unit("served_unit_ids", id).id);
  if (a.served_unit_ids.empty()) a.served_unit_ids.push_back(a.unit_id);
  a.created_at = clock_.now_text();
  atomically(storage_, [&] {
    storage_.organisation().insert_authorities({a});
    audit_.record(AuditActor::of(actor), "authority.create", "authority", a.id);
  });
  return a;
}

Authority Organisation::authority(const std::string& id) {
  auto a = storage_.organisation().authority(id);
  if (!a) throw NotFound("No such authority.");
  return *a;
}

std::vector<Authority> Organisation::authorities(const Page& page) {
  return storage_.organisation().authorities(page);
}

Authority Organisation::update_authority(const Principal& actor, const std::string& id,
                                         const AuthorityPatch& patch) {
  Authority a = authority(id);
  auto old_code = a.code;
  apply_names(patch.names, a.name, a.code, a.retired_at, clock_.now_text());
  if (a.code && a.code != old_code && storage_.organisation().authority_by_code(*a.code))
    throw Invalid("code", "Another authority already has the code " + *a.code + ".");
  if (patch.kind) a.kind = clean_text("kind", *patch.kind, 1, 60);
  if (patch.due_days) {
    check_due_days(*patch.due_days);
    a.due_days = *patch.due_days;
  }
  if (patch.served_unit_ids) {
    a.served_unit_ids.clear();
    for (const auto& uid : *patch.served_unit_ids)
      a.served_unit_ids.push_back(live_unit("served_unit_ids", uid).id);
  }
  atomically(storage_, [&] {
    storage_.organisation().update_authority(a);
    audit_.record(AuditActor::of(actor), "authority.update", "authority", a.id);
  });
  return a;
}

ImportResult Organisation::import_authorities(const Principal& actor, std::string_view csv) {
  auto table =
      parse_csv(csv, {"code", "name", "kind", "unit_code", "served_unit_codes", "due_days"});
  std::map<std::string, bool> seen;
  auto unit_by_code = [&](const std::string& field, const std::string& code) {
    auto unit = storage_.organisation().unit_by_code(code);
    if (!unit || unit->retired_at) throw Invalid(field, "No live unit has the code " + code + ".");
    return unit->id;
  };
  auto authorities = check_rows<Authority>(table, [&](const CsvRow& row) {
    Authority a;
    a.id = new_id("aut");
    a.code = clean_code("code", row.fields.at("code"));
    if (seen[*a.code]) throw Invalid("code", "The code " + *a.code + " appears twice.");
    seen[*a.code] = true;
    if (storage_.organisation().authority_by_code(*a.code))
      throw Invalid("code", "Another authority already has the code " + *a.code + ".");
    a.name = clean_text("name", row.fields.at("name"), 1, kNameMax);
    a.kind = clean_text("kind", row.fields.at("kind"), 1, 60);
    a.unit_id = unit_by_code("unit_code", row.fields.at("unit_code"));
    const std::string& served = row.fields.at("served_unit_codes");
    std::size_t start = 0;
    while (start < served.size()) {
      auto semi = std::min(served.find(';', start), served.size());
      std::string code = served.substr(start, semi - start);
      code.erase(0, code.find_first_not_of(' '));
      code.erase(code.find_last_not_of(' ') + 1);
      if (!code.empty()) a.served_unit_ids.push_back(unit_by_code("served_unit_codes", code));
      start = semi + 1;
    }
    if (a.served_unit_ids.empty()) a.served_unit_ids.push_back(a.unit_id);
    const std::string& days = row.fields.at("due_days");
    if (days.empty())
      a.due_days = 30;
    else if (days.size() > 3 || !std::all_of(days.begin(), days.end(), ::isdigit))
      throw Invalid("due_days", "due_days must be a whole number of working days.");
    else
      a.due_days = std::stoi(days);
    check_due_days(a.due_days);
    a.created_at = clock_.now_text();
    return a;
  });
  atomically(storage_, [&] {
    storage_.organisation().insert_authorities(authorities);
    audit_.record(AuditActor::of(actor), "authority.import", "authority", "", "",
                  {{"rows", authorities.size()}});
  });
  return imported(authorities);
}

JoinCode Organisation::make_join_code(const std::string& class_id, const std::string& created_by) {
  // No 0/O, 1/I/L, 2/Z, 5/S, 8/B: codes are read off a card by children. Eight of 25 signs:
  // 25^8 ≈ 1.5 × 10¹¹ values (codes made before 2026-12 have six and keep working).
  static constexpr char kAlphabet[] = "ACDEFGHJKMNPQRTUVWXY34679";
  std::string code;
  for (int i = 0; i < 8; ++i) code += kAlphabet[random_below(sizeof kAlphabet - 1)];
  auto now = clock_.now();
  return {code,
          class_id,
          created_by,
          format_time(now),
          format_time(now + std::chrono::days(settings_.join_code_days)),
          std::nullopt};
}

std::pair<SchoolClass, JoinCode> Organisation::create_class(const Principal& actor,
                                                            const ClassInput& input) {
  auto school = storage_.organisation().school(input.school_id);
  if (!school || !reaches_school(actor, school->id, school->unit_id))
    throw Invalid("school_id", "There is no such school in your units.");
  if (school->retired_at) throw Invalid("school_id", "That school is retired.");
  if (input.grade < 1 || input.grade > 12)
    throw Invalid("grade", "grade must be between 1 and 12.");
  SchoolClass k{new_id("cls"),    school->id,
                school->unit_id,  clean_text("name", input.name, 1, 40),
                input.grade,      clean_text("school_year", input.school_year, 4, 20),
                actor.id,         std::nullopt,
                clock_.now_text()};
  JoinCode code = make_join_code(k.id, actor.id);
  atomically(storage_, [&] {
    storage_.organisation().insert_class(k, code);
    audit_.record(AuditActor::of(actor), "class.create", "class", k.id);
  });
  return {k, code};
}

SchoolClass Organisation::school_class(const Principal& actor, const std::string& id) {
  auto k = storage_.organisation().school_class(id);
  if (!k || !reaches_school(actor, k->school_id, k->unit_id)) throw NotFound("No such class.");
  return *k;
}

std::vector<SchoolClass> Organisation::classes(const Principal& actor, const Page& page) {
  if (actor.is_facilitator() && actor.school_ids.empty()) return {};
  return storage_.organisation().classes(page, actor.unit_ids, actor.is_admin(),
                                         actor.is_facilitator() ? actor.school_ids
                                                                : std::vector<std::string>{});
}

SchoolClass Organisation::update_class(const Principal& actor, const std::string& id,
                                       const NamePatch& patch) {
  SchoolClass k = school_class(actor, id);
  std::optional<std::string> no_code;
  if (patch.code) throw Invalid("code", "Classes have no code; use join codes.");
  apply_names(patch, k.name, no_code, k.retired_at, clock_.now_text());
  atomically(storage_, [&] {
    storage_.organisation().update_class(k);
    audit_.record(AuditActor::of(actor), "class.update", "class", k.id);
  });
  return k;
}

std::vector<JoinCode> Organisation::join_codes(const Principal& actor,
                                               const std::string& class_id) {
  school_class(actor, class_id);
  return storage_.organisation().join_codes(class_id);
}

JoinCode Organisation::new_join_code(const Principal& actor, const std::string& class_id) {
  SchoolClass k = school_class(actor, class_id);
  if (k.retired_at) throw Conflict("This class is retired.", "class_retired");
  JoinCode code = make_join_code(k.id, actor.id);
  atomically(storage_, [&] {
    storage_.organisation().insert_join_code(code);
    audit_.record(AuditActor::of(actor), "join_code.create", "class", k.id);
  });
  return code;
}

void Organisation::revoke_join_code(const Principal& actor, const std::string& class_id,
                                    const std::string& code) {
  school_class(actor, class_id);
  auto found = storage_.organisation().join_code(code);
  if (!found || found->class_id != class_id) throw NotFound("No such join code for this class.");
  atomically(storage_, [&] {
    storage_.organisation().revoke_join_code(code, clock_.now_text());
    audit_.record(AuditActor::of(actor), "join_code.revoke", "class", class_id);
  });
}

JoinCode Organisation::rotate_join_code(const Principal& actor, const std::string& class_id) {
  SchoolClass k = school_class(actor, class_id);
  if (k.retired_at) throw Conflict("This class is retired.", "class_retired");
  JoinCode code = make_join_code(k.id, actor.id);
  atomically(storage_, [&] {
    storage_.organisation().insert_join_code(code);
    int revoked = 0;
    for (const auto& old : storage_.organisation().join_codes(k.id)) {
      if (old.code == code.code || old.revoked_at) continue;
      storage_.organisation().revoke_join_code(old.code, code.created_at);
      ++revoked;
    }
    audit_.record(AuditActor::of(actor), "join_code.rotate", "class", k.id, "",
                  {{"revoked", revoked}});
  });
  return code;
}

SchoolClass Organisation::class_for_join_code(const std::string& typed) {
  std::string code;
  for (char c : typed)
    if (c != ' ' && c != '-')
      code += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (code.empty() || code.size() > 12)
    throw Invalid("code", "That class code is not right.", "join_code_unknown");
  auto found = storage_.organisation().join_code(code);
  if (!found)
    throw Invalid("code", "That class code is not right. Check it with your teacher.",
                  "join_code_unknown");
  if (found->revoked_at)
    throw Invalid("code", "That class code no longer works. Ask your teacher for a new one.",
                  "join_code_revoked");
  auto expires = parse_time(found->expires_at);
  if (!expires || *expires <= clock_.now())
    throw Invalid("code", "That class code has expired. Ask your teacher for a new one.",
                  "join_code_expired");
  auto k = storage_.organisation().school_class(found->class_id);
  if (!k || k->retired_at) throw Invalid("code", "That class is closed.", "join_code_revoked");
  return *k;
}

}  // namespace ln
