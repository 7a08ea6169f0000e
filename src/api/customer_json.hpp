// The JSON a client sees of a customer and its contacts. Money is written twice (decimal
// with exactly the currency's decimals, and integer minor units with the `Minor` suffix);
// times are RFC 3339 UTC with milliseconds; `phone` is also shown as `mobile`.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "api/customer_record.hpp"
#include "json/writer.hpp"
#include "store/customer_store.hpp"

namespace capi::api {

struct ContactView {
  const store::ContactRow& row;
  const OpenedContact& opened;
};

void write_contact(json::Writer& writer, const ContactView& contact);

// Writes one customer object; `contacts` is written only when given (single reads);
// `extra` may add members at the end (find-or-create's `created`).
void write_customer(json::Writer& writer, const store::CustomerRow& row,
                    const OpenedCustomer& opened, const std::vector<ContactView>* contacts,
                    const std::function<void(json::Writer&)>& extra = {});

// `"<version>"`, the ETag of a versioned resource.
std::string etag(int version);

}  // namespace capi::api
