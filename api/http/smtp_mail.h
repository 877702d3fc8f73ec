#pragma once
// E-mail through a configured SMTP server with libcurl's SMTP client (--smtp-url, --smtp-from).
// Without a server the reminders stay in-app, and the log says so once.
#include <string>

#include "base/mail.h"

namespace ln::api {

class SmtpMailer : public Mailer {
 public:
  SmtpMailer(std::string url, std::string from);
  bool configured() const override { return !url_.empty(); }
  void send(const Mail& mail) override;

 private:
  std::string url_;
  std::string from_;
};

// "=?UTF-8?B?…?=" for a header value that is not plain ASCII.
std::string mime_header_word(const std::string& text);

}  // namespace ln::api
