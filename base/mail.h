#pragma once
// Outgoing e-mail as the domain sees it. The HTTP server provides the SMTP implementation
// (libcurl); without a configured server, reminders stay in-app.
#include <string>

namespace ln {

struct Mail {
  std::string to;
  std::string subject;
  std::string body;  // plain text, UTF-8
};

class Mailer {
 public:
  virtual ~Mailer() = default;
  virtual bool configured() const = 0;
  // Throws on failure; the caller logs and goes on.
  virtual void send(const Mail& mail) = 0;
};

}  // namespace ln
