// Errors as values. Every operation that can fail on input returns Result<T>; exceptions are kept
// for programming errors and for third-party code, caught in the adapter that called it.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace paraat {

// The category of an error. Each category maps to exactly one CLI exit code and one HTTP status
// (see error_code.h), so the CLI and the API always agree on what went wrong.
enum class ErrorCode {
  kUsage,         // the caller asked for something malformed (bad flag, bad query parameter)
  kInvalidInput,  // the data given is wrong (bad CSV line, unknown region)
  kNotFound,      // a named thing does not exist
  kConflict,      // the request contradicts stored state (duplicate key with other content)
  kBusy,          // another writer holds the database; trying again later will work
  kInternal,      // a bug or an environment failure (disk, database)
};

// One precise complaint about one record: which record (for a file "lots.csv:12", otherwise an
// id), which field, a stable machine code (e.g. "INVALID_DATE") and a human reason.
struct ErrorDetail {
  std::string record;
  std::string field;
  std::string code;
  std::string reason;

  bool operator==(const ErrorDetail&) const = default;
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::vector<ErrorDetail> details;

  // The message with the first detail's reason when that says more ("unknown link mode
  // 'rail-ferry'; expected one of road, ferry, ..."), for errors retold as a usage error.
  std::string message_with_hint() const {
    if (details.empty() || details.front().reason.empty() || message.find(details.front().reason) != std::string::npos) {
      return message;
    }
    return message + "; " + details.front().reason;
  }
};

inline Error make_error(ErrorCode code, std::string message,
                        std::vector<ErrorDetail> details = {}) {
  return Error{code, std::move(message), std::move(details)};
}

// A value or an Error. Accessing the wrong alternative is a programming error (asserted).
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Error error) : state_(std::move(error)) {}    // NOLINT: implicit by design

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  const T& value() const& { assert(ok()); return std::get<0>(state_); }
  T& value() & { assert(ok()); return std::get<0>(state_); }
  // On a temporary Result these return the value itself, not a reference into the dying
  // temporary, so `for (auto& x : *store.stock())` is safe.
  T value() && { assert(ok()); return std::get<0>(std::move(state_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  T operator*() && { return std::move(*this).value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  const Error& error() const { assert(!ok()); return std::get<1>(state_); }
  Error&& take_error() { assert(!ok()); return std::get<1>(std::move(state_)); }

 private:
  std::variant<T, Error> state_;
};

// Success or an Error, for operations without a value.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT: implicit by design

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { assert(!ok_); return error_; }
  Error&& take_error() { assert(!ok_); return std::move(error_); }

 private:
  Error error_;
  bool ok_ = true;
};

}  // namespace paraat

// Propagates an error from a Result or Status expression to the enclosing function.
#define PARAAT_CONCAT_INNER(a, b) a##b
#define PARAAT_CONCAT(a, b) PARAAT_CONCAT_INNER(a, b)
#define PARAAT_RETURN_IF_ERROR(expr)                         \
  do {                                                       \
    auto&& paraat_status_ = (expr);                          \
    if (!paraat_status_.ok()) return paraat_status_.take_error(); \
  } while (false)
#define PARAAT_ASSIGN_OR_RETURN(lhs, expr)                                   \
  auto PARAAT_CONCAT(paraat_result_, __LINE__) = (expr);                     \
  if (!PARAAT_CONCAT(paraat_result_, __LINE__).ok())                         \
    return PARAAT_CONCAT(paraat_result_, __LINE__).take_error();             \
  lhs = std::move(PARAAT_CONCAT(paraat_result_, __LINE__)).value()
