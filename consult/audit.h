#pragma once
// The append-only, hash-chained audit log: sign-ins and failures, role changes, consent changes,
// exports, deletions, identity reveals. Each entry's hash covers the previous entry's hash.
#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "consult/principal.h"
#include "consult/storage.h"

namespace ln {

struct AuditActor {
  std::string kind;  // account | pupil | guardian | system
  std::string id;
  // A pupil's session that started with a code an adult handed over: that adult's account id.
  // The entry names them (details code_issued_by), since they may be the one acting.
  std::optional<std::string> code_issued_by = std::nullopt;
  static AuditActor of(const Principal& p) {
    return {p.is_pupil() ? "pupil" : "account", p.id, p.is_pupil() ? p.code_issued_by : std::nullopt};
  }
  static AuditActor system() { return {"system", "langnghe"}; }
};

class AuditLog {
 public:
  AuditLog(AuditStore& store, const Clock& clock) : store_(store), clock_(clock) {}

  AuditEntry record(const AuditActor& actor, const std::string& action,
                    const std::string& object_type, const std::string& object_id,
                    const std::string& reason = "", const AuditDetails& details = {});

  // An entry stamped now but not yet chained or sealed: for writes that append it in their own
  // transaction (ConsultationStore::save_child_writes).
  AuditEntry draft(const AuditActor& actor, const std::string& action,
                   const std::string& object_type, const std::string& object_id,
                   const std::string& reason = "", const AuditDetails& details = {}) const;

  std::vector<AuditEntry> list(std::int64_t after_seq, int limit) {
    return store_.entries(after_seq, limit);
  }

  struct Verification {
    bool ok = true;
    std::int64_t entries = 0;
    std::optional<std::int64_t> broken_at;
    std::string problem;
  };
  // Walks the whole chain, recomputing every hash.
  Verification verify();

 private:
  AuditStore& store_;
  const Clock& clock_;
};

// The hash of an entry: BLAKE2b, hex, over the bytes the store keeps of its fields and the
// previous hash (AuditSeal).
std::string audit_hash(std::string_view chained);

}  // namespace ln
