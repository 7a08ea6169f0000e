#include "api/idempotency.hpp"

#include <algorithm>

#include "api/envelope.hpp"
#include "api/error.hpp"
#include "api/fault_injection.hpp"
#include "log/log.hpp"

namespace capi::api {
namespace {

bool takes_key(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

// What a repeat must match: the path with the query string as sent (?erase=true is another
// request than a soft delete).
std::string target_of(const http::Request& request) {
  if (request.query_string.empty()) return request.path;
  return request.path + "?" + request.query_string;
}

// "Name: value" lines: header names and values never hold a line feed.
std::string headers_text(const http::Response& response) {
  std::string text;
  for (const auto& [name, value] : response.headers) {
    text.append(name).append(": ").append(value).append("\n");
  }
  return text;
}

void add_headers(http::Response& response, std::string_view text) {
  while (!text.empty()) {
    const auto end = std::min(text.find('\n'), text.size());
    const std::string_view line = text.substr(0, end);
    const auto colon = line.find(": ");
    if (colon != std::string_view::npos) {
      response.set_header(std::string(line.substr(0, colon)), std::string(line.substr(colon + 2)));
    }
    text.remove_prefix(std::min(end + 1, text.size()));
  }
}

}  // namespace

std::optional<std::string> idempotency_key_of(const http::Request& request) {
  if (!takes_key(request.method)) return std::nullopt;
  const auto found = request.params.find("HTTP_IDEMPOTENCY_KEY");
  if (!found) return std::nullopt;
  const std::string_view key = *found;
  const bool printable =
      std::all_of(key.begin(), key.end(), [](char ch) { return ch >= 0x20 && ch <= 0x7e; });
  if (key.empty() || key.size() > kMaxIdempotencyKey || !printable) {
    throw ApiError::bad_request("Idempotency-Key must be 1 to " +
                                std::to_string(kMaxIdempotencyKey) + " printable ASCII characters");
  }
  return std::string(key);
}

Idempotency::Idempotency(store::Connection& db, const crypto::Keyring& keys)
    : db_(db), store_(db), records_(keys) {}

http::Response Idempotency::run(const std::string& key, const RequestContext& context,
                                const Handler& handler) const {
  const http::Request& request = context.request;
  store::IdempotencyRow record;
  record.business_id = context.caller->business_id;
  record.id = records_.record_id(record.business_id, key);
  record.method = request.method;
  record.target = target_of(request);
  record.request_digest =
      records_.request_digest(record.business_id, record.method, record.target, request.body);

  store::Connection::Transaction transaction(db_);
  const auto claim = store_.claim(record.business_id, record.id);
  if (!claim.locked) throw ApiError::idempotency_in_progress();
  if (const auto& stored = claim.record) {
    if (stored->request_digest != record.request_digest) throw ApiError::idempotency_key_reused();
    return replay(*stored, context);
  }
  const Reply reply = handler(context);
  http::Response response = reply_response(reply);
  if (response.status >= 200 && response.status <= 299) {
    record.status = response.status;
    record.headers = headers_text(response);
    if (!reply.customer_id.empty()) record.customer_id = reply.customer_id;
    records_.seal_response(record, response.body);
    store_.insert_at_commit(record);
  }
  faults::before_commit(request);
  transaction.commit();
  return response;
}

http::Response Idempotency::replay(const store::IdempotencyRow& stored,
                                   const RequestContext& context) const {
  auto body = records_.open_response(stored);
  if (!body) {
    // Tampered, or sealed under a key that was retired too early: never another answer.
    log::Line(config::LogLevel::kError, "a stored Idempotency-Key answer does not decrypt")
        .field("requestId", context.request_id)
        .emit();
    throw ApiError::internal();
  }
  http::Response response;
  response.status = stored.status;
  response.body = std::move(*body);
  add_headers(response, stored.headers);
  response.set_header("Idempotent-Replayed", "true");
  return response;
}

void Idempotency::purge_if_due() {
  purge_.run_if_due(db_, [this] { return store_.purge_expired(kPurgeBatch); });
}

}  // namespace capi::api
