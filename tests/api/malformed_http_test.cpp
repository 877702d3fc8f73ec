// What an attacker with a raw socket sees (issue 24, item 8 and the connection items): every
// reply to malformed HTTP — a bad Content-Length, a bad chunk size, an unknown method, broken
// headers — is ours: one reply, in the JSON error shape, with the security headers, no library
// text, logged and counted, and the connection is closed after it. A request that asks for the
// connection to close gets it closed; ordinary keep-alive and chunked requests still work.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <regex>

#include "tests/api/harness.h"

namespace ln::test {
namespace {

// Far longer than any answer takes; Pistache's keep-alive timeout (60 s) is longer still, so a
// connection the server forgot to close runs into this limit and the test fails.
constexpr auto kPatience = std::chrono::seconds(20);

class RawConnection {
 public:
  explicit RawConnection(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
      throw std::runtime_error("cannot connect");
  }
  ~RawConnection() { ::close(fd_); }

  // Sends what it can (the server may have closed already).
  void send(const std::string& bytes) const {
    ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
  }

  // Reads until the server closes the connection (true) or kPatience passes (false).
  bool read_to_end(std::string& out) const {
    auto deadline = std::chrono::steady_clock::now() + kPatience;
    while (true) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                      deadline - std::chrono::steady_clock::now())
                      .count();
      if (left <= 0) return false;
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left)) <= 0) return false;
      char buffer[4096];
      ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) return true;  // end of file, or reset
      out.append(buffer, static_cast<std::size_t>(n));
    }
  }

  // Reads until `count` whole responses (with Content-Length bodies) have arrived.
  std::string read_responses(int count) const {
    std::string out;
    auto deadline = std::chrono::steady_clock::now() + kPatience;
    while (static_cast<int>(split_responses(out).size()) < count &&
           std::chrono::steady_clock::now() < deadline) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 1000) <= 0) continue;
      char buffer[4096];
      ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      out.append(buffer, static_cast<std::size_t>(n));
    }
    return out;
  }

  struct Parsed {
    int status = 0;
    std::map<std::string, std::string> headers;  // lower-case names
    std::string body;
  };
  // The complete responses in `bytes`, in order.
  static std::vector<Parsed> split_responses(const std::string& bytes) {
    std::vector<Parsed> out;
    std::size_t at = 0;
    while (true) {
      auto start = bytes.find("HTTP/1.", at);
      if (start == std::string::npos) break;
      auto head_end = bytes.find("\r\n\r\n", start);
      if (head_end == std::string::npos) break;
      Parsed r;
      std::string head = bytes.substr(start, head_end - start);
      r.status = std::stoi(head.substr(9, 3));
      std::size_t line = head.find("\r\n");
      while (line != std::string::npos) {
        auto next = head.find("\r\n", line + 2);
        std::string field =
            head.substr(line + 2, next == std::string::npos ? std::string::npos : next - line - 2);
        auto colon = field.find(':');
        if (colon != std::string::npos) {
          std::string name = field.substr(0, colon);
          for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          std::string value = field.substr(colon + 1);
          value.erase(0, value.find_first_not_of(' '));
          r.headers[name] = value;
        }
        line = next;
      }
      std::size_t length =
          r.headers.count("content-length") ? std::stoul(r.headers["content-length"]) : 0;
      if (bytes.size() < head_end + 4 + length) break;
      r.body = bytes.substr(head_end + 4, length);
      at = head_end + 4 + length;
      out.push_back(std::move(r));
    }
    return out;
  }

 private:
  int fd_ = -1;
};

