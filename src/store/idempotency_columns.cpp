#include "store/idempotency_columns.hpp"

namespace capi::store {
namespace {

using codec::Nullable;
using R = IdempotencyRow;
using enum ColumnRole;

// In the order of the table; the keys first. IdempotencyStore::insert lists the inserted
// ones in this order.
constexpr std::array kIdempotencyColumns = {
    column<codec::Text, &R::id>("id", kKey),
    column<codec::Text, &R::business_id>("business_id", kKey),
    column<codec::Text, &R::method>("method", kWritable),
    column<codec::Text, &R::target>("target", kWritable),
    column<codec::Text, &R::request_digest>("request_digest", kWritable),
    column<codec::Int4, &R::status>("status", kWritable),
    column<codec::Text, &R::headers>("headers", kWritable),
    column<Nullable<codec::Bytes>, &R::response_enc>("response_enc", kSealed),
    column<Nullable<codec::Text>, &R::customer_id>("customer_id", kWritable),
    column<codec::TimeMs, &R::created_ms>("created_at", kStored),
};
static_assert(well_formed(kIdempotencyColumns));
static_assert(kIdempotencyColumns.size() == member_count<IdempotencyRow>());

}  // namespace

const TableSchema<IdempotencyRow>& idempotency_table() {
  static const TableSchema<IdempotencyRow> table("idempotency_records", kIdempotencyColumns);
  return table;
}

}  // namespace capi::store
