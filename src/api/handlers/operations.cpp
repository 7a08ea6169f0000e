#include "api/handlers/operations.hpp"

#include "api/error.hpp"
#include "store/migrations.hpp"

namespace capi::api {
namespace {

constexpr store::Statement kPing{"ops_ping", "SELECT 1"};

}  // namespace

Reply healthz(RequestContext& /*context*/) {
  Reply reply;
  reply.data = R"({"status":"ok"})";
  return reply;
}

Reply readyz(RequestContext& context) {
  try {
    context.db.exec(kPing, {});
    if (!store::is_migrated(context.db, store::embedded_migrations())) {
      throw ApiError(503, "unavailable", "The database schema is not migrated yet")
          .with_header("Retry-After", "5");
    }
  } catch (const store::DbError&) {
    throw ApiError::unavailable();
  }
  Reply reply;
  reply.data = R"({"status":"ready"})";
  return reply;
}

Reply metrics(RequestContext& /*context*/, const Metrics* metrics,
              const std::vector<Metrics::RouteLabel>& routes, const server::PoolView& pool) {
  Reply reply;
  reply.raw_content_type = "text/plain; version=0.0.4; charset=utf-8";
  if (metrics != nullptr) {
    reply.raw_body = metrics->render(routes, pool.workers_alive(), pool.workers_configured());
  }
  return reply;
}

}  // namespace capi::api
