// TalkingShops' error shape ({error: {code, message, details}}, "Error Handling" of its page)
// for every answer of its routes that is not a success, whatever raised it.
#pragma once

#include <string>

#include "api/context.hpp"
#include "api/error.hpp"

namespace capi::dialects::talkingshops {

// TalkingShops' name for the core's error code: ValidationError, AuthenticationError,
// NotFoundError and InternalServerError from its page, the others named in its style.
std::string error_code(const api::ApiError& error);

// The body of an error (Endpoint.error_body): the status stays the error's own.
std::string error_body(const api::ApiError& error, const std::string& request_id);

// A handler's own answer to a core 422 (field problems): 400 ValidationError, as the page
// says for invalid parameters, with the same details. Nothing was written: the core checks
// fields before it writes, and a failed answer is never stored for an Idempotency-Key.
api::Reply validation_reply(const api::ApiError& error);

}  // namespace capi::dialects::talkingshops
