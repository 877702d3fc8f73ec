#pragma once
// Where one HTTP/1.x request begins and ends, checked on the raw bytes as they arrive, before
// Pistache's parser sees them. Pistache 0.0.5 trusts what it is sent: a negative or huge
// Content-Length or chunk size reaches std::string::reserve or std::stoull, and it answers the
// exception's text itself in plain text (shared/PISTACHE.md). Whatever this refuses is answered
// by us in the JSON error shape, and the connection is closed: after a framing error nobody
// knows where the next request would begin. No Pistache here, so it is tested on its own.
#include <cstddef>
#include <string>
#include <string_view>

namespace ln::api {

// Why a request was refused: the status and the error envelope's code and message (for the
// client), and what exactly was wrong (for the log only).
struct FramingRefusal {
  int status = 400;
  std::string code;
  std::string message;
  std::string detail;
};

class RequestFraming {
 public:
  static constexpr std::size_t kMaxHead = 32 * 1024;  // request line and headers
  static constexpr std::size_t kMaxHeaders = 100;

  // `max_body`: the largest body any route may take (more is a 413 before it is read).
  explicit RequestFraming(std::size_t max_body) : max_body_(max_body) {}

  enum class Outcome {
    kAgain,     // every byte belongs to the request so far; more are needed
    kComplete,  // the request ends at `used`; what follows in the input begins another one
    kRefused,   // see refusal(); nothing more is read from this connection
  };
  struct Step {
    Outcome outcome = Outcome::kAgain;
    std::size_t used = 0;  // bytes of the input that belong to this request
  };
  // Reads the next bytes of the connection and appends to `for_parser` what the HTTP parser is
  // to read: the head once it is whole and checked, then the body. Empty lines before a request
  // and a chunked body's trailer are read here and never reach the parser.
  Step feed(std::string_view input, std::string& for_parser);

  const FramingRefusal& refusal() const { return refusal_; }
  // Once the head has arrived: the method (one Pistache knows, else ""), and whether the
  // connection closes after the answer (Connection: close, or HTTP/1.0 without keep-alive).
  const std::string& method() const { return method_; }
  bool close_after() const { return close_after_; }

 private:
  enum class State { kHead, kBody, kChunkSize, kChunkData, kChunkEnd, kTrailer, kDone };
  // The head is complete in head_: check it and choose the body's framing.
  bool check_head();
  bool refuse(int status, std::string code, std::string message, std::string detail);
  // Takes bytes up to and including the next CRLF into line_ (without the CRLF); false while
  // the line is open, or when it is refused (refused_ is then set): a bare CR or LF, or a line
  // longer than `limit` (refused with `too_long`).
  bool take_line(std::string_view input, std::size_t& at, std::size_t limit,
                 const FramingRefusal& too_long);

  std::size_t max_body_;
  State state_ = State::kHead;
  bool refused_ = false;
  FramingRefusal refusal_;
  std::string head_;
  std::string line_;
  std::string method_;
  bool close_after_ = false;
  std::size_t body_left_ = 0;   // of a Content-Length body, or of the current chunk
  std::size_t body_total_ = 0;  // of a chunked body so far
  std::size_t trailer_size_ = 0;
};

}  // namespace ln::api
