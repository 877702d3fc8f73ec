#include "store/identity_columns.h"

#include <nlohmann/json.hpp>

namespace ln::store {

std::string identity_text(const Identity& identity) {
  nlohmann::json j = {{"birth_date", identity.birth_date}, {"class_id", identity.class_id}};
  if (identity.real_name) j["real_name"] = *identity.real_name;
  return j.dump();
}

Identity identity_of(std::string_view text) {
  const auto j = nlohmann::json::parse(text);
  Identity identity{j.at("birth_date"), j.at("class_id"), std::nullopt};
  if (j.contains("real_name")) identity.real_name = j["real_name"].get<std::string>();
  return identity;
}

}  // namespace ln::store
