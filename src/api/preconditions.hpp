// Versioned resources: the ETag of a version and the If-Match check of PUT, PATCH and DELETE.
#pragma once

#include <string>

#include "api/context.hpp"

namespace capi::api {

// `"<version>"`.
std::string etag(int version);

// 412 when If-Match is given and is not the current version ("3", "\"3\"", W/"3" or *).
void check_if_match(const RequestContext& context, int version);

}  // namespace capi::api
