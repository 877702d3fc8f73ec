#include "tests/deploy/nginx.h"

#include <signal.h>
#include <sys/wait.h>

#include <fstream>
#include <sstream>
#include <thread>

namespace ln::test {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

const fs::path kDeploy = fs::path(LANGNGHE_SOURCE_DIR) / "deploy";

std::string slurp(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string trim(std::string s) {
  s.erase(0, s.find_first_not_of(" \t"));
  s.erase(s.find_last_not_of(" \t\r") + 1);
  return s;
}

}  // namespace

std::string upstream_from_deploy(const std::vector<int>& ports) {
  std::istringstream conf(slurp(kDeploy / "nginx.conf"));
  std::string line, out = "upstream langnghe {\n", server_parameters;
  bool inside = false;
  while (std::getline(conf, line)) {
    std::string t = trim(line);
    if (!inside) {
      inside = t.rfind("upstream langnghe", 0) == 0;
      continue;
    }
    if (t == "}") break;
    if (t.empty() || t[0] == '#') continue;
    if (t.rfind("server ", 0) == 0) {
      // "server 127.0.0.1:8081 max_fails=2 fail_timeout=10s;" → keep what follows the address
      auto rest = trim(t.substr(7));
      auto space = rest.find(' ');
      server_parameters = space == std::string::npos ? ";" : rest.substr(space);
      continue;
    }
    out += "  " + t + "\n";
  }
  if (!inside) throw std::runtime_error("deploy/nginx.conf has no `upstream langnghe` block");
  for (int port : ports)
    out += "  server 127.0.0.1:" + std::to_string(port) + server_parameters + "\n";
  return out + "}\n";
}

Nginx::Nginx(const fs::path& dir, const std::vector<int>& upstream_ports) : dir_(dir) {
  port_ = free_port();
  std::string d = dir_.string();
  std::ofstream(dir_ / "nginx.conf")
      << "daemon off;\nmaster_process on;\nworker_processes 1;\n"
      << "pid " << d << "/nginx.pid;\nerror_log " << d << "/error.log warn;\n"
      << "events { worker_connections 512; }\nhttp {\n"
      << "  access_log " << d << "/access.log;\n"
      << "  client_body_temp_path " << d << "/client_body;\n"
      << "  proxy_temp_path " << d << "/proxy;\n"
      << "  fastcgi_temp_path " << d << "/fastcgi;\n"
      << "  uwsgi_temp_path " << d << "/uwsgi;\n"
      << "  scgi_temp_path " << d << "/scgi;\n"
      << upstream_from_deploy(upstream_ports) << "  server {\n    listen 127.0.0.1:" << port_
      << ";\n    include " << (kDeploy / "langnghe-proxy.conf").string() << ";\n  }\n}\n";
  pid_ = spawn({"/usr/sbin/nginx", "-p", d, "-c", d + "/nginx.conf", "-e", d + "/error.log"}, {},
               dir_ / "nginx.out", dir_ / "nginx.err");
  auto deadline = std::chrono::steady_clock::now() + 15s;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("nginx exited at start:\n" + slurp(dir_ / "nginx.err") +
                               slurp(dir_ / "error.log"));
    }
    try {
      if (get("/healthz").status == 200) return;
    } catch (const std::exception&) {
    }
    std::this_thread::sleep_for(50ms);
  }
  stop();
  throw std::runtime_error("nginx did not answer within 15 s");
}
void Nginx::stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  wait_exit(pid_, 10s);
  pid_ = -1;
}

HttpResponse Nginx::request(const std::string& method, const std::string& path,
                            const std::string& body, Headers headers) const {
  return http_request(method, "http://127.0.0.1:" + std::to_string(port_) + path, body, headers,
                      20);
}
HttpResponse Nginx::get(const std::string& path, const std::string& token) const {
  return request("GET", path, "", token.empty() ? Headers{} : bearer(token));
}
HttpResponse Nginx::post(const std::string& path, const nlohmann::json& body,
                         const std::string& token) const {
  Headers headers = token.empty() ? Headers{} : bearer(token);
  headers["Content-Type"] = "application/json";
  return request("POST", path, body.dump(), headers);
}

}  // namespace ln::test
