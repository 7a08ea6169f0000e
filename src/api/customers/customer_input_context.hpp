// What parse_customer needs beyond a body, as the customer routes give it: the caller's
// business defaults, the stored customer of an update, and the exact text of the body's
// numbers (a request's body, or one row of a bulk import).
#pragma once

#include "api/context.hpp"
#include "domain/customer_input.hpp"
#include "http/json_body.hpp"
#include "store/customer_row.hpp"

namespace capi::api {

inline domain::InputContext input_context(const Caller& caller,
                                          const store::CustomerRow* existing) {
  domain::InputContext input;
  input.business_country = caller.business_country;
  input.business_currency = caller.business_currency;
  if (existing != nullptr) {
    input.existing_country = existing->country;
    input.existing_currency = existing->currency;
  }
  return input;
}

inline domain::NumberTextLookup number_lookup(const http::JsonBody& body) {
  return [&body](const rapidjson::Value& number) { return body.number_text(number); };
}

}  // namespace capi::api
