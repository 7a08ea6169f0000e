// The response envelope of API.md: {"success":true,"data":...,"message":...,"meta":{...}}
// and {"success":false,"error":{"code","message","details"},"requestId":...}.
#pragma once

#include <string>

#include "api/context.hpp"
#include "api/error.hpp"
#include "http/message.hpp"
#include "json/writer.hpp"

namespace capi::api {

std::string success_body(const Reply& reply);
std::string error_body(const ApiError& error, const std::string& request_id);
// The error object alone, {"code","message","details"}: the envelope's, and a bulk row's.
void write_error(json::Writer& writer, const ApiError& error);

// The whole answer of a handler's reply: status, envelope (or the raw body) and its headers.
http::Response reply_response(const Reply& reply);

// The whole answer to a request that failed: status, envelope and the error's headers.
// `body`, when given, writes the body instead of the envelope (a dialect's error shape).
http::Response error_response(const ApiError& error, const std::string& request_id,
                              std::string (*body)(const ApiError&, const std::string&) = nullptr);

}  // namespace capi::api
