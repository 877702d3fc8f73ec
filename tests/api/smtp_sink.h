#pragma once
// A tiny SMTP server on 127.0.0.1 that accepts every message and keeps it, for the reminder
// e-mail tests. It speaks just enough SMTP for libcurl: EHLO/HELO, MAIL, RCPT, DATA, QUIT.
#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace ln::test {

struct SinkMessage {
  std::string from;
  std::vector<std::string> to;
  std::string data;
};

class SmtpSink {
 public:
  SmtpSink();
  ~SmtpSink();
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  int port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  std::vector<SinkMessage> messages() const;

 private:
  void serve();
  void session(int fd);

  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  std::vector<SinkMessage> messages_;
  std::thread thread_;
};

}  // namespace ln::test
