// What the customer handlers share: loading a customer of the caller's business (404
// otherwise), If-Match, the 409 for a taken email or phone, and rendering replies.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/context.hpp"
#include "api/customer_record.hpp"
#include "store/customer_store.hpp"

namespace capi::api {

// The customer named by the path's {id}, of the caller's business; 404 when malformed,
// unknown or another business's (indistinguishable).
store::CustomerRow require_customer(RequestContext& context, store::CustomerStore& customers,
                                    bool for_update);

// 412 when If-Match is given and is not the current version ("3", "\"3\"", W/"3" or *).
void check_if_match(const RequestContext& context, int version);

// Throws the 409 for a unique violation on email or phone, naming the customer that holds
// it; rethrows any other database error.
[[noreturn]] void throw_conflict(const store::DbError& error, RequestContext& context,
                                 store::CustomerStore& customers, const store::CustomerRow& row);

// A single customer (with contacts) as a Reply, with ETag.
Reply customer_reply(RequestContext& context, const CustomerRecords& records,
                     store::CustomerStore& customers, const store::CustomerRow& row, int status,
                     std::string message, const std::vector<std::string>& ignored_fields,
                     std::optional<bool> created = std::nullopt);

// Logs (as an error, with the request and customer ids; never the data) that a customer has
// a ciphertext that failed authentication.
void log_unreadable(const RequestContext& context, const std::string& customer_id);

// {"ignoredFields": [...], "unreadableFields": [...]} or empty when there is nothing to say.
std::string write_meta(const std::vector<std::string>& ignored_fields,
                       const std::vector<std::string>& unreadable_fields);

}  // namespace capi::api
