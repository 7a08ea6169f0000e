// How a dialect reaches the core: one of the core's own routes, run for the vendor request's
// caller with translated path, query and body. Everything App does before a handler runs
// (authentication, the key's budget, Idempotency-Key, the body's limits and parsing) was
// done once, for the vendor request: a dialect adds no second path through any rule.
#pragma once

#include <string>
#include <string_view>

#include "api/context.hpp"
#include "api/endpoint.hpp"
#include "http/json_body.hpp"
#include "http/query.hpp"
#include "json/writer.hpp"
#include "store/connection.hpp"

namespace capi::dialects {

class Core {
 public:
  // `routes`: the worker's whole table, read only when a dialect calls (it may be built
  // after this object); `db`: the worker's connection, for atomically().
  Core(const api::Routes& routes, store::Connection& db) : routes_(routes), db_(db) {}

  // The core's answer to METHOD PATH (a core path such as /v1/customers/ID) with `query` and
  // `body` (null: none). Its errors are thrown as the core throws them (api::ApiError).
  api::Reply call(const api::RequestContext& vendor, std::string_view method,
                  const std::string& path, const http::QueryParams& query,
                  const http::JsonBody* body) const;

  // Runs `calls` (several core calls that make one vendor request) in one transaction: all
  // of their effects, or none.
  template <class Calls>
  api::Reply atomically(const Calls& calls) const {
    store::Connection::Transaction transaction(db_);
    api::Reply reply = calls();
    transaction.commit();
    return reply;
  }

 private:
  const api::Routes& routes_;
  store::Connection& db_;
};

// The core's path of the customer a vendor route names by its {id}: /v1/customers/ID.
std::string customer_path(const api::RequestContext& vendor);

// A vendor's name for a field -> the core's (the name itself when they agree).
using RenameKey = std::string (*)(std::string_view vendor_name);

// Writes `value`, a value of `source`'s document, as JSON: numbers keep their source text
// (money is read from its digits); every object key at any depth goes through `rename`
// when given, except inside `metadata`, whose keys are the client's own.
void write_value(json::Writer& writer, const http::JsonBody& source, const rapidjson::Value& value,
                 RenameKey rename = nullptr);

// Parses `text` (JSON a dialect wrote from a vendor body that was itself parsed within the
// limits) into `out`, the body a core handler takes. The one way it can fail is a field
// given under two of its names (`customeremail` and `customerEmail`): 400.
void parse_translated(std::string_view text, http::JsonBody& out);

}  // namespace capi::dialects
