#include "api/views/audit_views.h"

#include "api/http/shape.h"

namespace ln::api {
namespace {

nlohmann::json value_json(const AuditValue& value) {
  return std::visit(
      [](const auto& v) -> nlohmann::json {
        if constexpr (std::is_same_v<std::decay_t<decltype(v)>, AuditDetails>)
          return audit_details_json(v);
        else
          return v;
      },
      value.value());
}

}  // namespace

nlohmann::json audit_details_json(const AuditDetails& details) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& d : details) out[d.name] = value_json(d.value);
  return out;
}

nlohmann::json audit_entry_json(const AuditEntry& e) {
  return {{"seq", e.seq},
          {"at", e.at},
          {"actor_kind", e.actor_kind},
          {"actor_id", e.actor_id},
          {"action", e.action},
          {"object_type", e.object_type},
          {"object_id", e.object_id},
          {"reason", e.reason},
          {"details", audit_details_json(e.details)},
          {"prev_hash", e.prev_hash},
          {"hash", e.hash}};
}

nlohmann::json audit_entry_schema() {
  return Shape{required("seq", integer()),
               required("at", timestamp()),
               required("actor_kind", text()),
               required("actor_id", text()),
               required("action", text()),
               required("object_type", text()),
               required("object_id", text()),
               required("reason", text()),
               required("details", any().describe("what the action changed, as it recorded it")),
               required("prev_hash", text()),
               required("hash", text())}
      .schema();
}

}  // namespace ln::api
