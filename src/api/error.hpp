// The API's typed errors: each carries the status, the public code and message, optional
// per-field details, and headers; built in one place so every error answer looks the same.
#pragma once

#include <cstdint>
#include <exception>
#include <string>
#include <utility>
#include <vector>

namespace capi::api {

class ApiError : public std::exception {
 public:
  using Details = std::vector<std::pair<std::string, std::string>>;

  const char* what() const noexcept override { return message_.c_str(); }
  int status() const { return status_; }
  const std::string& code() const { return code_; }
  const std::string& message() const { return message_; }
  const Details& details() const { return details_; }
  const std::vector<std::pair<std::string, std::string>>& headers() const { return headers_; }

  ApiError& with_header(std::string name, std::string value) {
    headers_.emplace_back(std::move(name), std::move(value));
    return *this;
  }

  static ApiError bad_request(std::string message);
  static ApiError unauthenticated(std::string message);
  static ApiError permission_denied(std::string message);
  static ApiError not_found();
  static ApiError method_not_allowed(const std::vector<std::string>& allow);
  static ApiError payload_too_large(std::size_t limit);
  static ApiError unsupported_media_type(std::string message);
  static ApiError conflict(std::string message, Details details = {});
  static ApiError precondition_failed(std::string message);
  static ApiError validation(Details details);
  // A new order would take the customer's balance over its credit limit (422).
  static ApiError credit_limit_exceeded(Details details);
  // Idempotency-Key: the same key's first request is still running (409); the key was used
  // with another method, path or body (422).
  static ApiError idempotency_in_progress();
  static ApiError idempotency_key_reused();
  // Over the key's budget; a token is back after `retry_after_seconds`.
  static ApiError rate_limited(std::int64_t retry_after_seconds);
  // The database is down or overloaded; retry after `retry_after_seconds`.
  static ApiError unavailable(std::string message =
                                  "The service is temporarily unavailable; "
                                  "retry shortly",
                              int retry_after_seconds = 1);
  static ApiError internal();

 private:
  // Only through the factories above: one per code, so every answer of a code looks alike.
  ApiError(int status, std::string code, std::string message, Details details = {})
      : status_(status),
        code_(std::move(code)),
        message_(std::move(message)),
        details_(std::move(details)) {}

  int status_;
  std::string code_;
  std::string message_;
  Details details_;
  std::vector<std::pair<std::string, std::string>> headers_;
};

}  // namespace capi::api
