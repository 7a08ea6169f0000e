// GET /v1/business: the caller's own business, so that a client can check its key.
#pragma once

#include "api/context.hpp"
#include "store/business_store.hpp"

namespace capi::api {

class BusinessHandler final {
 public:
  explicit BusinessHandler(store::Connection& db) : businesses_(db) {}

  Reply get(const RequestContext& context) const;

 private:
  store::BusinessStore businesses_;
};

}  // namespace capi::api
