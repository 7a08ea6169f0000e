#include "store/customer_export_rows.hpp"

#include "store/binary_fields.hpp"
#include "store/columns.hpp"

namespace capi::store {
namespace {

// The columns a customer's export shows, in the order read below (not sort_name, blind
// indexes or the keyset values of the listing: the export needs none of them).
#define CAPI_EXPORT_COLUMNS                                                                    \
  "id, business_id, version, type, name, company_name, email_enc, phone_enc, tax_id_enc,"      \
  " billing_address_enc, shipping_address_enc, website, country, currency, segment, tags,"     \
  " payment_terms, credit_limit_minor, discount_rate_bp, preferred_shipping, notes, metadata," \
  " customer_since, created_at, updated_at, deleted_at, erased_at, order_count,"               \
  " lifetime_value_minor, balance_minor, first_order_at, last_order_at"

enum Field {
  kId,
  kBusinessId,
  kVersion,
  kType,
  kName,
  kCompanyName,
  kEmailEnc,
  kPhoneEnc,
  kTaxIdEnc,
  kBillingEnc,
  kShippingEnc,
  kWebsite,
  kCountry,
  kCurrency,
  kSegment,
  kTags,
  kPaymentTerms,
  kCreditLimit,
  kDiscount,
  kPreferredShipping,
  kNotes,
  kMetadata,
  kCustomerSince,
  kCreatedAt,
  kUpdatedAt,
  kDeletedAt,
  kErasedAt,
  kOrderCount,
  kLifetimeValue,
  kBalance,
  kFirstOrderAt,
  kLastOrderAt,
  kFieldCount,
};

// Planned for the filter's values (the listing's filters; Planning), once per export. The
// cursor lives until the transaction ends.
const Statement& declare_statement() {
  static const std::string sql =
      std::string("DECLARE capi_export NO SCROLL CURSOR FOR SELECT " CAPI_EXPORT_COLUMNS
                  " FROM customers WHERE") +
      kFilter + " ORDER BY created_at, id";
  static const Statement statement{"customer_export_declare", sql.c_str(), Planning::kPerExecution};
  return statement;
}

#undef CAPI_EXPORT_COLUMNS

// FETCH takes its count as a constant, not a parameter.
constexpr Statement kFetch{"customer_export_fetch", "FETCH 500 FROM capi_export", Planning::kReused,
                           ResultFormat::kBinary};
static_assert(CustomerExportRows::kBatch == 500, "kFetch's count");

// The field's bytes into `target` (reusing its capacity), or nullopt for NULL.
void read_optional(const Result& result, int at, int field, std::optional<std::string>& target) {
  if (result.is_null(at, field)) {
    target.reset();
    return;
  }
  const std::string_view bytes = result.text(at, field);
  if (target) {
    target->assign(bytes);
  } else {
    target.emplace(bytes);
  }
}

std::optional<std::int64_t> optional_time(const Result& result, int at, int field) {
  if (result.is_null(at, field)) return std::nullopt;
  return binary_timestamp_ms(result.text(at, field));
}

void read_row(const Result& result, int at, CustomerRow& row) {
  const auto bytes = [&](int field) { return result.text(at, field); };
  row.id.assign(bytes(kId));
  row.business_id.assign(bytes(kBusinessId));
  row.version = binary_int4(bytes(kVersion));
  row.type.assign(bytes(kType));
  row.name.assign(bytes(kName));
  read_optional(result, at, kCompanyName, row.company_name);
  read_optional(result, at, kEmailEnc, row.email_enc);
  read_optional(result, at, kPhoneEnc, row.phone_enc);
  read_optional(result, at, kTaxIdEnc, row.tax_id_enc);
  read_optional(result, at, kBillingEnc, row.billing_address_enc);
  read_optional(result, at, kShippingEnc, row.shipping_address_enc);
  read_optional(result, at, kWebsite, row.website);
  read_optional(result, at, kCountry, row.country);
  row.currency.assign(bytes(kCurrency));
  read_optional(result, at, kSegment, row.segment);
  binary_text_array(bytes(kTags), row.tags);
  row.payment_terms.assign(bytes(kPaymentTerms));
  row.credit_limit_minor = result.is_null(at, kCreditLimit)
                               ? std::nullopt
                               : std::optional(binary_int8(bytes(kCreditLimit)));
  row.discount_rate_hundredths = binary_int4(bytes(kDiscount));
  read_optional(result, at, kPreferredShipping, row.preferred_shipping);
  read_optional(result, at, kNotes, row.notes);
  row.metadata_json.assign(binary_jsonb(bytes(kMetadata)));
  row.customer_since_ms = optional_time(result, at, kCustomerSince);
  row.created_ms = binary_timestamp_ms(bytes(kCreatedAt));
  row.updated_ms = binary_timestamp_ms(bytes(kUpdatedAt));
  row.deleted_ms = optional_time(result, at, kDeletedAt);
  row.erased_ms = optional_time(result, at, kErasedAt);
  row.order_count = binary_int4(bytes(kOrderCount));
  row.lifetime_value_minor = binary_int8(bytes(kLifetimeValue));
  row.balance_minor = binary_int8(bytes(kBalance));
  row.first_order_ms = optional_time(result, at, kFirstOrderAt);
  row.last_order_ms = optional_time(result, at, kLastOrderAt);
}

}  // namespace

CustomerExportRows::CustomerExportRows(Connection& connection, const std::string& business_id,
                                       const ListFilter& filter)
    : connection_(connection) {
  const auto values = filter_values(business_id, filter);
  connection_.exec(declare_statement(), as_params(values));
  connection_.send_ahead(kFetch, {});
}

int CustomerExportRows::next(CustomerRow& row,
                             const std::function<void(const CustomerRow&)>& each) {
  const Result result = connection_.receive();
  if (result.rows() > 0 && result.columns() != kFieldCount) {
    throw DbError(ErrorKind::kOther, "XX000", "export cursor: unexpected columns");
  }
  // The next batch is read while this one is written out; a short batch was the last.
  if (result.rows() == kBatch) connection_.send_ahead(kFetch, {});
  for (int at = 0; at < result.rows(); ++at) {
    read_row(result, at, row);
    each(row);
  }
  return result.rows();
}

}  // namespace capi::store
