#include "fuzz/in_process_app.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>

#include "api/routes/routes.h"
#include "demo/demo.h"
#include "store/open_storage.h"

namespace ln::fuzz {

InProcessApp& InProcessApp::instance() {
  static InProcessApp app;
  return app;
}

InProcessApp::~InProcessApp() {
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

InProcessApp::InProcessApp() {
  spdlog::set_level(spdlog::level::off);
  auto base = std::filesystem::exists("/dev/shm") ? std::filesystem::path("/dev/shm")
                                                  : std::filesystem::temp_directory_path();
  dir_ = base / ("langnghe-fuzz-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir_);
  options_.db = "sqlite:" + (dir_ / "fuzz.db").string();
  options_.web_root = (dir_ / "web").string();
  std::filesystem::create_directories(options_.web_root);
  options_.demo = true;
  options_.lexicons = moderation::default_lexicon_dir().string();
  options_.screener_model = moderation::default_model_file().string();
  options_.calendar = default_calendar_file().string();
  storage_ = store::open_storage(options_.db);
  keys_ = std::make_unique<Keys>(Keys::for_tests());
  app_ = std::make_unique<api::App>(*storage_, options_, *keys_);
  seed_demo(*storage_, app_->clock, app_->organisation, app_->accounts, app_->pupils,
            app_->consultations, *keys_, app_->calendar);
  api::build_router(router_, *app_);
  files_ = std::make_unique<api::StaticFiles>(options_.web_root);
  dispatcher_ = std::make_unique<api::Dispatcher>(
      router_, *files_, app_->metrics, options_.max_body,
      [this](const std::string& token) { return app_->sessions.authenticate(token); });

  tokens_.push_back("");
  for (const char* user : {"admin", "facilitator", "moderator", "safeguarding", "official"})
    tokens_.push_back(sign_in(
        "/api/v1/auth/login",
        std::string(R"({"username":")") + user + R"(","password":")" + kDemoPassword + "\"}"));
  tokens_.push_back(sign_in("/api/v1/pupils/sign-in", R"({"code":"meo-xanh-2024"})"));
}

std::string InProcessApp::sign_in(const std::string& path, const std::string& body) {
  api::Request request;
  request.method = "POST";
  request.path = path;
  request.headers["content-type"] = "application/json";
  request.body = body;
  request.client_address = "127.0.0.1";
  auto response = dispatch(request);
  auto json = nlohmann::json::parse(response.body, nullptr, false);
  if (response.status != 200 || !json.contains("token"))
    throw std::runtime_error("fuzz set-up: sign-in failed at " + path + ": " + response.body);
  return json["token"].get<std::string>();
}

}  // namespace ln::fuzz
