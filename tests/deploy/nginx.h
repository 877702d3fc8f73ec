#pragma once
// nginx on a free loopback port in front of langnghe instances, configured from deploy/: the
// upstream block of deploy/nginx.conf (its server addresses replaced) and
// deploy/langnghe-proxy.conf as the server block (no TLS here). Runs as root or not.
#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/api/harness.h"

namespace ln::test {

class Nginx {
 public:
  Nginx(const std::filesystem::path& dir, const std::vector<int>& upstream_ports);
  ~Nginx() { stop(); }
  Nginx(const Nginx&) = delete;
  Nginx& operator=(const Nginx&) = delete;
  void stop();

  HttpResponse request(const std::string& method, const std::string& path,
                       const std::string& body = "", Headers headers = {}) const;
  HttpResponse get(const std::string& path, const std::string& token = "") const;
  HttpResponse post(const std::string& path, const nlohmann::json& body,
                    const std::string& token = "") const;
  int port() const { return port_; }

 private:
  std::filesystem::path dir_;
  int port_ = 0;
  pid_t pid_ = -1;
};

// deploy/nginx.conf's upstream block with its server addresses replaced by `ports`.
std::string upstream_from_deploy(const std::vector<int>& ports);

}  // namespace ln::test
