#include "api/http/smtp_mail.h"

#include <curl/curl.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <memory>
#include <stdexcept>

#include "base/crypto.h"

namespace ln::api {
namespace {

// The Date header as e-mail wants it (RFC 5322): "Tue, 24 Nov 2026 16:04:36 +0000".
std::string mail_date(std::chrono::system_clock::time_point t) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  static const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char out[40];
  std::snprintf(out, sizeof out, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[utc.tm_wday],
                utc.tm_mday, kMonths[utc.tm_mon], utc.tm_year + 1900, utc.tm_hour, utc.tm_min,
                utc.tm_sec);
  return out;
}

bool header_safe(const std::string& s) {
  return s.find_first_of("\r\n") == std::string::npos;
}

struct Upload {
  std::string data;
  std::size_t sent = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  std::size_t n = std::min(size * count, upload->data.size() - upload->sent);
  std::memcpy(buffer, upload->data.data() + upload->sent, n);
  upload->sent += n;
  return n;
}

}  // namespace

std::string mime_header_word(const std::string& text) {
  bool ascii = true;
  for (unsigned char c : text)
    if (c >= 0x80) ascii = false;
  return ascii ? text : "=?UTF-8?B?" + base64(text) + "?=";
}

SmtpMailer::SmtpMailer(std::string url, std::string from)
    : url_(std::move(url)), from_(std::move(from)) {
  if (url_.empty())
    spdlog::info("no SMTP server configured (--smtp-url): reminders stay in-app only");
}

void SmtpMailer::send(const Mail& mail) {
  if (!header_safe(mail.to) || !header_safe(mail.subject) || !header_safe(from_))
    throw std::runtime_error("refusing a header with a line break");
  Upload upload;
  std::string body;
  for (char c : mail.body) {
    if (c == '\n')
      body += "\r\n";
    else if (c != '\r')
      body += c;
  }
  upload.data = "Date: " + mail_date(std::chrono::system_clock::now()) + "\r\nTo: <" + mail.to +
                ">\r\nFrom: " + mime_header_word("Lắng Nghe") + " <" + from_ +
                ">\r\nSubject: " + mime_header_word(mail.subject) +
                "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                "Content-Transfer-Encoding: 8bit\r\n\r\n" +
                body + "\r\n";

  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) throw std::runtime_error("curl_easy_init failed");
  std::string from = "<" + from_ + ">";
  std::string to = "<" + mail.to + ">";
  curl_slist* recipients = curl_slist_append(nullptr, to.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_URL, url_.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(curl.get(), CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(curl.get(), CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl.get(), CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, 15L);
  curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
  CURLcode result = curl_easy_perform(curl.get());
  curl_slist_free_all(recipients);
  if (result != CURLE_OK) {
    spdlog::warn("e-mail to {} failed: {}", mail.to, curl_easy_strerror(result));
    throw std::runtime_error("e-mail failed");
  }
  spdlog::info("e-mail sent to {}: {}", mail.to, mail.subject);
}

}  // namespace ln::api
