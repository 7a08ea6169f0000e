#include "records/order_records.hpp"

#include "records/address_json.hpp"

namespace capi::records {
namespace {

// The field name in associated data: stable, never renamed.
constexpr const char* kShipping = "shippingAddress";

constexpr std::array<SealedField<store::OrderRow>, 1> kSealed = {{
    {kShipping, &store::OrderRow::shipping_address_enc},
}};

}  // namespace

void OrderRecords::set_shipping_address(const std::optional<domain::Address>& address,
                                        store::OrderRow& row) const {
  const std::optional<std::string> plaintext =
      address ? std::optional(address_to_json(*address)) : std::nullopt;
  row.shipping_address_enc = sealer_.seal(row.business_id, row.id, kShipping, plaintext);
}

OpenedOrder OrderRecords::open(const store::OrderRow& row) const {
  OpenedOrder opened;
  if (const auto shipping = sealer_.open(row.business_id, row.id, kShipping,
                                         row.shipping_address_enc, opened.unreadable)) {
    opened.shipping_address = address_from_json(*shipping);
  }
  return opened;
}

Resealed OrderRecords::reseal(store::OrderRow& row) const {
  return sealer_.reseal(row, kSealed);
}

}  // namespace capi::records
