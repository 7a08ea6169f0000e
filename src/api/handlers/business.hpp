// GET /v1/business: the caller's own business, so that a client can check its key.
#pragma once

#include "api/context.hpp"

namespace capi::api {

Reply get_business(RequestContext& context);

}  // namespace capi::api
