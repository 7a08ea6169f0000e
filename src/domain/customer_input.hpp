// Customers as written by clients: the rules of a POST, PUT or PATCH /v1/customers body.
// Pure: it validates and normalises; uniqueness, encryption and storage are the caller's.
//
// Rules (API.md, "Customers"), with the choices the contract leaves open:
//  - Text fields are trimmed and counted in characters; an empty string is read as null;
//    single-line fields refuse control characters, `notes` and metadata values may hold
//    \t \n \r. Wrong JSON types are "must be a string" / "must be a number" / ...
//  - type: individual | business. name: required on create, 1-200; an update may not
//    clear it. companyName <= 200. taxId <= 50 (alias tin). preferredShipping <= 50.
//    notes <= 5000.
//  - email: normalize_email. phone: normalize_phone, national notation read in the
//    body's `country`, else the stored customer's, else the business's (alias mobile;
//    when both are given they must be the same number, else an error on `mobile`; the
//    same for taxId and tin, error on `tin`). A create needs email or phone: error on
//    `email`, "email or phone is required".
//  - website: is_http_url. country: normalize_country. currency: normalize_currency.
//  - segment: <= 50, lowercased, then only a-z, 0-9, '_' and '-'.
//  - tags: an array of strings, each trimmed, 1-50 characters; duplicates dropped (first
//    kept); at most 20 distinct tags. null clears them.
//  - billingAddress / shippingAddress: read_address (a given address replaces the whole
//    stored one). `address` is a one-line billing address: used as billingAddress.line1
//    when billingAddress is absent; when both are given, billingAddress wins and
//    `address` is listed as ignored. `address: null` clears the billing address.
//  - paymentTerms: due_on_receipt | net_7 | net_15 | net_30 | net_45 | net_60 | net_90.
//  - creditLimit: a JSON number (not a string) >= 0 with at most the currency's decimals,
//    read exactly from its text; creditLimitMinor: the same in integer minor units; when
//    both are given they must agree (error on `creditLimitMinor`). null: no limit.
//    The currency is the body's `currency`, else the stored customer's, else the business's.
//  - discountRate: a JSON number 0-100 with at most two decimals (parse_percent).
//  - Defaults: type individual, currency the business's, paymentTerms net_30 and
//    discountRate 0 are filled in on create; on either mode, null on one of these four
//    sets the default (they cannot be empty).
//  - metadata: a flat object of at most 50 keys, keys 1-40 characters without control
//    characters, values strings of at most 500 characters (numbers, booleans, null,
//    objects and arrays are refused, "must be a string", rather than converted). Values
//    are kept as sent (not trimmed). A given metadata object replaces the stored one;
//    null clears it.
//  - customerSince: an RFC 3339 date-time or a plain date (00:00Z), on create and on
//    update (to correct an import); null means "the creation time".
//  - contacts: create only, an array of at most 100 contact objects (read_contact), at
//    most one with isPrimary true (error on `contacts`). On update it is ignored: the
//    contacts routes change contacts, and a PUT of a fetched customer carries them.
//  - Read-only fields (id, version, createdAt, updatedAt, deletedAt, isActive,
//    accountBalance, accountBalanceMinor, metrics) and unknown fields, at the top and
//    inside addresses and contacts, are not errors: they are listed in ignored_fields.
#pragma once

#include <rapidjson/document.h>

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/address.hpp"
#include "domain/contact_input.hpp"
#include "domain/field.hpp"

namespace capi::domain {

constexpr std::size_t kMaxCustomerNameLength = 200;
constexpr std::size_t kMaxTags = 20;
constexpr std::size_t kMaxTagEntries = 100;  // array entries, duplicates included
constexpr std::size_t kMaxTagLength = 50;
constexpr std::size_t kMaxMetadataKeys = 50;
constexpr std::size_t kMaxMetadataKeyLength = 40;
constexpr std::size_t kMaxMetadataValueLength = 500;
constexpr std::size_t kMaxContactsPerCustomer = 100;

// The values of the enumerated fields, and the defaults a create (or a null) takes.
inline constexpr std::array<std::string_view, 2> kCustomerTypes = {"individual", "business"};
inline constexpr std::array<std::string_view, 7> kPaymentTerms = {
    "due_on_receipt", "net_7", "net_15", "net_30", "net_45", "net_60", "net_90"};
inline constexpr std::string_view kDefaultCustomerType = "individual";
inline constexpr std::string_view kDefaultPaymentTerms = "net_30";

// What the parser needs to know beyond the body.
struct InputContext {
  std::string business_country;                  // alpha-2; may be empty
  std::string business_currency;                 // alpha-3
  std::optional<std::string> existing_country;   // update: the stored customer's
  std::optional<std::string> existing_currency;  // update: the stored customer's
  std::optional<std::string> default_name;       // create: the name when the body has none
};

struct CustomerDraft {
  Field<std::string> type;  // "individual" | "business"
  Field<std::string> name;
  Field<std::string> company_name;
  Field<std::string> email;  // normalised
  Field<std::string> phone;  // E.164, from `phone` or `mobile`
  Field<std::string> tax_id;
  Field<std::string> website;
  Field<std::string> country;   // alpha-2
  Field<std::string> currency;  // alpha-3
  Field<std::string> segment;
  Field<std::vector<std::string>> tags;
  Field<Address> billing_address;
  Field<Address> shipping_address;
  Field<std::string> payment_terms;
  Field<std::int64_t> credit_limit_minor;        // in `money_currency`'s minor units
  Field<std::int32_t> discount_rate_hundredths;  // 12.5% -> 1250
  Field<std::string> preferred_shipping;
  Field<std::string> notes;
  Field<std::map<std::string, std::string>> metadata;
  Field<std::int64_t> customer_since_ms;  // Unix milliseconds
  std::vector<ContactDraft> contacts;     // create only

  std::string money_currency;  // the currency creditLimit was read in
};

struct CustomerInput {
  CustomerDraft draft;
  FieldErrors errors;                       // empty when the body is acceptable
  std::vector<std::string> ignored_fields;  // for meta.ignoredFields
};

// Parses a customer body; `body` must be a JSON object (the route checks that first).
// `number_text` gives the exact text of the JSON numbers (creditLimit, discountRate, ...).
CustomerInput parse_customer(const rapidjson::Value& body, Mode mode, const InputContext& context,
                             const NumberTextLookup& number_text);

}  // namespace capi::domain
