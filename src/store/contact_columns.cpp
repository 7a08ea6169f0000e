#include "store/contact_columns.hpp"

namespace capi::store {
namespace {

using codec::Nullable;
using R = ContactRow;
using enum ColumnRole;

// In the order of the table; the keys first.
constexpr std::array kContactColumns = {
    column<codec::Text, &R::id>("id", kKey),
    column<codec::Text, &R::business_id>("business_id", kKey),
    column<codec::Text, &R::customer_id>("customer_id", kKey),
    column<codec::Int4, &R::version>("version", kStored),
    column<codec::Text, &R::name>("name", kWritable),
    column<Nullable<codec::Text>, &R::title>("title", kWritable),
    column<Nullable<codec::Bytes>, &R::email_enc>("email_enc", kSealed),
    column<Nullable<codec::Bytes>, &R::phone_enc>("phone_enc", kSealed),
    column<codec::Boolean, &R::is_primary>("is_primary", kWritable),
    column<codec::TimeMs, &R::created_ms>("created_at", kStored),
    column<codec::TimeMs, &R::updated_ms>("updated_at", kStored),
};
static_assert(well_formed(kContactColumns));
static_assert(kContactColumns.size() == member_count<ContactRow>());

}  // namespace

const TableSchema<ContactRow>& contact_table() {
  static const TableSchema<ContactRow> table("customer_contacts", kContactColumns);
  return table;
}

}  // namespace capi::store
