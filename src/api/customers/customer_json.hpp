// The JSON a client sees of a customer: money twice (json_fields.hpp), times in RFC 3339 UTC
// with milliseconds, `phone` also shown as `mobile`, the billing address also on one line.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "json/writer.hpp"
#include "records/contact_records.hpp"
#include "records/customer_records.hpp"
#include "store/customer_row.hpp"

namespace capi::api {

// A contact row and its opened personal data, as a single customer's reply lists them.
struct ContactView {
  const store::ContactRow& row;
  const records::OpenedContact& opened;
};

// An address object {line1, ..., country} (absent parts null), or null.
void address_field(json::Writer& writer, const char* name,
                   const std::optional<domain::Address>& address);

// Writes one customer object; `contacts` is written only when given (single reads);
// `extra` may add members at the end (find-or-create's `created`).
void write_customer(json::Writer& writer, const store::CustomerRow& row,
                    const records::OpenedCustomer& opened, const std::vector<ContactView>* contacts,
                    const std::function<void(json::Writer&)>& extra = {});

}  // namespace capi::api
