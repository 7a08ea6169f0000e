// Phone numbers: any common notation in, E.164 out, with Google's libphonenumber (its
// metadata knows every numbering plan; we keep none of our own).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace capi::domain {

struct PhoneResult {
  std::optional<std::string> e164;  // "+254712345678" when accepted
  std::string error;                // the field message otherwise
};

// Normalises `input` to E.164.
//  - A number written with its country code ("+254 712 345 678", "+1 (212) 736-5000",
//    "00254...") needs no region. One in national notation ("0712345678",
//    "919876543210") is read in `default_region` (ISO 3166-1 alpha-2, any case; empty when
//    there is none, and then only international notation parses).
//  - Accepted when libphonenumber finds the number *possible* for its region (right
//    length): it is kept even when not "valid" (an unassigned range), because numbering
//    plans change faster than the metadata we ship. A number that is only possible as a
//    local number, without its area code ("736-5000" in the US), is refused: its E.164
//    form would be wrong.
//  - A number with an extension ("... ext. 12") is refused: E.164 has no place for it,
//    and dropping it silently would merge different contacts into one.
// Errors: "must be a valid phone number", "must not have an extension".
PhoneResult normalize_phone(std::string_view input, std::string_view default_region);

// Loads libphonenumber's metadata now (about 10 ms) instead of on the first call of
// normalize_phone. See preload_reference_data.
void preload_phone_metadata();

}  // namespace capi::domain