// One reply, ours, and the connection closed after it.
void expect_our_refusal(const Server& server, const std::string& what, const std::string& request,
                        int status, const std::string& code) {
  SCOPED_TRACE(what);
  RawConnection connection(server.port());
  connection.send(request);
  std::string bytes;
  EXPECT_TRUE(connection.read_to_end(bytes)) << "the connection stayed open";
  auto responses = RawConnection::split_responses(bytes);
  ASSERT_EQ(responses.size(), 1u) << bytes;
  const auto& r = responses[0];
  EXPECT_EQ(r.status, status) << bytes;
  EXPECT_EQ(r.headers.at("content-type").rfind("application/json", 0), 0u) << bytes;
  auto body = nlohmann::json::parse(r.body, nullptr, false);
  ASSERT_TRUE(body.is_object()) << r.body;
  EXPECT_EQ(body["error"]["code"], code) << r.body;
  EXPECT_FALSE(body["error"]["message"].get<std::string>().empty());
  EXPECT_EQ(r.headers.count("x-request-id"), 1u);
  EXPECT_EQ(r.headers.count("content-security-policy"), 1u);
  EXPECT_EQ(r.headers.count("x-content-type-options"), 1u);
  EXPECT_EQ(r.headers.count("cache-control"), 1u);
  EXPECT_EQ(r.headers.count("connection") ? r.headers.at("connection") : "", "Close");
  for (const char* leak : {"basic_string", "stoull", "bad_alloc", "std::", "Pistache"})
    EXPECT_EQ(r.body.find(leak), std::string::npos) << r.body;
}

class MalformedHttp : public ::testing::Test {
 protected:
  // With the operator's metrics token (harness.h), to read the refusals' counts.
  Server server{Server::Options{{"--metrics-token", kTestMetricsToken}, {}, {}, ""}};
};

TEST_F(MalformedHttp, BadFramingIsAnsweredOnceInOurErrorShapeAndTheConnectionCloses) {
  const std::string post = "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\n";
  const std::string json = "Content-Type: application/json\r\n";
  expect_our_refusal(server, "negative Content-Length",
                     post + json + "Content-Length: -5\r\n\r\n{}", 400, "malformed_request");
  expect_our_refusal(server, "Content-Length past 64 bits",
                     post + json + "Content-Length: 99999999999999999999\r\n\r\n{}", 400,
                     "malformed_request");
  expect_our_refusal(server, "Content-Length that is not a number",
                     post + json + "Content-Length: 12abc\r\n\r\n{}", 400, "malformed_request");
  expect_our_refusal(server, "two different Content-Lengths",
                     post + json + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}", 400,
                     "malformed_request");
  expect_our_refusal(server, "Content-Length far past the limit",
                     post + json + "Content-Length: 4000000000\r\n\r\n{}", 413, "too_large");
  expect_our_refusal(server, "a chunk size of 2^64 - 1",
                     post + json + "Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFF\r\n", 413,
                     "too_large");
  expect_our_refusal(server, "a negative chunk size",
                     post + json + "Transfer-Encoding: chunked\r\n\r\n-5\r\nabc\r\n0\r\n\r\n", 400,
                     "malformed_request");
  expect_our_refusal(server, "a chunk longer than its size",
                     post + json + "Transfer-Encoding: chunked\r\n\r\n2\r\n{}}\r\n0\r\n\r\n", 400,
                     "malformed_request");
  expect_our_refusal(
      server, "Content-Length and Transfer-Encoding",
      post + json + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
      400, "malformed_request");
  expect_our_refusal(server, "an unknown Transfer-Encoding",
                     post + json + "Transfer-Encoding: gzip\r\n\r\n", 501,
                     "transfer_encoding_not_implemented");
  expect_our_refusal(server, "a method this server does not know",
                     "PROPFIND / HTTP/1.1\r\nHost: x\r\n\r\n", 501, "method_not_implemented");
  expect_our_refusal(server, "not HTTP at all", "<?xml version=\"1.0\"?>\r\n\r\n", 400,
                     "malformed_request");
  expect_our_refusal(server, "HTTP/2 on an HTTP/1 port", "GET / HTTP/2.0\r\nHost: x\r\n\r\n", 400,
                     "malformed_request");
  expect_our_refusal(server, "lines ending in LF only", "GET /healthz HTTP/1.1\nHost: x\n\n", 400,
                     "malformed_request");
  expect_our_refusal(server, "a header line without a colon",
                     "GET /healthz HTTP/1.1\r\nHost x\r\n\r\n", 400, "malformed_request");
  expect_our_refusal(server, "a control character in a header",
                     std::string("GET /healthz HTTP/1.1\r\nX-A: a\x01b\r\n\r\n"), 400,
                     "malformed_request");
  expect_our_refusal(server, "headers past 32 KiB",
                     "GET /healthz HTTP/1.1\r\nX-Big: " + std::string(40 * 1024, 'a') + "\r\n\r\n",
                     431, "headers_too_large");

  // Each refusal was logged and counted like any other reply.
  EXPECT_NE(server.log().find("refused a malformed request"), std::string::npos);
  auto metrics = server.get("/metrics", metrics_reader()).body;
  static const std::regex refused(
      R"(langnghe_http_requests_total\{[^}]*route="refused"[^}]*\} (\d+))");
  int counted = 0;
  for (std::sregex_iterator it(metrics.begin(), metrics.end(), refused), end; it != end; ++it)
    counted += std::stoi((*it)[1]);
  EXPECT_EQ(counted, 17) << metrics;
  // And the server still answers.
  EXPECT_EQ(server.get("/healthz").status, 200);
}

