#pragma once
// The whole HTTP layer in process, for fuzz targets: the demo database in a temporary SQLite
// file, the real App, router and Dispatcher, and bearer tokens of a few signed-in roles.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "api/app.h"
#include "api/http/dispatcher.h"
#include "api/http/router.h"
#include "api/http/static_files.h"

namespace ln::fuzz {

class InProcessApp {
 public:
  static InProcessApp& instance();
  ~InProcessApp();

  const api::Router& router() const { return router_; }
  api::Response dispatch(api::Request& request) const { return dispatcher_->dispatch(request); }
  // "" (nobody), then admin, facilitator, moderator, safeguarding, official, a demo pupil.
  const std::vector<std::string>& tokens() const { return tokens_; }

 private:
  InProcessApp();
  std::string sign_in(const std::string& path, const std::string& body);

  std::filesystem::path dir_;
  api::ServeOptions options_;
  std::unique_ptr<Storage> storage_;
  std::unique_ptr<Keys> keys_;
  std::unique_ptr<api::App> app_;
  api::Router router_;
  std::unique_ptr<api::StaticFiles> files_;
  std::unique_ptr<api::Dispatcher> dispatcher_;
  std::vector<std::string> tokens_;
};

}  // namespace ln::fuzz
