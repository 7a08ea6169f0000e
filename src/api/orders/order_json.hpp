// The JSON a client sees of an order: money twice (json_fields.hpp) in the order's currency,
// times in RFC 3339 UTC with milliseconds, the figures derived from the stored amounts
// (balanceDue, paymentStatus) by the domain's rules.
#pragma once

#include <vector>

#include "json/writer.hpp"
#include "records/order_records.hpp"
#include "store/order_row.hpp"

namespace capi::api {

// Writes one order object; `items` are written only when given (single reads and writes).
void write_order(json::Writer& writer, const store::OrderRow& row,
                 const records::OpenedOrder& opened, const std::vector<store::OrderItemRow>* items);

}  // namespace capi::api
