#include "api/handlers/operations.hpp"

#include "api/error.hpp"
#include "store/migrations.hpp"

namespace capi::api {
namespace {

constexpr store::Statement kPing{"ops_ping", "SELECT 1"};

}  // namespace

Reply OperationsHandler::healthz(const RequestContext& /*context*/) const {
  Reply reply;
  reply.data = R"({"status":"ok"})";
  return reply;
}

Reply OperationsHandler::readyz(const RequestContext& /*context*/) const {
  bool migrated = false;
  try {
    db_.exec(kPing, {});
    migrated = store::is_migrated(db_, store::embedded_migrations());
  } catch (const store::DbError&) {
    throw ApiError::unavailable();
  }
  if (!migrated) throw ApiError::unavailable("The database schema is not migrated yet", 5);
  Reply reply;
  reply.data = R"({"status":"ready"})";
  return reply;
}

Reply OperationsHandler::metrics(const RequestContext& /*context*/) const {
  Reply reply;
  reply.raw_content_type = "text/plain; version=0.0.4; charset=utf-8";
  if (metrics_ == nullptr) return reply;
  std::vector<Metrics::RouteLabel> labels;
  for (const auto& route : routes_->routes()) labels.push_back({route.method, route.pattern});
  reply.raw_body = metrics_->render(labels, pool_.workers_alive(), pool_.workers_configured());
  return reply;
}

}  // namespace capi::api
