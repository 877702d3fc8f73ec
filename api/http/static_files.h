#pragma once
// The web front end: files under --web-root served at /, never anything outside it.
#include <filesystem>
#include <optional>

#include "api/http/http.h"

namespace ln::api {

class StaticFiles {
 public:
  explicit StaticFiles(const std::filesystem::path& web_root);

  // The file for a GET/HEAD of `request.path`, or nullopt when there is none (or it lies outside
  // the web root, through `..` or a symbolic link).
  std::optional<Response> serve(const Request& request) const;

 private:
  std::filesystem::path root_;  // canonical
};

std::string content_type_for(const std::filesystem::path& file);

}  // namespace ln::api