// PROPFIND with a body that arrives after its head was answered twice, in plain text, before:
// the body was read as a second request.
TEST_F(MalformedHttp, AnUnknownMethodIsAnsweredOnceEvenWhenItsBodyComesLater) {
  RawConnection connection(server.port());
  connection.send(
      "PROPFIND /api/v1/units HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\n"
      "Content-Length: 40\r\n\r\n");
  std::string first = connection.read_responses(1);
  connection.send("<?xml version=\"1.0\"?><propfind/>       ");
  std::string rest;
  EXPECT_TRUE(connection.read_to_end(rest)) << "the connection stayed open";
  auto responses = RawConnection::split_responses(first + rest);
  ASSERT_EQ(responses.size(), 1u) << first + rest;
  EXPECT_EQ(responses[0].status, 501);
  EXPECT_EQ(nlohmann::json::parse(responses[0].body)["error"]["code"], "method_not_implemented");
}

TEST_F(MalformedHttp, ConnectionCloseClosesTheConnectionAfterTheAnswer) {
  for (const std::string request : {"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                                    "GET /healthz HTTP/1.0\r\n\r\n"}) {
    SCOPED_TRACE(request);
    RawConnection connection(server.port());
    connection.send(request);
    std::string bytes;
    EXPECT_TRUE(connection.read_to_end(bytes)) << "the connection stayed open";
    auto responses = RawConnection::split_responses(bytes);
    ASSERT_EQ(responses.size(), 1u) << bytes;
    EXPECT_EQ(responses[0].status, 200);
    EXPECT_EQ(responses[0].headers["connection"], "Close");
  }
}

TEST_F(MalformedHttp, KeepAliveAndChunkedRequestsStillWork) {
  RawConnection connection(server.port());
  // Two requests on one connection; HTTP/1.1 keeps it open without being asked.
  connection.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  auto first = RawConnection::split_responses(connection.read_responses(1));
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].status, 200);
  EXPECT_EQ(first[0].headers["connection"], "Keep-Alive");
  // A chunked body, its last CRLF in a later packet: read whole, and the CRLF is not taken for
  // the start of another request.
  const std::string body = R"({"username":"nobody","password":"not-the-password"})";
  connection.send(
      "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\n"
      "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" +
      [&] {
        char size[16];
        std::snprintf(size, sizeof size, "%zx", body.size() - 10);
        return std::string(size) + "\r\n" + body.substr(0, body.size() - 10) + "\r\na\r\n" +
               body.substr(body.size() - 10) + "\r\n0\r\n";
      }());
  auto second = RawConnection::split_responses(connection.read_responses(1));
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].status, 401) << second[0].body;  // the body was read: wrong password
  connection.send("\r\nGET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  std::string rest;
  EXPECT_TRUE(connection.read_to_end(rest));
  auto third = RawConnection::split_responses(rest);
  ASSERT_EQ(third.size(), 1u) << rest;
  EXPECT_EQ(third[0].status, 200);
}

}  // namespace
}  // namespace ln::test
