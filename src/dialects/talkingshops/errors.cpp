#include "dialects/talkingshops/errors.hpp"

#include <array>
#include <string_view>
#include <utility>

#include "json/writer.hpp"

namespace capi::dialects::talkingshops {
namespace {

// The core's codes (API.md "Envelope") and TalkingShops' names for them.
constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kCodes = {{
    {"bad_request", "ValidationError"},
    {"validation_error", "ValidationError"},
    {"credit_limit_exceeded", "ValidationError"},
    {"authentication_error", "AuthenticationError"},
    {"permission_denied", "AuthorizationError"},
    {"not_found", "NotFoundError"},
    {"method_not_allowed", "MethodNotAllowedError"},
    {"conflict", "ConflictError"},
    {"idempotency_in_progress", "ConflictError"},
    {"idempotency_key_reused", "IdempotencyKeyReusedError"},
    {"precondition_failed", "PreconditionFailedError"},
    {"payload_too_large", "PayloadTooLargeError"},
    {"unsupported_media_type", "UnsupportedMediaTypeError"},
    {"rate_limited", "RateLimitError"},
}};

std::string body_of(const api::ApiError& error) {
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartObject();
  json::key(writer, "error");
  writer.StartObject();
  json::field(writer, "code", error_code(error));
  json::field(writer, "message", error.message());
  // Always an object, {} when there is nothing to add, as the page prints it.
  json::key(writer, "details");
  writer.StartObject();
  for (const auto& [name, value] : error.details()) json::field(writer, name, value);
  writer.EndObject();
  writer.EndObject();
  writer.EndObject();
  return json::text(buffer);
}

}  // namespace

std::string error_code(const api::ApiError& error) {
  for (const auto& [core, vendor] : kCodes) {
    if (error.code() == core) return std::string(vendor);
  }
  return error.status() == 503 ? "ServiceUnavailableError" : "InternalServerError";
}

std::string error_body(const api::ApiError& error, const std::string& /*request_id*/) {
  // The request id is in the X-Request-ID header of every answer; the page's shape has no
  // member for it.
  return body_of(error);
}

api::Reply validation_reply(const api::ApiError& error) {
  api::Reply reply;
  reply.status = 400;
  reply.headers = error.headers();
  reply.raw_content_type = "application/json; charset=utf-8";
  reply.raw_body = body_of(error);
  return reply;
}

}  // namespace capi::dialects::talkingshops
