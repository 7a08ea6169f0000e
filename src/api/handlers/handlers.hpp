// One handler object per resource, made once per worker: each owns its stores and records
// and answers its routes (routes.cpp binds their methods).
#pragma once

#include "api/customers/customers_handler.hpp"
#include "api/handlers/business.hpp"
#include "api/handlers/operations.hpp"

namespace capi::api {

struct Handlers {
  OperationsHandler operations;
  BusinessHandler business;
  CustomersHandler customers;
};

}  // namespace capi::api
