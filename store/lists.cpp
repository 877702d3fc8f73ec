#include "store/lists.h"

#include <nlohmann/json.hpp>

namespace ln::store {

std::string json_list(const std::vector<std::string>& items) {
  return nlohmann::json(items).dump();
}

std::vector<std::string> split_list(const std::string& comma_separated) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < comma_separated.size()) {
    auto comma = comma_separated.find(',', start);
    if (comma == std::string::npos) comma = comma_separated.size();
    out.push_back(comma_separated.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

}  // namespace ln::store
