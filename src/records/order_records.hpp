// Between an order's shipping address (domain) and its sealed column (store): sealed like the
// customer's addresses, bound to (business, order id, "shippingAddress").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/address.hpp"
#include "records/sealer.hpp"
#include "store/order_row.hpp"

namespace capi::records {

struct OpenedOrder {
  std::optional<domain::Address> shipping_address;
  std::vector<std::string> unreadable;  // API field names that did not authenticate
};

class OrderRecords {
 public:
  explicit OrderRecords(const crypto::Keyring& keys) : sealer_(keys) {}

  // Seals `address` (nullopt clears it) into the row; its id and business must be set.
  void set_shipping_address(const std::optional<domain::Address>& address,
                            store::OrderRow& row) const;
  OpenedOrder open(const store::OrderRow& row) const;
  // Seals again with the active key (key rotation).
  Resealed reseal(store::OrderRow& row) const;

 private:
  Sealer sealer_;
};

}  // namespace capi::records
