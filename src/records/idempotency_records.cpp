#include "records/idempotency_records.hpp"

#include <array>

namespace capi::records {
namespace {

// Field names in associated data and HMACs: stable, never renamed.
constexpr const char* kKey = "idempotencyKey";
constexpr const char* kRequest = "idempotencyRequest";
constexpr const char* kResponse = "response";

constexpr std::array<SealedField<store::IdempotencyRow>, 1> kSealed = {{
    {kResponse, &store::IdempotencyRow::response_enc},
}};

}  // namespace

std::string IdempotencyRecords::record_id(const std::string& business_id,
                                          std::string_view key) const {
  return sealer_.blind_index(business_id, kKey, std::string(key));
}

std::string IdempotencyRecords::request_digest(const std::string& business_id,
                                               std::string_view method, std::string_view target,
                                               std::string_view body) const {
  // Neither a method nor a request target holds a line feed: the parts cannot run together.
  std::string request;
  request.reserve(method.size() + target.size() + body.size() + 2);
  request.append(method).append(1, '\n').append(target).append(1, '\n').append(body);
  return sealer_.blind_index(business_id, kRequest, request);
}

void IdempotencyRecords::seal_response(store::IdempotencyRow& row, const std::string& body) const {
  row.response_enc = sealer_.seal(row.business_id, row.id, kResponse, body);
}

std::optional<std::string> IdempotencyRecords::open_response(
    const store::IdempotencyRow& row) const {
  std::vector<std::string> unreadable;
  return sealer_.open(row.business_id, row.id, kResponse, row.response_enc, unreadable);
}

Resealed IdempotencyRecords::reseal(store::IdempotencyRow& row) const {
  return sealer_.reseal(row, kSealed);
}

}  // namespace capi::records
