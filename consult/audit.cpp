#include "consult/audit.h"

#include <sodium.h>

namespace ln {

std::string audit_hash(std::string_view chained) {
  unsigned char out[32];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(chained.data()),
                     chained.size(), nullptr, 0);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

AuditEntry AuditLog::record(const AuditActor& actor, const std::string& action,
                            const std::string& object_type, const std::string& object_id,
                            const std::string& reason, const AuditDetails& details) {
  return store_.append(draft(actor, action, object_type, object_id, reason, details), audit_hash);
}

AuditEntry AuditLog::draft(const AuditActor& actor, const std::string& action,
                           const std::string& object_type, const std::string& object_id,
                           const std::string& reason, const AuditDetails& details) const {
  AuditEntry entry;
  entry.at = clock_.now_text();
  entry.actor_kind = actor.kind;
  entry.actor_id = actor.id;
  entry.action = action;
  entry.object_type = object_type;
  entry.object_id = object_id;
  entry.reason = reason;
  entry.details = details;
  if (actor.code_issued_by)
    entry.details.push_back(
        {"code_issued_by", AuditDetails{{"kind", "account"}, {"id", *actor.code_issued_by}}});
  return entry;
}

AuditLog::Verification AuditLog::verify() {
  Verification result;
  std::string expected_prev(64, '0');
  std::int64_t after = 0;
  while (true) {
    auto batch = store_.links(after, 1000);
    if (batch.empty()) break;
    for (const auto& e : batch) {
      ++result.entries;
      std::string problem;
      if (e.seq != after + 1)
        problem = "a gap in the sequence before this entry";
      else if (e.prev_hash != expected_prev)
        problem = "prev_hash does not match the entry before";
      else if (audit_hash(e.chained) != e.hash)
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
