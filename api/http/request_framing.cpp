#include "api/http/request_framing.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string>

namespace ln::api {
namespace {

// The methods Pistache 0.0.5 can parse; the router answers 405 for those a path does not take.
constexpr std::array<std::string_view, 9> kKnownMethods = {
    "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT"};

bool is_tchar(unsigned char c) {
  return std::isalnum(c) ||
         std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

bool is_token(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return is_tchar(c); });
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Whether a comma-separated header value lists `token` (case-insensitive).
bool lists(std::string_view value, std::string_view token) {
  std::string all = lower(value);
  std::size_t start = 0;
  while (start <= all.size()) {
    auto end = all.find(',', start);
    if (end == std::string::npos) end = all.size();
    if (trim(std::string_view(all).substr(start, end - start)) == token) return true;
    start = end + 1;
  }
  return false;
}

// What is shown in the log of a value the client sent: short and printable.
std::string shown(std::string_view s) {
  std::string out;
  for (unsigned char c : s.substr(0, 40)) out += c >= 0x20 && c < 0x7f ? static_cast<char>(c) : '?';
  return s.size() > 40 ? out + "…" : out;
}

const FramingRefusal& head_too_large() {
  static const FramingRefusal refusal{
      431, "headers_too_large",
      "The request's headers are larger than " + std::to_string(RequestFraming::kMaxHead) +
          " bytes.",
      "head over " + std::to_string(RequestFraming::kMaxHead) + " bytes"};
  return refusal;
}

}  // namespace

bool RequestFraming::refuse(int status, std::string code, std::string message, std::string detail) {
  refused_ = true;
  state_ = State::kDone;
  refusal_ = {status, std::move(code), std::move(message), std::move(detail)};
  return false;
}

bool RequestFraming::take_line(std::string_view input, std::size_t& at, std::size_t limit,
                               const FramingRefusal& too_long) {
  while (at < input.size()) {
    char c = input[at++];
    line_ += c;
    if (line_.size() > limit)
      return refuse(too_long.status, too_long.code, too_long.message, too_long.detail);
    if (c == '\n') {
      if (line_.size() < 2 || line_[line_.size() - 2] != '\r')
        return refuse(400, "malformed_request", "Lines of an HTTP request end with CRLF.",
                      "bare LF");
      line_.resize(line_.size() - 2);
      if (line_.find('\r') != std::string::npos)
        return refuse(400, "malformed_request", "Lines of an HTTP request end with CRLF.",
                      "bare CR");
      return true;
    }
  }
  return false;
}

RequestFraming::Step RequestFraming::feed(std::string_view input, std::string& for_parser) {
  Step step;
  std::size_t at = 0;
  auto refused = [&] {
    step.outcome = Outcome::kRefused;
    return step;
  };
  if (refused_) return refused();
  if (state_ == State::kDone) state_ = State::kHead;  // the previous request is over

  while (at < input.size()) {
    switch (state_) {
      case State::kHead: {
        std::size_t limit = kMaxHead > head_.size() ? kMaxHead - head_.size() : 0;
        if (!take_line(input, at, limit, head_too_large())) {
          if (refused_) return refused();
          break;
        }
        if (head_.empty() && line_.empty()) break;  // RFC 9112 §2.2: ignored before a request
        head_ += line_;
        head_ += "\r\n";
        bool end_of_head = line_.empty();
        line_.clear();
        if (end_of_head) {
          std::string head = head_;
          if (!check_head()) return refused();
          for_parser += head;
        }
        break;
      }
      case State::kBody:
      case State::kChunkData: {
        std::size_t n = std::min(body_left_, input.size() - at);
        for_parser.append(input.substr(at, n));
        at += n;
        body_left_ -= n;
        if (body_left_ == 0) state_ = state_ == State::kBody ? State::kDone : State::kChunkEnd;
        break;
      }
      case State::kChunkSize: {
        if (!take_line(input, at, 18,
                       {400, "malformed_request", "The chunked body has a malformed chunk size.",
                        "chunk size line too long"})) {
          if (refused_) return refused();
          break;
        }
        std::string size_text = std::move(line_);
        line_.clear();
        if (size_text.empty() || size_text.size() > 16 ||
            !std::all_of(size_text.begin(), size_text.end(),
                         [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); })) {
          refuse(400, "malformed_request", "The chunked body has a malformed chunk size.",
                 "chunk size '" + shown(size_text) + "'");
          return refused();
        }
        unsigned long long size = std::stoull(size_text, nullptr, 16);
        if (size > max_body_ || body_total_ + size > max_body_) {
          refuse(413, "too_large",
                 "The request body is larger than " + std::to_string(max_body_) + " bytes.",
                 "chunked body over the limit (a chunk of " + std::to_string(size) + " bytes)");
          return refused();
        }
        body_total_ += size;
        body_left_ = size;
        for_parser += size_text + "\r\n";
        // The parser has the whole body at the last chunk's size line; the trailer after it is
        // read here (the parser would take it for the next request).
        state_ = size == 0 ? State::kTrailer : State::kChunkData;
        break;
      }
      case State::kChunkEnd: {
        if (!take_line(
                input, at, 2,
                {400, "malformed_request", "A chunk of the body is longer than its size says.",
                 "no CRLF after chunk data"})) {
          if (refused_) return refused();
          break;
        }
        bool empty = line_.empty();
        line_.clear();
        if (!empty) {
          refuse(400, "malformed_request", "A chunk of the body is longer than its size says.",
                 "no CRLF after chunk data");
          return refused();
        }
        for_parser += "\r\n";
        state_ = State::kChunkSize;
        break;
      }
      case State::kTrailer: {
        std::size_t limit = kMaxHead > trailer_size_ ? kMaxHead - trailer_size_ : 0;
        if (!take_line(input, at, limit, head_too_large())) {
          if (refused_) return refused();
          break;
        }
        trailer_size_ += line_.size() + 2;
        bool end = line_.empty();
        line_.clear();
        if (end) state_ = State::kDone;
        break;
      }
      case State::kDone:
        break;
    }
    if (state_ == State::kDone) {
      step.outcome = Outcome::kComplete;
      step.used = at;
      return step;
    }
  }
  step.used = at;
  return step;
}

