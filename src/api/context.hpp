// What a handler gets: the request, its route's path parameters and query, who is calling,
// and the parsed body. What it works with (stores, records) it owns: see handlers/.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "http/json_body.hpp"
#include "http/message.hpp"
#include "http/query.hpp"
#include "http/router.hpp"

namespace capi::api {

// The authenticated caller: an API key of one business.
struct Caller {
  std::string business_id;
  std::string key_id;
  bool read_only = false;
  int rate_limit = 0;  // requests per minute
  std::string business_currency;
  std::string business_country;
};

struct RequestContext {
  const http::Request& request;
  const http::PathParams& path;
  const http::QueryParams& query;
  const std::string& request_id;
  const Caller* caller;        // null on public routes
  const http::JsonBody* body;  // null unless the route takes a JSON body
};

// A handler's answer: the rendered `data` JSON, optional `meta` object and message; the
// envelope around them is added in one place (envelope.hpp).
struct Reply {
  int status = 200;
  std::string data;     // JSON text
  std::string meta;     // JSON object text, or empty
  std::string message;  // "Customer created successfully", or empty
  std::vector<std::pair<std::string, std::string>> headers;
  // The customer whose data the answer shows (empty: none): an Idempotency-Key's record of
  // it is destroyed when that customer is erased.
  std::string customer_id;
  // For the few answers that are not JSON (/metrics): sent as they are, without envelope.
  std::string raw_content_type;
  std::string raw_body;
  // Or a body made while it is sent (exports), of raw_content_type.
  http::BodyStream raw_stream;
};

}  // namespace capi::api
