#include "domain/reference_data.hpp"

#include "domain/country.hpp"
#include "domain/phone.hpp"

namespace capi::domain {

void preload_reference_data() {
  preload_country_names();
  preload_phone_metadata();
}

}  // namespace capi::domain
