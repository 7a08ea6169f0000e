// What the route table maps a method and path to: who may call it, which body it takes,
// and the handler that answers.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include "api/context.hpp"
#include "api/error.hpp"
#include "http/router.hpp"

namespace capi::api {

constexpr std::size_t kBodyLimit = std::size_t{1024} * 1024;           // 1 MiB
constexpr std::size_t kBulkBodyLimit = std::size_t{16} * 1024 * 1024;  // 16 MiB (import)

enum class Access {
  kPublic,  // no key (health, metrics)
  kRead,    // any valid key
  kWrite,   // a read_write key
};

enum class BodyKind {
  kNone,        // a body, if any, is ignored
  kJsonObject,  // a JSON object is required
  kJsonRows,    // a JSON array or NDJSON (http/json_rows.hpp), read by the handler row by row
};

using Handler = std::function<Reply(const RequestContext&)>;

// How a route's errors are written: the error's body for `request_id` (null: the API's
// envelope). A vendor dialect (src/dialects/) answers its errors in its vendor's shape,
// whatever raised them: authentication, the budget, the body, or a core handler.
using ErrorBody = std::string (*)(const ApiError& error, const std::string& request_id);

struct Endpoint {
  Access access;
  BodyKind body;
  Handler handler;
  std::size_t body_limit = kBodyLimit;
  ErrorBody error_body = nullptr;
};

// Whether a route keeps API.md's Idempotency-Key promise: every route with an effect, which
// is every write route, those to come included. Decided here, from the table, never per
// handler; App::handle wraps such a route's keyed requests (api/idempotency.hpp).
constexpr bool keeps_idempotency_key(const Endpoint& endpoint) {
  return endpoint.access == Access::kWrite;
}

using Routes = http::Router<Endpoint>;

// A handler object's method as a route's handler; the object outlives the route table.
template <class Resource>
Handler bind(const Resource& resource, Reply (Resource::*method)(const RequestContext&) const) {
  return [&resource, method](const RequestContext& context) { return (resource.*method)(context); };
}

}  // namespace capi::api
