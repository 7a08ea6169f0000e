// Countries: ISO 3166-1 alpha-2 is the stored form; alpha-3 codes and English names are
// accepted on input. All of it comes from ICU's (CLDR's) data, none from tables of ours.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace capi::domain {

// The upper-case alpha-2 code of a country given as
//  - an alpha-2 code in any case ("ke", "KE"), one of ICU's ISO countries (the set
//    is_country_code accepts);
//  - an alpha-3 code in any case ("KEN"), as ICU maps it (uloc_getISO3Country);
//  - an English name as CLDR writes it in any English locale ICU ships, in its long,
//    short and variant forms: "Kenya", "United States", "US", "UK", "Czech Republic",
//    "Ivory Coast", "Saint Lucia", "Bosnia and Herzegovina".
//    Names match ignoring case, accents, punctuation and spacing, "&" matches "and", and
//    a leading "the" is optional ("the Bahamas", "cote d'ivoire", "St Lucia").
// nullopt otherwise. Surrounding white space is ignored.
std::optional<std::string> normalize_country(std::string_view input);

// The English (CLDR "en") name of an alpha-2 code, e.g. "KE" -> "Kenya"; empty when ICU
// has none.
std::string country_english_name(std::string_view alpha2);

// Builds the name index now (about 0.1 s of ICU look-ups) instead of on the first call of
// normalize_country. See preload_reference_data.
void preload_country_names();

}  // namespace capi::domain
