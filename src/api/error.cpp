#include "api/error.hpp"

namespace capi::api {

ApiError ApiError::bad_request(std::string message) {
  return ApiError(400, "bad_request", std::move(message));
}

ApiError ApiError::unauthenticated(std::string message) {
  return ApiError(401, "authentication_error", std::move(message))
      .with_header("WWW-Authenticate", "Bearer");
}

ApiError ApiError::permission_denied(std::string message) {
  return ApiError(403, "permission_denied", std::move(message));
}

ApiError ApiError::not_found() {
  return ApiError(404, "not_found", "The requested resource was not found");
}

ApiError ApiError::method_not_allowed(const std::vector<std::string>& allow) {
  std::string methods;
  for (const auto& method : allow) {
    if (!methods.empty()) methods += ", ";
    methods += method;
  }
  return ApiError(405, "method_not_allowed", "This path does not support that method; see Allow")
      .with_header("Allow", methods);
}

ApiError ApiError::payload_too_large(std::size_t limit) {
  return ApiError(413, "payload_too_large",
                  "The request body is larger than " + std::to_string(limit / 1024) + " KiB");
}

ApiError ApiError::unsupported_media_type(std::string message) {
  return ApiError(415, "unsupported_media_type", std::move(message));
}

ApiError ApiError::conflict(std::string message, Details details) {
  return ApiError(409, "conflict", std::move(message), std::move(details));
}

ApiError ApiError::precondition_failed(std::string message) {
  return ApiError(412, "precondition_failed", std::move(message));
}

ApiError ApiError::validation(Details details) {
  return ApiError(422, "validation_error", "There are problems with your submission",
                  std::move(details));
}

ApiError ApiError::credit_limit_exceeded(Details details) {
  return ApiError(422, "credit_limit_exceeded",
                  "This order would take the customer's balance over its credit limit",
                  std::move(details));
}

ApiError ApiError::idempotency_in_progress() {
  return ApiError(409, "idempotency_in_progress",
                  "A request with this Idempotency-Key is still running; retry shortly");
}

ApiError ApiError::idempotency_key_reused() {
  return ApiError(422, "idempotency_key_reused",
                  "This Idempotency-Key was used with another method, path or body",
                  {{"Idempotency-Key", "was used with another method, path or body"}});
}

ApiError ApiError::rate_limited(std::int64_t retry_after_seconds) {
  return ApiError(429, "rate_limited",
                  "This API key is over its request budget; retry after " +
                      std::to_string(retry_after_seconds) + " s")
      .with_header("Retry-After", std::to_string(retry_after_seconds));
}

ApiError ApiError::unavailable(std::string message, int retry_after_seconds) {
  return ApiError(503, "unavailable", std::move(message))
      .with_header("Retry-After", std::to_string(retry_after_seconds));
}

ApiError ApiError::internal() {
  return ApiError(500, "internal_error", "An unexpected error occurred; it has been logged");
}

}  // namespace capi::api
