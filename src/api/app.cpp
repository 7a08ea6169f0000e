#include "api/app.hpp"

#include <algorithm>
#include <chrono>

#include "api/envelope.hpp"
#include "api/fault_injection.hpp"
#include "api/idempotency.hpp"
#include "domain/object_id.hpp"
#include "http/fcgi_io.hpp"
#include "http/json_rows.hpp"
#include "http/queue_wait.hpp"
#include "log/log.hpp"
#include "store/index_upkeep.hpp"

namespace capi::api {
namespace {

bool is_sane_request_id(std::string_view id) {
  return !id.empty() && id.size() <= 128 &&
         std::all_of(id.begin(), id.end(), [](char ch) { return ch >= 0x20 && ch <= 0x7e; });
}

// Reads and parses the body a route takes; throws the 413/415/400 the contract names. A
// bulk body (kJsonRows) is only read here: its handler cuts it into rows.
void read_json_body(FCGX_Request& fcgi, http::Request& request, const Endpoint& endpoint,
                    http::JsonBody& body) {
  const auto content_type = request.param("CONTENT_TYPE");
  if (!http::read_request_body(fcgi, request, endpoint.body_limit)) {
    throw ApiError::payload_too_large(endpoint.body_limit);
  }
  if (endpoint.body == BodyKind::kJsonRows) {
    if (!http::rows_format(content_type)) {
      throw ApiError::unsupported_media_type(
          "The body must be sent as Content-Type: application/json (an array) or "
          "application/x-ndjson (one object a line)");
    }
    if (request.body.empty()) throw ApiError::bad_request("A body is required");
    return;
  }
  if (!is_json_content_type(content_type)) {
    throw ApiError::unsupported_media_type(
        "The body must be sent as Content-Type: application/json");
  }
  if (request.body.empty()) throw ApiError::bad_request("A JSON body is required");
  if (const auto error = http::parse_json_body(request.body, body)) {
    throw ApiError::bad_request(error->message);
  }
  if (endpoint.body == BodyKind::kJsonObject && !body.document.IsObject()) {
    throw ApiError::bad_request("The body must be a JSON object");
  }
}

// Runs one attempt (the handler, or a keyed request's whole transaction), again after a
// serialization failure or a deadlock (its transaction was rolled back, so nothing of the
// attempt remains), at most kAttempts times in all; the last failure becomes 503 with
// Retry-After.
constexpr int kAttempts = 3;

template <class Attempt>
http::Response run_attempts(const RequestContext& context, const Attempt& attempt_once) {
  for (int attempt = 1;; ++attempt) {
    try {
      faults::before_attempt(context.request, attempt);
      return attempt_once();
    } catch (const store::DbError& error) {
      if (error.kind() != store::ErrorKind::kRetryable || attempt == kAttempts) throw;
      log::Line(config::LogLevel::kWarn, "retrying after a retryable database error")
          .field("requestId", context.request_id)
          .field("sqlstate", error.sqlstate())
          .field("attempt", attempt)
          .emit();
    }
  }
}

// nginx's auth_request for a bulk body (nginx/customer-api-locations.conf): the request's
// head alone, sent before nginx reads a body of up to 16 MiB, so that an unknown caller is
// refused without one. The parameter comes only from nginx's configuration: a client's
// headers arrive as HTTP_*, never under this name. Nothing runs and no budget is charged:
// the request itself follows, and is charged then.
bool is_authorization_only(const http::Request& request) {
  return request.param("CAPI_AUTHORIZE_ONLY") == "1";
}

http::Response authorized_response() {
  http::Response response;
  response.status = 204;
  return response;
}

}  // namespace

bool App::waited_too_long(const http::Request& request, const Routes::Match& match) const {
  if (config_.queue_timeout.count() == 0) return false;
  // Health and metrics answer whatever the load: they are how the load is seen.
  if (match.route != nullptr && match.route->handler.access == Access::kPublic) return false;
  const auto waited =
      http::queue_wait(request.param("REQUEST_START"), std::chrono::system_clock::now());
  return waited && *waited > config_.queue_timeout;
}

void App::charge_budget(const Caller& caller) {
  const std::int64_t hosts = config_.rate_limit_hosts;
  const std::int64_t share = (std::int64_t{caller.rate_limit} + hosts - 1) / hosts;
  const auto decision = buckets_.take(caller.key_id, share, config_.rate_limit_window,
                                      std::chrono::steady_clock::now().time_since_epoch());
  if (!decision) {
    log::Line(config::LogLevel::kError, "the rate-limit table is full: restart the pool")
        .field("slots", static_cast<long long>(limits::TokenBuckets::kDefaultSlots))
        .emit();
    throw ApiError::unavailable();
  }
  budget_ = *decision;
  if (!decision->allowed) throw ApiError::rate_limited(decision->retry_after_seconds);
}

bool is_json_content_type(std::string_view type) {
  const auto semicolon = type.find(';');
  std::string_view media = type.substr(0, semicolon);
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  std::string lower(media);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return lower == "application/json";
}

std::string choose_request_id(const http::Request& request) {
  const auto client = request.param("HTTP_X_REQUEST_ID");
  if (is_sane_request_id(client)) return std::string(client);
  const auto proxy = request.param("REQUEST_ID");
  if (is_sane_request_id(proxy)) return std::string(proxy);
  return domain::new_random_id();
}

App::App(const config::Config& config, const server::PoolView& pool, Metrics* metrics,
         limits::TokenBuckets& buckets, std::shared_ptr<const crypto::Keyring> keys)
    : config_(config),
      pool_(pool),
      metrics_(metrics),
      buckets_(buckets),
      keys_(std::move(keys)),
      db_(config.database_url, "customer-api",
          store::SessionLimits{config.db_statement_timeout, config.db_lock_timeout,
                               config.db_idle_in_transaction_timeout, config.db_peer_timeout}),
      auth_(db_, config.rate_limit_default,
            FailedKeyLimit{&buckets, config.failed_key_limit, config.rate_limit_window}),
      api_({db_, *keys_, metrics, pool}),
      idempotency_(db_, *keys_),
      figures_(db_) {
  // The master's locks on the key pages do not survive fork(): this worker takes its own.
  if (!keys_->lock_in_memory()) log::warn("the keys could not be locked in memory (mlock)");
}

http::Response App::handle(FCGX_Request& fcgi, http::Request& request,
                           const std::string& request_id, const Routes::Match& match) {
  if (match.route == nullptr) {
    if (match.allow.empty()) throw ApiError::not_found();
    throw ApiError::method_not_allowed(match.allow);
  }
  const Endpoint& endpoint = match.route->handler;

  std::optional<Caller> caller;
  if (endpoint.access != Access::kPublic) {
    caller = auth_.authenticate(request);
    if (is_authorization_only(request)) return authorized_response();
    // Before anything else runs: a refused request has no effect. With rate_limits = off
    // nothing is charged and budget_ stays empty (no X-RateLimit-* headers).
    if (config_.rate_limits) charge_budget(*caller);
    if (endpoint.access == Access::kWrite && caller->read_only) {
      throw ApiError::permission_denied("This API key is read-only");
    }
  }
  const auto query = http::parse_query(request.query_string);
  if (!query) throw ApiError::bad_request("The query string is malformed");
  if (caller) {
    const auto business_id = query->get("businessId");
    if (business_id && *business_id != caller->business_id) {
      throw ApiError::permission_denied("businessId is not the business of this API key");
    }
  }

  // Checked on every route that takes one; kept only by routes with an effect.
  const auto idempotency_key = caller ? idempotency_key_of(request) : std::nullopt;

  http::JsonBody body;
  if (endpoint.body != BodyKind::kNone) read_json_body(fcgi, request, endpoint, body);

  const RequestContext context{request,
                               match.params,
                               *query,
                               request_id,
                               caller ? &*caller : nullptr,
                               endpoint.body == BodyKind::kJsonObject ? &body : nullptr};
  const bool keyed = idempotency_key && keeps_idempotency_key(endpoint);
  http::Response response = run_attempts(context, [&] {
    return keyed ? idempotency_.run(*idempotency_key, context, endpoint.handler)
                 : reply_response(endpoint.handler(context));
  });
  faults::after_handling(request);
  response.stream = faults::streamed(request, std::move(response.stream));
  if (response.stream) {
    // A stream that keeps sending is healthy however long it takes (an export of a million
    // customers): each piece restarts the request's deadline, so request_timeout only kills a
    // stream that stopped moving.
    response.stream = [inner = std::move(response.stream), this](const http::BodySink& sink) {
      inner([&](std::string_view piece) {
        sink(piece);
        pool_.made_progress();
      });
    };
  }
  return response;
}

void App::after_response() {
  idempotency_.purge_if_due();
  figures_.compact_if_due();
  gin_lists_.run_if_due(db_, [this] { return store::fold_gin_pending_lists(db_); });
}

void App::serve(FCGX_Request& fcgi) {
  const auto started = std::chrono::steady_clock::now();
  http::Request request = http::read_request_head(fcgi);
  const std::string request_id = choose_request_id(request);
  const auto match = api_.routes().find(request.method, request.path);
  const std::string route = match.route ? match.route->pattern : std::string("(unmatched)");

  db_.drop_if_closed();
  budget_.reset();
  // A dialect's route answers its errors in its vendor's shape; an unmatched path, the API's.
  const ErrorBody error_shape = match.route ? match.route->handler.error_body : nullptr;
  http::Response response;
  try {
    faults::before_handling(request);
    if (waited_too_long(request, match)) {
      // Every worker was busy for longer than a client should wait: the client has likely
      // given up or will retry, so answering at once drains the queue instead of doing
      // work nobody reads. Nothing of the request ran.
      throw ApiError::unavailable("Every worker is busy; retry shortly", 1);
    }
    response = handle(fcgi, request, request_id, match);
  } catch (const ApiError& error) {
    response = error_response(error, request_id, error_shape);
  } catch (const store::DbError& error) {
    const bool unavailable = error.kind() == store::ErrorKind::kUnavailable ||
                             error.kind() == store::ErrorKind::kRetryable;
    log::Line(config::LogLevel::kError, "database error")
        .field("requestId", request_id)
        .field("route", route)
        .field("sqlstate", error.sqlstate())
        .field("error", error.what())
        .emit();
    if (metrics_ != nullptr) metrics_->count_database_error();
    response = error_response(unavailable ? ApiError::unavailable() : ApiError::internal(),
                              request_id, error_shape);
  } catch (const std::exception& error) {
    log::Line(config::LogLevel::kError, "unhandled error")
        .field("requestId", request_id)
        .field("route", route)
        .field("error", error.what())
        .emit();
    response = error_response(ApiError::internal(), request_id, error_shape);
  }
  response.set_header("X-Request-ID", request_id);
  response.set_header("Cache-Control", "no-store");
  if (budget_) {  // every authenticated answer, errors included
    response.set_header("X-RateLimit-Limit", std::to_string(budget_->limit));
    response.set_header("X-RateLimit-Remaining", std::to_string(budget_->remaining));
    response.set_header("X-RateLimit-Reset", std::to_string(budget_->reset_seconds));
  }
  try {
    http::write_response(fcgi, response, request.method == "HEAD");
  } catch (const std::exception& error) {
    // A streamed body failed after its head was sent: the status cannot change any more, so
    // the connection is cut and the client sees the answer end short, never a whole-looking
    // partial export.
    log::Line(config::LogLevel::kError, "a streamed answer stopped part-way")
        .field("requestId", request_id)
        .field("route", route)
        .field("error", error.what())
        .emit();
    http::abort_response(fcgi);
  }

  const auto elapsed = std::chrono::steady_clock::now() - started;
  const double duration_ms =
      std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count() / 1000.0;
  if (metrics_ != nullptr) {
    metrics_->observe(
        match.route ? static_cast<int>(match.route - api_.routes().routes().data()) : -1,
        response.status, duration_ms);
  }
  if (log::enabled(config::LogLevel::kInfo)) {
    log::Line line(config::LogLevel::kInfo, "request");
    line.field("requestId", request_id)
        .field("method", request.method)
        .field("route", route)
        .field("status", response.status);
    json::key(line.writer(), "durationMs");
    line.writer().Double(duration_ms);
    line.emit();
  }
}

}  // namespace capi::api
