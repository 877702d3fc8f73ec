#pragma once
// The audit log's details column and the bytes each entry's hash covers, shared by both backends.
// The column holds JSON text with its names in sorted order, as it always has:
//   {"count": 3, "status": "forwarded", "unit_ids": ["u_1"], "to": {"role": "admin"}}
// and an entry's hash covers [seq, at, actor_kind, actor_id, action, object_type, object_id,
// reason, "<the details column's text>", prev_hash] as compact JSON, so every entry ever written
// still checks.
#include <string>
#include <string_view>

#include "consult/records.h"

namespace ln::store {

std::string details_column(const AuditDetails& details);
// In the column's order. A value no version has written (null, a fraction, a list of other than
// texts) reads as its JSON text.
AuditDetails details_of_column(std::string_view text);

std::string chained_text(const AuditEntry& entry, std::string_view details_text);

}  // namespace ln::store
