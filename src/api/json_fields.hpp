// Fields every resource writes the same way: times as RFC 3339 UTC with milliseconds, money
// twice (a decimal with exactly the currency's decimals, and integer minor units with the
// `Minor` suffix).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "json/writer.hpp"

namespace capi::api {

void time_field(json::Writer& writer, const char* name, const std::optional<std::int64_t>& ms);
void money_fields(json::Writer& writer, std::string_view name, std::int64_t minor, int digits);
// Both null when there is no amount.
void money_fields(json::Writer& writer, std::string_view name,
                  const std::optional<std::int64_t>& minor, int digits);

}  // namespace capi::api
