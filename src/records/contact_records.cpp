#include "records/contact_records.hpp"

namespace capi::records {
namespace {

// Field names in associated data: stable, never renamed.
constexpr const char* kEmail = "email";
constexpr const char* kPhone = "phone";

constexpr std::array<SealedField<store::ContactRow>, 2> kSealed = {{
    {kEmail, &store::ContactRow::email_enc},
    {kPhone, &store::ContactRow::phone_enc},
}};

}  // namespace

void ContactRecords::apply(const domain::ContactDraft& draft, store::ContactRow& row) const {
  if (draft.name.has_value()) row.name = draft.name.value;
  if (draft.title.given()) row.title = draft.title.optional();
  if (draft.email.given()) {
    row.email_enc = sealer_.seal(row.business_id, row.id, kEmail, draft.email.optional());
  }
  if (draft.phone.given()) {
    row.phone_enc = sealer_.seal(row.business_id, row.id, kPhone, draft.phone.optional());
  }
  if (draft.is_primary.given()) row.is_primary = draft.is_primary.optional().value_or(false);
}

OpenedContact ContactRecords::open(const store::ContactRow& row) const {
  OpenedContact opened;
  opened.email = sealer_.open(row.business_id, row.id, kEmail, row.email_enc, opened.unreadable);
  opened.phone = sealer_.open(row.business_id, row.id, kPhone, row.phone_enc, opened.unreadable);
  return opened;
}

Resealed ContactRecords::reseal(store::ContactRow& row) const {
  return sealer_.reseal(row, kSealed);
}

}  // namespace capi::records
