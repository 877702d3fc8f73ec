// Slow and oversize clients meet nginx (deploy/), never an instance: while 200 slowloris
// connections dribble their headers and another client pushes a 100 MB body, every ordinary
// request through nginx is answered promptly; the slow connections are cut at the header
// timeout and the big body gets our JSON 413 without reaching langnghe.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <thread>

#include "tests/api/harness.h"
#include "tests/deploy/nginx.h"

namespace ln::test {
namespace {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

int connect_to(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

bool send_all(int fd, const std::string& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    auto n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

// Whatever the peer sends until it closes or `limit` passes.
std::string read_until_closed(int fd, std::chrono::milliseconds limit) {
  std::string out;
  auto deadline = std::chrono::steady_clock::now() + limit;
  char buffer[4096];
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    auto n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    out.append(buffer, static_cast<std::size_t>(n));
  }
  return out;
}

class SlowClients : public ::testing::Test {
 protected:
  void SetUp() override {
    auto options = demo_options();
    options.args.insert(options.args.end(), {"--trusted-proxy", "127.0.0.1"});
    server_ = std::make_unique<Server>(options);
    dir_ = make_temp_dir();
    fs::permissions(dir_, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                              fs::perms::others_read | fs::perms::others_exec);
    nginx_ = std::make_unique<Nginx>(dir_, std::vector<int>{server_->port()});
  }
  void TearDown() override {
    nginx_.reset();
    server_.reset();
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  // Ordinary clients through nginx: every request answered, none slower than `limit`.
  void expect_others_served(int requests, std::chrono::milliseconds limit) {
    for (int i = 0; i < requests; ++i) {
      auto started = std::chrono::steady_clock::now();
      auto r = nginx_->get("/api/v1/about");
      auto took = std::chrono::steady_clock::now() - started;
      EXPECT_EQ(r.status, 200) << i;
      EXPECT_LT(took, limit) << "request " << i << " waited behind the slow clients";
    }
  }

  std::unique_ptr<Server> server_;
  fs::path dir_;
  std::unique_ptr<Nginx> nginx_;
};

TEST_F(SlowClients, SlowlorisConnectionsDoNotStopOtherClientsAndAreCutAtTheHeaderTimeout) {
  constexpr int kSlow = 200;
  std::vector<int> slow;
  for (int i = 0; i < kSlow; ++i) {
    int fd = connect_to(nginx_->port());
    ASSERT_GE(fd, 0);
    ASSERT_TRUE(send_all(
        fd, "GET /api/v1/about HTTP/1.1\r\nHost: localhost\r\nX-Slow-" + std::to_string(i) + ": "));
    slow.push_back(fd);
  }
  std::atomic<bool> stop{false};
  std::thread dribble([&] {
    // One byte per connection every second, never finishing the headers.
    while (!stop) {
      for (int fd : slow) send_all(fd, "a");
      for (int i = 0; i < 10 && !stop; ++i) std::this_thread::sleep_for(100ms);
    }
  });
  expect_others_served(100, 2s);
  auto login =
      nginx_->post("/api/v1/auth/login", {{"username", "admin"}, {"password", "langnghe-demo"}});
  EXPECT_EQ(login.status, 200) << login.body;

  // nginx's client_header_timeout (10 s, deploy/langnghe-proxy.conf) ends them all.
  std::this_thread::sleep_for(12s);
  stop = true;
  dribble.join();
  int closed = 0;
  for (int fd : slow) {
    // Readable now means nginx answered (408) or closed; a live slow connection stays silent.
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 2000) > 0) ++closed;
    ::close(fd);
  }
  EXPECT_EQ(closed, kSlow) << "every slow connection was cut by nginx";
  expect_others_served(20, 2s);
  // The instance never saw them and is still ready.
  EXPECT_EQ(server_->get("/readyz").status, 200);
}

TEST_F(SlowClients, AHundredMegabyteBodyGetsOurJson413AndNeverReachesTheInstance) {
  auto token =
      nginx_->post("/api/v1/auth/login", {{"username", "admin"}, {"password", "langnghe-demo"}})
          .json()["token"]
          .get<std::string>();
  constexpr std::size_t kBody = 100 * 1024 * 1024;
  std::atomic<bool> done{false};
  std::string declared_answer, chunked_answer;
  std::thread big([&] {
    // Declared: Content-Length says 100 MB; the body follows as fast as nginx takes it.
    int fd = connect_to(nginx_->port());
    std::string head =
        "POST /api/v1/units HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token +
        "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(kBody) +
        "\r\n\r\n";
    send_all(fd, head);
    std::string chunk(1 << 20, 'x');
    for (std::size_t sent = 0; sent < kBody; sent += chunk.size())
      if (!send_all(fd, chunk)) break;  // nginx answered and closed
    declared_answer = read_until_closed(fd, 5s);
    ::close(fd);
    // Chunked: no length up front; nginx counts as it reads.
    fd = connect_to(nginx_->port());
    send_all(fd, "POST /api/v1/units HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " +
                     token +
                     "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
    char size_line[32];
    std::snprintf(size_line, sizeof size_line, "%zx\r\n", chunk.size());
    for (std::size_t sent = 0; sent < kBody; sent += chunk.size())
      if (!send_all(fd, size_line + chunk + "\r\n")) break;
    chunked_answer = read_until_closed(fd, 5s);
    ::close(fd);
    done = true;
  });
  while (!done) expect_others_served(5, 2s);
  big.join();
  for (const auto& answer : {declared_answer, chunked_answer}) {
    EXPECT_EQ(answer.rfind("HTTP/1.1 413", 0), 0u) << answer.substr(0, 300);
    EXPECT_NE(answer.find("\"code\":\"too_large\""), std::string::npos) << answer.substr(0, 300);
  }
  // langnghe never saw them: its access log has the sign-in but no POST /api/v1/units.
  EXPECT_NE(server_->log().find("/api/v1/auth/login"), std::string::npos) << server_->log();
  EXPECT_EQ(server_->log().find("/api/v1/units"), std::string::npos);
  expect_others_served(20, 2s);
}

}  // namespace
}  // namespace ln::test
