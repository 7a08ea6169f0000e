// The rest of a row: tax id, segment, tags, addresses, terms, extras, history and id.
#include <algorithm>

#include "seed/row_parts.hpp"

namespace capi::seed::detail {
namespace {

// One of `values` by a roll in [0, 1): the first whose cumulative share exceeds it; none
// past the last.
std::optional<std::string> by_share(double roll,
                                    const std::vector<std::pair<double, const char*>>& values) {
  for (const auto& [upto, value] : values) {
    if (roll < upto) return std::string(value);
  }
  return std::nullopt;
}

domain::Address make_address(const CountryProfile& profile, const std::string& country, Rng& rng) {
  const City& city = rng.pick(profile.cities);
  std::string line1 = profile.line1;
  line1 = replace_all(line1, "{s}", rng.pick(profile.streets));
  line1 = replace_all(line1, "{n}", std::to_string(rng.between(1, 240)));
  line1 = replace_all(line1, "{m}", std::to_string(rng.between(1, 9)));
  domain::Address address;
  address.line1 = std::move(line1);
  if (rng.chance(0.25)) {
    static const std::vector<std::string> units = {"Apt {n}", "Suite {n}", "Floor {n}", "Unit {n}",
                                                   "Building {n}"};
    address.line2 = replace_all(rng.pick(units), "{n}", std::to_string(rng.between(1, 40)));
  }
  address.city = city.name;
  address.state = city.state;
  address.postal_code = fill_pattern(profile.postal, rng);
  address.country = country;
  return address;
}

}  // namespace

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

std::string fill_pattern(std::string_view pattern, Rng& rng) {
  std::string text;
  for (const char ch : pattern) {
    if (ch == '#') {
      text += static_cast<char>('0' + rng.below(10));
    } else if (ch == 'A') {
      text += static_cast<char>('A' + rng.below(26));
    } else {
      text += ch;
    }
  }
  return text;
}

void fill_tax_and_segment(Customer& customer, bool is_business, Rng& rng) {
  if (rng.chance(is_business ? 0.8 : 0.08)) {
    customer.tax_id = customer.country == "KE"
                          ? "P0" + fill_pattern("########", rng) + fill_pattern("A", rng)
                          : customer.country + fill_pattern("#########", rng);
  }
  const double roll = rng.unit();
  customer.segment =
      is_business
          ? by_share(roll,
                     {{0.40, "wholesale"}, {0.60, "retail"}, {0.70, "premium"}, {0.75, "vip"}})
          : by_share(roll,
                     {{0.40, "retail"}, {0.55, "premium"}, {0.61, "vip"}, {0.65, "wholesale"}});
}

void fill_tags(Customer& customer, const Tables& tables, Rng& rng) {
  const double roll = rng.unit();
  const int count = roll < 0.45 ? 0 : roll < 0.75 ? 1 : roll < 0.93 ? 2 : 3;
  for (int i = 0; i < count; ++i) {
    const std::string& tag = rng.pick(tables.tags);
    if (std::find(customer.tags.begin(), customer.tags.end(), tag) == customer.tags.end())
      customer.tags.push_back(tag);
  }
}

void fill_addresses(Customer& customer, bool is_business, const Tables& tables, Rng& rng) {
  if (!rng.chance(is_business ? 0.95 : 0.8)) return;
  const CountryProfile& profile = tables.profile_of(customer.country);
  customer.billing_address = make_address(profile, customer.country, rng);
  const double shipping_roll = rng.unit();
  if (shipping_roll < 0.45) {
    customer.shipping_address = customer.billing_address;
  } else if (shipping_roll < 0.60) {
    customer.shipping_address = make_address(profile, customer.country, rng);
  }
}

void fill_terms(Customer& customer, bool is_business, int currency_digits, Rng& rng) {
  static const std::vector<std::string> individual_terms = {
      "due_on_receipt", "due_on_receipt", "net_30", "net_30", "net_30", "net_7", "net_15"};
  static const std::vector<std::string> business_terms = {"net_30", "net_30", "net_30",
                                                          "net_60", "net_45", "net_15",
                                                          "net_7",  "net_90", "due_on_receipt"};
  customer.payment_terms = rng.pick(is_business ? business_terms : individual_terms);
  if (rng.chance(is_business ? 0.7 : 0.1)) {
    static const std::vector<std::int64_t> business_limits = {1000,  2500,  5000,   10000,
                                                              25000, 50000, 100000, 250000};
    static const std::vector<std::int64_t> individual_limits = {200, 500, 1000, 2000, 5000};
    customer.credit_limit_minor =
        rng.pick(is_business ? business_limits : individual_limits) * pow10(currency_digits);
  }
  if (rng.chance(0.12)) {
    static const std::vector<std::int32_t> discounts = {250, 500, 750, 1000, 1250, 1500, 2000};
    customer.discount_rate_hundredths = rng.pick(discounts);
  }
}

void fill_extras(Customer& customer, const Culture& culture, Rng& rng) {
  if (rng.chance(0.2)) {
    static const std::vector<std::string> shipping = {
        "DHL Express",   "FedEx International", "G4S Courier", "Store pickup",
        "Standard post", "Same-day courier",    "UPS Ground"};
    customer.preferred_shipping = rng.pick(shipping);
  }
  if (rng.chance(0.06)) {
    static const std::vector<std::string> notes = {
        "Prefers WhatsApp over email.",
        "VAT-exempt: certificate on file.",
        "Call before delivery; gate code at reception.",
        "Pays by bank transfer at month end.",
        "Met at the 2025 trade fair.\nInterested in bulk pricing.",
        "Do not send paper invoices."};
    customer.notes = rng.pick(notes);
  }
  static const std::vector<std::string> sources = {"web",    "web",      "pos",
                                                   "import", "referral", "mobile-app"};
  customer.metadata["source"] = rng.pick(sources);
  if (rng.chance(0.4)) customer.metadata["externalRef"] = "CRM-" + fill_pattern("######", rng);
  if (rng.chance(0.2)) customer.metadata["preferredLanguage"] = culture.language;
}

void fill_history(Customer& customer, std::int64_t now_ms, Rng& rng) {
  customer.customer_since_ms = rng.chance(0.2)
                                   ? customer.created_ms - rng.between(kDayMs, kDayMs * 5 * 365)
                                   : customer.created_ms;
  customer.updated_ms = customer.created_ms;
  if (rng.chance(0.45) && now_ms > customer.created_ms) {
    customer.updated_ms = rng.between(customer.created_ms, now_ms);
    customer.version += static_cast<int>(rng.between(1, 4));
  }
  if (rng.chance(kInactiveShare)) {
    customer.deleted_ms = rng.between(customer.updated_ms, std::max(now_ms, customer.updated_ms));
    customer.updated_ms = *customer.deleted_ms;
    customer.version += 1;
  }
}

std::string object_id(std::int64_t created_ms, const std::string& id_random, std::int64_t index) {
  const auto seconds = static_cast<std::uint32_t>(created_ms / 1000);
  std::string raw;
  for (int shift = 24; shift >= 0; shift -= 8) raw += static_cast<char>((seconds >> shift) & 0xff);
  raw += id_random;
  raw.back() = static_cast<char>(static_cast<unsigned char>(raw.back()) ^
                                 static_cast<unsigned char>((index >> 24) & 0xff));
  for (int shift = 16; shift >= 0; shift -= 8) raw += static_cast<char>((index >> shift) & 0xff);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id;
  for (const char byte : raw) {
    id += kHex[(static_cast<unsigned char>(byte) >> 4) & 0xf];
    id += kHex[static_cast<unsigned char>(byte) & 0xf];
  }
  return id;
}

}  // namespace capi::seed::detail
