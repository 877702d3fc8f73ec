#include "api/http/static_files.h"

#include <fmt/format.h>

#include <fstream>
#include <map>
#include <sstream>

#include "api/http/percent_encoding.h"

namespace ln::api {
namespace fs = std::filesystem;

namespace {

bool is_within(const fs::path& root, const fs::path& candidate) {
  auto r = root.begin(), c = candidate.begin();
  for (; r != root.end(); ++r, ++c)
    if (c == candidate.end() || *r != *c) return false;
  return true;
}

}  // namespace

StaticFiles::StaticFiles(const fs::path& web_root) {
  std::error_code ec;
  root_ = fs::canonical(web_root, ec);
  if (ec) root_.clear();
}

std::string content_type_for(const fs::path& file) {
  static const std::map<std::string, std::string> types = {
      {".html", "text/html; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".webmanifest", "application/manifest+json"}};
  auto it = types.find(file.extension().string());
  return it == types.end() ? "application/octet-stream" : it->second;
}

std::optional<Response> StaticFiles::serve(const Request& request) const {
  if (root_.empty()) return std::nullopt;
  auto decoded = percent_decode(request.path);
  if (!decoded || decoded->find('\0') != std::string::npos) return std::nullopt;
  fs::path relative = fs::path(*decoded).relative_path().lexically_normal();
  for (const auto& part : relative)
    if (part == "..") return std::nullopt;

  std::error_code ec;
  fs::path file = fs::canonical(root_ / relative, ec);  // resolves symbolic links
  if (ec || !is_within(root_, file)) return std::nullopt;
  if (fs::is_directory(file, ec)) file /= "index.html";
  if (!fs::is_regular_file(file, ec)) return std::nullopt;

  auto size = fs::file_size(file, ec);
  auto mtime = fs::last_write_time(file, ec);
  if (ec) return std::nullopt;
  std::string etag = fmt::format("\"{:x}-{:x}\"", size, mtime.time_since_epoch().count());

  Response response;
  response.content_type = content_type_for(file);
  response.with_header("ETag", etag);
  response.with_header("Cache-Control",
                       file.extension() == ".html" ? "no-cache" : "public, max-age=3600");
  if (request.header("if-none-match") == etag) {
    response.status = 304;
    return response;
  }
  std::ifstream in(file, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  response.body = content.str();
  return response;
}

}  // namespace ln::api
