#pragma once
// Typed errors of the domain. The HTTP layer maps each to a status in one place
// (api/http/error_response.cpp); their messages are written for the client, never library text.
#include <chrono>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace ln {

class Error : public std::runtime_error {
 public:
  Error(std::string code, const std::string& message)
      : std::runtime_error(message), code_(std::move(code)) {}
  const std::string& code() const { return code_; }

 private:
  std::string code_;
};

// The request is malformed or a value is out of range (400).
class Invalid : public Error {
 public:
  Invalid(std::string field, const std::string& message, std::string code = "invalid")
      : Error(std::move(code), message), field_(std::move(field)) {}
  const std::string& field() const { return field_; }

 private:
  std::string field_;
};

// Well-formed, but the thing cannot be done as asked; lists every problem at once (422).
class Unprocessable : public Error {
 public:
  struct Problem {
    std::string field;
    std::string message;
  };
  Unprocessable(std::string code, const std::string& message, std::vector<Problem> problems)
      : Error(std::move(code), message), problems_(std::move(problems)) {}
  const std::vector<Problem>& problems() const { return problems_; }

 private:
  std::vector<Problem> problems_;
};

class Unauthorized : public Error {
 public:
  explicit Unauthorized(const std::string& message = "Sign in first.")
      : Error("unauthorized", message) {}
};

class Forbidden : public Error {
 public:
  explicit Forbidden(const std::string& message = "You may not do this.",
                     std::string code = "forbidden")
      : Error(std::move(code), message) {}
};

class NotFound : public Error {
 public:
  explicit NotFound(const std::string& message = "Not found.") : Error("not_found", message) {}
};

class Conflict : public Error {
 public:
  explicit Conflict(const std::string& message, std::string code = "conflict")
      : Error(std::move(code), message) {}
};

class TooManyRequests : public Error {
 public:
  TooManyRequests(const std::string& message, std::chrono::seconds retry_after)
      : Error("rate_limited", message), retry_after_(retry_after) {}
  std::chrono::seconds retry_after() const { return retry_after_; }

 private:
  std::chrono::seconds retry_after_;
};

// The database (or another dependency) cannot take the request right now (503 with
// Retry-After): the same request may well succeed a little later.
class Unavailable : public Error {
 public:
  explicit Unavailable(const std::string& message,
                       std::chrono::seconds retry_after = std::chrono::seconds(2))
      : Error("unavailable", message), retry_after_(retry_after) {}
  std::chrono::seconds retry_after() const { return retry_after_; }

 private:
  std::chrono::seconds retry_after_;
};

// What a storage backend throws for its own failures (SQLite's and PostgreSQL's errors derive
// from it). Its text is for logs, never for clients. The HTTP layer maps every one that is
// `unavailable()` to the 503 of Unavailable, so no endpoint can turn a full disk into a 500.
class StorageError : public std::runtime_error {
 public:
  enum class Kind {
    kOther,           // a bug or a clash: the request itself went wrong
    kUnavailable,     // the storage cannot write now (disk full, I/O error, read-only file, a lock
                      // not granted in time, the server unreachable): nothing was stored
    kOutcomeUnknown,  // the connection was lost while a COMMIT was on its way: the write may or
                      // may not be stored
  };
  StorageError(const std::string& message, Kind kind) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const { return kind_; }
  bool unavailable() const { return kind_ != Kind::kOther; }
  bool outcome_unknown() const { return kind_ == Kind::kOutcomeUnknown; }

 private:
  Kind kind_;
};

}  // namespace ln
