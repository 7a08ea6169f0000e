// The response envelope of API.md: {"success":true,"data":...,"message":...,"meta":{...}}
// and {"success":false,"error":{"code","message","details"},"requestId":...}.
#pragma once

#include <string>

#include "api/context.hpp"
#include "api/error.hpp"

namespace capi::api {

std::string success_body(const Reply& reply);
std::string error_body(const ApiError& error, const std::string& request_id);

}  // namespace capi::api
