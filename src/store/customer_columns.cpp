#include "store/customer_columns.hpp"

namespace capi::store {
namespace {

using codec::Nullable;
using R = CustomerRow;
using enum ColumnRole;

// In the order of the table; the keys first.
constexpr std::array kCustomerColumns = {
    column<codec::Text, &R::id>("id", kKey),
    column<codec::Text, &R::business_id>("business_id", kKey),
    column<codec::Int4, &R::version>("version", kStored),
    column<codec::Text, &R::type>("type", kWritable),
    column<codec::Text, &R::name>("name", kWritable),
    column<Nullable<codec::Text>, &R::company_name>("company_name", kWritable),
    column<Nullable<codec::Bytes>, &R::email_enc>("email_enc", kSealed),
    column<Nullable<codec::Text>, &R::email_index>("email_index", kWritable),
    column<codec::TextArray, &R::email_tokens>("email_tokens", kWritable),
    column<Nullable<codec::Bytes>, &R::phone_enc>("phone_enc", kSealed),
    column<Nullable<codec::Text>, &R::phone_index>("phone_index", kWritable),
    column<Nullable<codec::Bytes>, &R::tax_id_enc>("tax_id_enc", kSealed),
    column<Nullable<codec::Bytes>, &R::billing_address_enc>("billing_address_enc", kSealed),
    column<Nullable<codec::Bytes>, &R::shipping_address_enc>("shipping_address_enc", kSealed),
    column<Nullable<codec::Text>, &R::website>("website", kWritable),
    column<Nullable<codec::Text>, &R::country>("country", kWritable),
    column<codec::Text, &R::currency>("currency", kWritable),
    column<Nullable<codec::Text>, &R::segment>("segment", kWritable),
    column<codec::TextArray, &R::tags>("tags", kWritable),
    column<codec::Text, &R::payment_terms>("payment_terms", kWritable),
    column<Nullable<codec::Int8>, &R::credit_limit_minor>("credit_limit_minor", kWritable),
    column<codec::Int4, &R::discount_rate_hundredths>("discount_rate_bp", kWritable),
    column<Nullable<codec::Text>, &R::preferred_shipping>("preferred_shipping", kWritable),
    column<Nullable<codec::Text>, &R::notes>("notes", kWritable),
    column<codec::Jsonb, &R::metadata_json>("metadata", kWritable),
    // NULL means "the creation time" (an import may set an earlier one).
    column<Nullable<codec::TimeMs>, &R::customer_since_ms>("customer_since", kWritable)
        .null_means("now()", "created_at"),
    column<codec::TimeMs, &R::created_ms>("created_at", kStored),
    column<codec::TimeMs, &R::updated_ms>("updated_at", kStored),
    column<Nullable<codec::TimeMs>, &R::deleted_ms>("deleted_at", kStored),
    column<Nullable<codec::TimeMs>, &R::erased_ms>("erased_at", kStored),
    column<codec::Int4, &R::order_count>("order_count", kStored),
    column<codec::Int8, &R::lifetime_value_minor>("lifetime_value_minor", kStored),
    column<codec::Int8, &R::balance_minor>("balance_minor", kStored),
    column<Nullable<codec::TimeMs>, &R::first_order_ms>("first_order_at", kStored),
    column<Nullable<codec::TimeMs>, &R::last_order_ms>("last_order_at", kStored),
    // The sort values of keyset cursors, exactly as the listing compares them.
    column<codec::Text, &R::sort_name>("sort_name", kReadOnly),
    column<codec::Int8, &R::created_us>("(extract(epoch FROM created_at) * 1000000)::bigint",
                                        kReadOnly),
    column<codec::Int8, &R::updated_us>("(extract(epoch FROM updated_at) * 1000000)::bigint",
                                        kReadOnly),
    column<codec::Int8, &R::last_order_us>(
        "COALESCE((extract(epoch FROM last_order_at) * 1000000)::bigint, -1)", kReadOnly),
};
static_assert(well_formed(kCustomerColumns));
// Every member of CustomerRow but `contacts` is a column: a member added without its line
// above (or a line without its member) fails here.
static_assert(kCustomerColumns.size() + 1 == member_count<CustomerRow>());

}  // namespace

const TableSchema<CustomerRow>& customer_table() {
  static const TableSchema<CustomerRow> table("customers", kCustomerColumns);
  return table;
}

}  // namespace capi::store
