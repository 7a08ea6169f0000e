// The customer routes of API.md ("Customers"). Each handler reads like the operation:
// parse -> validate (domain) -> one transaction (store) -> render.
#pragma once

#include "api/context.hpp"

namespace capi::api {

Reply create_customer(RequestContext& context);
Reply get_customer(RequestContext& context);
Reply update_customer(RequestContext& context);  // PUT and PATCH
Reply delete_customer(RequestContext& context);  // soft delete, or erasure with ?erase=true
Reply restore_customer(RequestContext& context);
Reply find_or_create_customer(RequestContext& context);
Reply list_customers(RequestContext& context);
Reply search_customers(RequestContext& context);
Reply lookup_customer(RequestContext& context);

}  // namespace capi::api
