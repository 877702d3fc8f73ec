#include "tests/api/smtp_sink.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace ln::test {
namespace {

void say(int fd, const std::string& line) {
  std::string out = line + "\r\n";
  (void)!::send(fd, out.data(), out.size(), MSG_NOSIGNAL);
}

// Reads one CRLF-terminated line (without the CRLF); false when the peer went away.
bool read_line(int fd, std::string& buffer, std::string& line) {
  for (;;) {
    auto end = buffer.find("\r\n");
    if (end != std::string::npos) {
      line = buffer.substr(0, end);
      buffer.erase(0, end + 2);
      return true;
    }
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 5000) <= 0) return false;
    char chunk[4096];
    auto n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer.append(chunk, static_cast<std::size_t>(n));
  }
}

bool starts_with(const std::string& s, const char* prefix) {
  std::string upper;
  for (std::size_t i = 0; i < s.size() && i < std::char_traits<char>::length(prefix); ++i)
    upper += static_cast<char>(std::toupper(static_cast<unsigned char>(s[i])));
  return upper == prefix;
}

}  // namespace

SmtpSink::SmtpSink() {
  listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(listener_, 8) != 0)
    throw std::runtime_error("the SMTP sink cannot listen");
  socklen_t size = sizeof address;
  ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &size);
  port_ = ntohs(address.sin_port);
  thread_ = std::thread([this] { serve(); });
}

SmtpSink::~SmtpSink() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
  ::close(listener_);
}

std::vector<SinkMessage> SmtpSink::messages() const {
  std::lock_guard lock(mutex_);
  return messages_;
}

void SmtpSink::serve() {
  while (!stopping_) {
    pollfd p{listener_, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    int fd = ::accept(listener_, nullptr, nullptr);
    if (fd < 0) continue;
    session(fd);
    ::close(fd);
  }
}

void SmtpSink::session(int fd) {
  std::string buffer, line;
  SinkMessage message;
  say(fd, "220 sink ESMTP");
  while (read_line(fd, buffer, line)) {
    if (starts_with(line, "EHLO") || starts_with(line, "HELO")) {
      say(fd, "250 sink");
    } else if (starts_with(line, "MAIL FROM:")) {
      message = {};
      message.from = line.substr(10);
      say(fd, "250 ok");
    } else if (starts_with(line, "RCPT TO:")) {
      message.to.push_back(line.substr(8));
      say(fd, "250 ok");
    } else if (starts_with(line, "DATA")) {
      say(fd, "354 go ahead");
      while (read_line(fd, buffer, line) && line != ".")
        message.data += (line.rfind("..", 0) == 0 ? line.substr(1) : line) + "\n";
      {
        std::lock_guard lock(mutex_);
        messages_.push_back(message);
      }
      say(fd, "250 queued");
    } else if (starts_with(line, "QUIT")) {
      say(fd, "221 bye");
      return;
    } else {
      say(fd, "250 ok");
    }
  }
}

}  // namespace ln::test
