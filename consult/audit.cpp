#include "consult/audit.h"

#include <sodium.h>

namespace ln {

std::string audit_hash(const AuditEntry& e) {
  nlohmann::json canonical = {e.seq,         e.at,        e.actor_kind, e.actor_id, e.action,
                              e.object_type, e.object_id, e.reason,     e.details,  e.prev_hash};
  std::string text = canonical.dump();
  unsigned char out[32];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(text.data()),
                     text.size(), nullptr, 0);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

AuditEntry AuditLog::record(const AuditActor& actor, const std::string& action,
                            const std::string& object_type, const std::string& object_id,
                            const std::string& reason, const nlohmann::json& details) {
  AuditEntry entry = draft(actor, action, object_type, object_id, reason, details);
  return store_.append(entry, [](AuditEntry& e) { e.hash = audit_hash(e); });
}

AuditEntry AuditLog::draft(const AuditActor& actor, const std::string& action,
                           const std::string& object_type, const std::string& object_id,
                           const std::string& reason, const nlohmann::json& details) const {
  AuditEntry entry;
  entry.at = clock_.now_text();
  entry.actor_kind = actor.kind;
  entry.actor_id = actor.id;
  entry.action = action;
  entry.object_type = object_type;
  entry.object_id = object_id;
  entry.reason = reason;
  if (actor.code_issued_by) {
    nlohmann::json named = details.is_object() ? details : nlohmann::json{{"details", details}};
    named["code_issued_by"] = {{"kind", "account"}, {"id", *actor.code_issued_by}};
    entry.details = named.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return entry;
  }
  entry.details = details.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return entry;
}

AuditLog::Verification AuditLog::verify() {
  Verification result;
  std::string expected_prev(64, '0');
  std::int64_t after = 0;
  while (true) {
    auto batch = store_.entries(after, 1000);
    if (batch.empty()) break;
    for (const auto& e : batch) {
      ++result.entries;
      std::string problem;
      if (e.seq != after + 1)
        problem = "a gap in the sequence before this entry";
      else if (e.prev_hash != expected_prev)
        problem = "prev_hash does not match the entry before";
      else if (audit_hash(e) != e.hash)
        problem = "the entry was changed after it was written";
      if (!problem.empty()) {
        result.ok = false;
        result.broken_at = e.seq;
        result.problem = problem;
        return result;
      }
      expected_prev = e.hash;
      after = e.seq;
    }
  }
  return result;
}

}  // namespace ln
