#include "domain/currency.hpp"

#include "domain/iso_codes.hpp"
#include "domain/text.hpp"

namespace capi::domain {

std::optional<std::string> normalize_currency(std::string_view input) {
  std::string code = ascii_upper(trim(input));
  if (!is_currency_code(code)) return std::nullopt;
  return code;
}

}  // namespace capi::domain
