// The pieces of one generated row (internal to the generator). Each takes the row's random
// stream and draws from it in a fixed order: the order of the calls in Generator::next()
// and within each function is what makes a seed give the same rows, so change it only on
// purpose (tests/unit/seed_tables_test.cpp pins rows of a seed).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "seed/generator.hpp"
#include "seed/random.hpp"
#include "seed/tables.hpp"

namespace capi::seed::detail {

std::string replace_all(std::string text, std::string_view from, std::string_view to);

// `pattern` with each '#' a random digit and each 'A' a random capital letter.
std::string fill_pattern(std::string_view pattern, Rng& rng);

// ---- Who (seed/identity.cpp)

// The person behind a row (a business's owner: its name is made from theirs).
struct Person {
  const Culture* culture = nullptr;
  const Name* first = nullptr;
  std::string last_display;  // with the feminine ending where the culture has one
  std::string last_ascii;
  bool latin = false;  // writes the name in Latin letters
};

// An email address before it is made unique.
struct EmailParts {
  std::string local;
  std::string domain;
};

Person pick_person(const Culture& culture, Rng& rng);

// A business row: name and company name, website; returns its email address.
EmailParts fill_business(Customer& customer, const Person& owner, const CountryProfile& profile,
                         const Tables& tables, Rng& rng);

// An individual row: name, maybe an employer; returns the email address.
EmailParts fill_individual(Customer& customer, const Person& person, const Tables& tables,
                           Rng& rng);

// ---- The rest of the record (seed/details.cpp)

void fill_tax_and_segment(Customer& customer, bool is_business, Rng& rng);
void fill_tags(Customer& customer, const Tables& tables, Rng& rng);
void fill_addresses(Customer& customer, bool is_business, const Tables& tables, Rng& rng);
void fill_terms(Customer& customer, bool is_business, int currency_digits, Rng& rng);
void fill_extras(Customer& customer, const Culture& culture, Rng& rng);
// Imported customers were customers before; some rows were edited; 10% are deleted.
void fill_history(Customer& customer, std::int64_t now_ms, Rng& rng);

// The id: its creation second, 5 bytes of the seed and business, a 3-byte row counter
// (rows beyond 2^24 change the last of the 5 bytes).
std::string object_id(std::int64_t created_ms, const std::string& id_random, std::int64_t index);

}  // namespace capi::seed::detail
