#pragma once
// How both backends pass lists through SQL: a JSON array in (json_each /
// jsonb_array_elements_text), a comma-separated aggregate out (group_concat / string_agg). Ids
// never contain commas.
#include <string>
#include <vector>

namespace ln::store {

std::string json_list(const std::vector<std::string>& items);
std::vector<std::string> split_list(const std::string& comma_separated);

}  // namespace ln::store
