#include "store/order_columns.hpp"

namespace capi::store {
namespace {

using codec::Nullable;
using R = OrderRow;
using enum ColumnRole;

// In the order of the table; the keys first.
constexpr std::array kOrderColumns = {
    column<codec::Text, &R::id>("id", kKey),
    column<codec::Text, &R::business_id>("business_id", kKey),
    column<codec::Text, &R::customer_id>("customer_id", kKey),
    column<codec::Int4, &R::version>("version", kStored),
    column<codec::Text, &R::order_number>("order_number", kWritable),
    column<codec::Text, &R::status>("status", kWritable),
    column<codec::Text, &R::currency>("currency", kWritable),
    column<codec::TimeMs, &R::order_date_ms>("order_date", kWritable),
    column<codec::TimeMs, &R::due_date_ms>("due_date", kWritable),
    column<Nullable<codec::TimeMs>, &R::ship_date_ms>("ship_date", kWritable),
    column<Nullable<codec::TimeMs>, &R::delivery_date_ms>("delivery_date", kWritable),
    column<codec::Int8, &R::subtotal_minor>("subtotal_minor", kWritable),
    column<codec::Int8, &R::discount_minor>("discount_minor", kWritable),
    column<codec::Int8, &R::total_minor>("total_minor", kWritable),
    column<codec::Int8, &R::amount_paid_minor>("amount_paid_minor", kWritable),
    column<Nullable<codec::TimeMs>, &R::paid_at_ms>("paid_at", kWritable),
    column<codec::Int4, &R::items_count>("items_count", kWritable),
    column<Nullable<codec::Bytes>, &R::shipping_address_enc>("shipping_address_enc", kSealed),
    column<codec::TimeMs, &R::created_ms>("created_at", kStored),
    column<codec::TimeMs, &R::updated_ms>("updated_at", kStored),
};
static_assert(well_formed(kOrderColumns));
static_assert(kOrderColumns.size() == member_count<OrderRow>());

}  // namespace

const TableSchema<OrderRow>& order_table() {
  static const TableSchema<OrderRow> table("orders", kOrderColumns);
  return table;
}

}  // namespace capi::store
