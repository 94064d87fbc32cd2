// Status and Result<T>: how expected failures travel (bad row, unknown code, not found, I/O).
// Value types; safe to copy between threads. Codes are mapped to CLI exit codes and HTTP
// statuses in one place each (cli/exit_code.h, server later).
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace baophu {

class Status {
 public:
  // Persisted in logs and mapped at the edges; keep the values stable.
  enum class Code : int {
    kOk = 0,
    kInvalidArgument = 1,   // bad user input: a value, a row, an option
    kNotFound = 2,
    kConflict = 3,          // contradicts what the store already holds
    kIOError = 4,
    kCorruption = 5,        // a file or the store is not what it claims to be
    kPermissionDenied = 6,
    kUnauthenticated = 7,
    kTooLarge = 8,
    kUnsupported = 9,       // e.g. a file encoding we refuse
    kInternal = 10,
  };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) { return Status(Code::kInvalidArgument, std::move(m)); }
  static Status NotFound(std::string m) { return Status(Code::kNotFound, std::move(m)); }
  static Status Conflict(std::string m) { return Status(Code::kConflict, std::move(m)); }
  static Status IOError(std::string m) { return Status(Code::kIOError, std::move(m)); }
  static Status Corruption(std::string m) { return Status(Code::kCorruption, std::move(m)); }
  static Status PermissionDenied(std::string m) { return Status(Code::kPermissionDenied, std::move(m)); }
  static Status Unauthenticated(std::string m) { return Status(Code::kUnauthenticated, std::move(m)); }
  static Status TooLarge(std::string m) { return Status(Code::kTooLarge, std::move(m)); }
  static Status Unsupported(std::string m) { return Status(Code::kUnsupported, std::move(m)); }
  static Status Internal(std::string m) { return Status(Code::kInternal, std::move(m)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  // "mã lỗi: thông điệp" style text for logs and the CLI.
  std::string ToString() const;

 private:
  Status(Code c, std::string m) : code_(c), message_(std::move(m)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// A value or the Status that explains why there is none.
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {   // NOLINT
    assert(!status_.ok() && "Result built from an OK status without a value");
  }
  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  T& value() & { assert(ok()); return *value_; }
  const T& value() const& { assert(ok()); return *value_; }
  T&& value() && { assert(ok()); return std::move(*value_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  Status status_;
  std::optional<T> value_;
};

#define BAOPHU_RETURN_IF_ERROR(expr)         \
  do {                                       \
    ::baophu::Status _st = (expr);           \
    if (!_st.ok()) return _st;               \
  } while (0)

}  // namespace baophu
