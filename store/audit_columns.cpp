#include "store/audit_columns.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace ln::store {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

json value_json(const AuditValue& value) {
  return std::visit(
      [](const auto& v) -> json {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, AuditDetails>) {
          json out = json::object();
          for (const auto& d : v) out[d.name] = value_json(d.value);
          return out;
        } else {
          return json(v);
        }
      },
      value.value());
}

AuditDetails details_of(const ordered_json& object);

AuditValue value_of(const ordered_json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_number_integer()) return v.get<std::int64_t>();
  if (v.is_object()) return details_of(v);
  if (v.is_array() && std::all_of(v.begin(), v.end(), [](const auto& t) { return t.is_string(); }))
    return v.get<std::vector<std::string>>();
  return v.dump();
}

AuditDetails details_of(const ordered_json& object) {
  AuditDetails out;
  for (const auto& [name, v] : object.items()) out.push_back({name, value_of(v)});
  return out;
}

}  // namespace

std::string details_column(const AuditDetails& details) {
  return value_json(details).dump(-1, ' ', false, json::error_handler_t::replace);
}

AuditDetails details_of_column(std::string_view text) {
  ordered_json object = ordered_json::parse(text, nullptr, false);
  if (!object.is_object()) return {};
  return details_of(object);
}

std::string chained_text(const AuditEntry& e, std::string_view details_text) {
  json canonical = {e.seq,         e.at,        e.actor_kind, e.actor_id,   e.action,
                    e.object_type, e.object_id, e.reason,     details_text, e.prev_hash};
  return canonical.dump();
}

}  // namespace ln::store
