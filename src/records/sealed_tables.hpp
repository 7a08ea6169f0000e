// Every table that holds sealed columns, with the records that seal its rows: the one list
// that key rotation and `encryption status` go through. A table of personal data adds its
// line here.
#pragma once

#include "crypto/keyring.hpp"
#include "records/contact_records.hpp"
#include "records/customer_records.hpp"
#include "records/idempotency_records.hpp"
#include "records/order_records.hpp"
#include "store/contact_columns.hpp"
#include "store/customer_columns.hpp"
#include "store/idempotency_columns.hpp"
#include "store/order_columns.hpp"

namespace capi::records {

// Calls visit(name, table, records) for each table: `name` is what one row is called
// ("customer"), `table` its store::TableSchema, `records` an object with reseal(Row&).
template <class Visit>
void for_each_sealed_table(const crypto::Keyring& keys, Visit&& visit) {
  visit("customer", store::customer_table(), CustomerRecords(keys));
  visit("contact", store::contact_table(), ContactRecords(keys));
  visit("order", store::order_table(), OrderRecords(keys));
  visit("idempotency record", store::idempotency_table(), IdempotencyRecords(keys));
}

}  // namespace capi::records
