// Benchmark data for `customer-api seed`: realistic customers made from a seed, pure and
// deterministic (no clock, no I/O, no randomness but the seed's). What a row looks like:
//  - names in several scripts (Latin with accents, Cyrillic, Greek, Arabic, Devanagari,
//    Chinese, Japanese, Korean), first and last name from per-culture lists; about 25% are
//    businesses (`type` business, name = company name), some individuals have an employer;
//  - a unique, valid, lower-case email for every row: free-mail domains, shared company
//    domains (so that a whole-word search for "globex" finds many), the business's own;
//  - a unique valid mobile number (E.164) for about 92% of rows, in the customer's country
//    (seed/phones.hpp);
//  - country mostly the business's own (about 60%), the rest from the name's culture;
//    currency always the business's; addresses, segment, tags, terms, metadata;
//  - created_at over the three years before `now_ms` (growing over time, in row order, so
//    that ids increase), 10% soft-deleted (deleted_at set: "inactive").
// Emails and phones are unique within one generator's rows (whatever the count), so a
// fresh business takes any count; a second run into the same business collides.
// The names, places and companies come from data/seed/ (seed/tables.hpp); the shares and
// the order of the random draws are here and in seed/identity.cpp and seed/details.cpp.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/address.hpp"
#include "seed/fragments.hpp"
#include "seed/phones.hpp"
#include "seed/random.hpp"

namespace capi::seed {

constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;
constexpr std::int64_t kSpanMs = kDayMs * (3 * 365 + 1);  // three years
constexpr double kInactiveShare = 0.10;
constexpr double kBusinessShare = 0.25;

struct Business {
  std::string id;        // 24 hex characters
  std::string country;   // alpha-2
  std::string currency;  // alpha-3
  int currency_digits = 2;
};

// One generated customer in plaintext, as a client would have sent it (already normalised).
struct Customer {
  std::int64_t index = 0;  // 0-based row number
  std::string id;          // ObjectId-like, its time part the creation second
  std::string type;        // "individual" | "business"
  std::string name;
  std::optional<std::string> company_name;
  std::string email;                 // normalised
  std::optional<std::string> phone;  // E.164
  std::optional<std::string> tax_id;
  std::optional<std::string> website;
  std::string country;  // alpha-2
  std::optional<std::string> segment;
  std::vector<std::string> tags;
  std::optional<domain::Address> billing_address;
  std::optional<domain::Address> shipping_address;
  std::string payment_terms;
  std::optional<std::int64_t> credit_limit_minor;
  std::int32_t discount_rate_hundredths = 0;
  std::optional<std::string> preferred_shipping;
  std::optional<std::string> notes;
  std::map<std::string, std::string> metadata;
  std::int64_t customer_since_ms = 0;
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;
  std::optional<std::int64_t> deleted_ms;
  int version = 1;

  bool active() const { return !deleted_ms.has_value(); }
};

struct Options {
  std::uint64_t seed = 1;
  Business business;
  std::int64_t count = 0;  // rows planned (sizes the phone number blocks)
  std::int64_t now_ms = 0;
};

class Generator {
 public:
  explicit Generator(Options options);
  ~Generator();
  Generator(const Generator&) = delete;
  Generator& operator=(const Generator&) = delete;

  // The next row (index 0, 1, ...).
  Customer next();

  // The phone plan of each region used (for tests and the summary).
  const std::vector<PhoneBlocks>& phone_plan() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace capi::seed
