// The customer body's structured fields (tags, metadata, money, contacts): the pieces
// of parse_customer that are more than one string. Rules: see customer_input.hpp.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "domain/contact_input.hpp"
#include "domain/field.hpp"
#include "domain/input_reader.hpp"

namespace capi::domain {

Field<std::vector<std::string>> read_tags(ObjectReader& reader, std::string_view key);

Field<std::map<std::string, std::string>> read_metadata(ObjectReader& reader, std::string_view key);

// A decimal amount with `digits` decimals (parse_money), as minor units.
Field<std::int64_t> read_money(ObjectReader& reader, std::string_view key, int digits,
                               const NumberTextLookup& number_text);

// An integer amount of minor units (parse_minor_units).
Field<std::int64_t> read_minor_units(ObjectReader& reader, std::string_view key,
                                     const NumberTextLookup& number_text);

// A percentage (parse_percent), in hundredths.
Field<std::int32_t> read_percent(ObjectReader& reader, std::string_view key,
                                 const NumberTextLookup& number_text);

// The create body's contacts; at most one primary.
std::vector<ContactDraft> read_contacts(ObjectReader& reader, std::string_view key,
                                        std::string_view phone_region);

}  // namespace capi::domain
