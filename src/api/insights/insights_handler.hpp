// The Insights routes of API.md and the customers' stats: GET /v1/customers/stats,
// GET /v1/customers/{id}/analytics, POST /v1/customers/{id}/credit-check and
// GET /v1/customers/{id}/credit-checks. The figures are summed by PostgreSQL
// (store/insight_store.hpp); the rules that judge them are the domain's
// (domain/insight_rules.hpp) and are written down in docs/openapi.yaml.
#pragma once

#include <cstdint>
#include <string>

#include "api/context.hpp"
#include "store/credit_check_store.hpp"
#include "store/customer_store.hpp"
#include "store/insight_store.hpp"

namespace capi::api {

class InsightsHandler final {
 public:
  explicit InsightsHandler(store::Connection& db)
      : db_(db), customers_(db), insights_(db), checks_(db) {}

  Reply stats(const RequestContext& context) const;
  Reply analytics(const RequestContext& context) const;
  Reply credit_check(const RequestContext& context) const;   // POST: compute and store
  Reply credit_checks(const RequestContext& context) const;  // GET: the past ones

 private:
  // The customer named by the path's {id}, of the caller's business; 404 when malformed,
  // unknown or another business's (indistinguishable).
  store::CustomerRow require_customer(const RequestContext& context) const;

  store::Connection& db_;
  store::CustomerStore customers_;
  store::InsightStore insights_;
  store::CreditCheckStore checks_;
};

// The clock the insights read: now, in Unix milliseconds.
std::int64_t insights_now_ms();

}  // namespace capi::api