bool RequestFraming::check_head() {
  std::string_view head(head_);
  auto line_end = head.find("\r\n");
  std::string_view request_line = head.substr(0, line_end);

  // method SP request-target SP HTTP-version
  auto first = request_line.find(' ');
  auto last = request_line.rfind(' ');
  if (first == std::string_view::npos || first == last)
    return refuse(400, "malformed_request", "The request line is not an HTTP request line.",
                  "request line '" + shown(request_line) + "'");
  std::string_view method = request_line.substr(0, first);
  std::string_view target = request_line.substr(first + 1, last - first - 1);
  std::string_view version = request_line.substr(last + 1);
  if (!is_token(method))
    return refuse(400, "malformed_request", "The request line is not an HTTP request line.",
                  "method '" + shown(method) + "'");
  if (version != "HTTP/1.1" && version != "HTTP/1.0")
    return refuse(400, "malformed_request", "Only HTTP/1.1 and HTTP/1.0 are spoken here.",
                  "version '" + shown(version) + "'");
  if (target.empty() || std::any_of(target.begin(), target.end(),
                                    [](unsigned char c) { return c <= 0x20 || c == 0x7f; }))
    return refuse(400, "malformed_request", "The request line is not an HTTP request line.",
                  "target '" + shown(target) + "'");
  if (std::find(kKnownMethods.begin(), kKnownMethods.end(), method) == kKnownMethods.end())
    return refuse(501, "method_not_implemented",
                  "This server does not know the method " + std::string(method) + ".",
                  "method '" + shown(method) + "'");
  method_ = std::string(method);

  std::optional<std::string> content_length;
  std::optional<std::string> transfer_encoding;
  std::string connection;
  std::size_t count = 0;
  for (std::size_t at = line_end + 2; at < head.size();) {
    auto end = head.find("\r\n", at);
    std::string_view field = head.substr(at, end - at);
    at = end + 2;
    if (field.empty()) break;
    if (++count > kMaxHeaders)
      return refuse(431, "headers_too_large",
                    "The request has more than " + std::to_string(kMaxHeaders) + " headers.",
                    "over " + std::to_string(kMaxHeaders) + " headers");
    auto colon = field.find(':');
    std::string_view name = field.substr(0, colon);
    if (colon == std::string_view::npos || !is_token(name))
      return refuse(400, "malformed_request", "A header of the request is malformed.",
                    "header line '" + shown(field) + "'");
    std::string_view value = trim(field.substr(colon + 1));
    if (std::any_of(value.begin(), value.end(),
                    [](unsigned char c) { return (c < 0x20 && c != '\t') || c == 0x7f; }))
      return refuse(400, "malformed_request", "A header of the request is malformed.",
                    "control character in " + shown(name));
    std::string key = lower(name);
    if (key == "content-length") {
      if (value.empty() || value.size() > 19 ||
          !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
          (content_length && *content_length != value))
        return refuse(400, "malformed_request", "Content-Length must be one whole number of bytes.",
                      "Content-Length '" + shown(value) + "'");
      content_length = std::string(value);
    } else if (key == "transfer-encoding") {
      if (transfer_encoding)
        return refuse(400, "malformed_request", "Transfer-Encoding may be sent only once.",
                      "Transfer-Encoding twice");
      transfer_encoding = lower(value);
    } else if (key == "connection") {
      connection += std::string(value) + ",";
    }
  }

  close_after_ =
      lists(connection, "close") || (version == "HTTP/1.0" && !lists(connection, "keep-alive"));
  head_.clear();
  if (content_length && transfer_encoding)
    return refuse(400, "malformed_request",
                  "Send either Content-Length or Transfer-Encoding, not both.",
                  "Content-Length and Transfer-Encoding");
  if (transfer_encoding) {
    if (*transfer_encoding != "chunked")
      return refuse(501, "transfer_encoding_not_implemented",
                    "The only Transfer-Encoding understood here is chunked.",
                    "Transfer-Encoding '" + shown(*transfer_encoding) + "'");
    if (version == "HTTP/1.0")
      return refuse(400, "malformed_request", "HTTP/1.0 has no chunked bodies.",
                    "chunked HTTP/1.0");
    body_total_ = 0;
    trailer_size_ = 0;
    state_ = State::kChunkSize;
    return true;
  }
  unsigned long long length = content_length ? std::stoull(*content_length) : 0;
  if (length > max_body_)
    return refuse(413, "too_large",
                  "The request body is larger than " + std::to_string(max_body_) + " bytes.",
                  "Content-Length " + *content_length);
  body_left_ = length;
  state_ = length == 0 ? State::kDone : State::kBody;
  return true;
}

}  // namespace ln::api
