// What a handler gets: the request, its route's path parameters and query, who is calling,
// the parsed body, and the database connection of this worker.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "crypto/keyring.hpp"
#include "http/json_body.hpp"
#include "http/message.hpp"
#include "http/query.hpp"
#include "http/router.hpp"
#include "store/connection.hpp"

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
  store::Connection& db;
  const crypto::Keyring& keys;
};

// A handler's answer: the rendered `data` JSON, optional `meta` object and message; the
// envelope around them is added in one place (envelope.hpp).
struct Reply {
  int status = 200;
  std::string data;     // JSON text
  std::string meta;     // JSON object text, or empty
  std::string message;  // "Customer created successfully", or empty
  std::vector<std::pair<std::string, std::string>> headers;
  // For the few answers that are not JSON (/metrics): sent as they are, without envelope.
  std::string raw_content_type;
  std::string raw_body;
};

}  // namespace capi::api
