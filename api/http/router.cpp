#include "api/http/router.h"

#include <algorithm>
#include <stdexcept>

namespace ln::api {
namespace {

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 1;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    parts.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

bool is_param(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

bool matches(const Route& route, const std::vector<std::string>& parts,
             std::map<std::string, std::string>* params) {
  if (route.segments.size() != parts.size()) return false;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string& want = route.segments[i];
    if (is_param(want)) {
      if (parts[i].empty()) return false;
      if (params) (*params)[want.substr(1, want.size() - 2)] = parts[i];
    } else if (want != parts[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

void Router::add(std::string method, std::string pattern, Handler handler, OperationDoc doc) {
  if (pattern.empty() || pattern.front() != '/') throw std::logic_error("route must start with /");
  Route route{std::move(method), pattern, split_path(pattern), std::move(handler), std::move(doc)};
  for (const Route& existing : routes_) {
    if (existing.method == route.method && existing.pattern == route.pattern)
      throw std::logic_error("route registered twice: " + route.method + " " + route.pattern);
  }
  routes_.push_back(std::move(route));
  // Literal segments win over parameters: /units/import before /units/{id}.
  std::stable_sort(routes_.begin(), routes_.end(), [](const Route& a, const Route& b) {
    auto literals = [](const Route& r) {
      return std::count_if(r.segments.begin(), r.segments.end(),
                           [](const std::string& s) { return !is_param(s); });
    };
    return literals(a) > literals(b);
  });
}

Router::Match Router::match(const std::string& method, const std::string& path) const {
  Match result;
  if (path.empty() || path.front() != '/') return result;
  auto parts = split_path(path);
  for (const Route& route : routes_) {
    if (!matches(route, parts, nullptr)) continue;
    bool same_method = route.method == method || (method == "HEAD" && route.method == "GET");
    if (same_method && !result.route) {
      result.route = &route;
      matches(route, parts, &result.params);
    }
    if (std::find(result.allowed.begin(), result.allowed.end(), route.method) ==
        result.allowed.end())
      result.allowed.push_back(route.method);
  }
  if (result.route) result.allowed.clear();
  return result;
}

}  // namespace ln::api
