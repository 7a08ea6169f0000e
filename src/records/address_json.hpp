// An address as the JSON object that is sealed in its column, and back.
#pragma once

#include <optional>
#include <string>

#include "domain/address.hpp"

namespace capi::records {

std::string address_to_json(const domain::Address& address);
std::optional<domain::Address> address_from_json(const std::string& json);

}  // namespace capi::records
