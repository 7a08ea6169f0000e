// The worker's application: the route table, the checks every request passes in the order
// API.md fixes (route, authentication, permission, then body and parameters), the envelope,
// the access log line. One instance per worker process, owning its database connection.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "api/api_routes.hpp"
#include "api/auth.hpp"
#include "api/chore.hpp"
#include "api/context.hpp"
#include "api/endpoint.hpp"
#include "api/idempotency.hpp"
#include "api/insights/figures_compaction.hpp"
#include "api/metrics.hpp"
#include "config/config.hpp"
#include "crypto/keyring.hpp"
#include "limits/token_buckets.hpp"
#include "server/pool.hpp"
#include "store/connection.hpp"

namespace capi::api {

class App final : public server::WorkerApp {
 public:
  // `buckets`: the host's rate-limit table, mapped by the master before it forked.
  App(const config::Config& config, const server::PoolView& pool, Metrics* metrics,
      limits::TokenBuckets& buckets, std::shared_ptr<const crypto::Keyring> keys);
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  void serve(FCGX_Request& fcgi) override;
  // Housekeeping once the answer is out: expired Idempotency-Key records, and the stats
  // figures' change log folded.
  void after_response() override;

 private:
  // True when the request queued for a worker longer than queue_timeout (API routes only).
  bool waited_too_long(const http::Request& request, const Routes::Match& match) const;
  // Takes a token from the caller's budget (this host's share of it); throws 429 when the
  // bucket is empty. The decision is kept for the response's X-RateLimit-* headers.
  void charge_budget(const Caller& caller);
  http::Response handle(FCGX_Request& fcgi, http::Request& request, const std::string& request_id,
                        const Routes::Match& match);

  config::Config config_;
  const server::PoolView& pool_;
  Metrics* metrics_;
  limits::TokenBuckets& buckets_;
  std::optional<limits::Decision> budget_;  // this request's, once authenticated
  std::shared_ptr<const crypto::Keyring> keys_;
  store::Connection db_;
  Authenticator auth_;
  ApiRoutes api_;
  Idempotency idempotency_;
  FiguresCompaction figures_;
  // Folds the GIN indexes' pending lists (sql/014), which every search and filtered listing
  // reads whole: every 2 seconds, so that a list holds what 2 seconds of writes add.
  Chore gin_lists_{std::chrono::seconds{2}, "folded the GIN indexes' pending lists",
                   "folding the GIN indexes' pending lists failed"};
};

// A sane client request id (1-128 printable ASCII), else nginx's, else a new one.
std::string choose_request_id(const http::Request& request);

// CONTENT_TYPE names JSON: "application/json", any case, parameters after ';' allowed.
bool is_json_content_type(std::string_view type);

}  // namespace capi::api
