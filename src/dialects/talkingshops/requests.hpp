// TalkingShops' requests as the core takes them: the list's query (its sort names, a default
// page size of 10), the stats' period, and the bodies of create and update.
#pragma once

#include <string>

#include "api/context.hpp"
#include "http/json_body.hpp"
#include "http/query.hpp"

namespace capi::dialects::talkingshops {

// "Get Customers"' query for GET /v1/customers, and its sort as meta.sort shows it.
struct ListQuery {
  http::QueryParams query;
  std::string sort;
};
ListQuery list_query(const http::QueryParams& vendor);

// "Get Customer Statistics": startDate and endDate (ours to add) as the core's from and to.
http::QueryParams stats_query(const http::QueryParams& vendor);

// "Create Customer"'s body for POST /v1/customers: mobile required and read as WhatsApp
// writes it, the name defaulting to the mobile as given (the core requires one).
void create_body(const http::JsonBody& vendor, http::JsonBody& out);

// "Update Customer"'s {updates: {...}} for PATCH /v1/customers/ID: the fields given change.
void update_body(const http::JsonBody& vendor, http::JsonBody& out);

}  // namespace capi::dialects::talkingshops
