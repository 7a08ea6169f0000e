#include "seed/generator.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "seed/row_parts.hpp"
#include "seed/tables.hpp"

namespace capi::seed {
namespace {

constexpr double kHomeCountryShare = 0.85;    // people of the business country's cultures
constexpr double kAbroadCountryShare = 0.40;  // the others living there
constexpr double kPhoneShareIndividual = 0.90;
constexpr double kPhoneShareBusiness = 0.97;
constexpr int kHomeBoost = 60;

bool lists_country(const Culture& culture, const std::string& country) {
  return std::find(culture.countries.begin(), culture.countries.end(), country) !=
         culture.countries.end();
}

std::vector<std::string> other_countries(const Culture& culture, const std::string& business) {
  std::vector<std::string> others;
  for (const auto& code : culture.countries) {
    if (code != business) others.push_back(code);
  }
  return others;
}

// The suffix that makes an address unique: counters 1.. become numbers that look random,
// 10-99 first, then 100-999, and so on (one bijection per width).
std::string email_number(std::uint64_t counter, std::uint64_t key) {
  std::int64_t first = 1;
  std::int64_t width_size = 90;
  std::int64_t low = 10;
  auto c = static_cast<std::int64_t>(counter);
  while (c >= first + width_size) {
    first += width_size;
    width_size *= 10;
    low *= 10;
  }
  const Scramble scramble(width_size, key + static_cast<std::uint64_t>(low));
  return std::to_string(low + scramble(c - first));
}

// When a row was created: in row order over the three years before now, more of them lately.
std::int64_t creation_time(std::int64_t index, std::int64_t count, std::int64_t now_ms, Rng& rng) {
  const double x =
      (static_cast<double>(index) + rng.unit()) / static_cast<double>(count);  // [0, 1)
  const double along = 0.5 * x + 0.5 * std::sqrt(x);
  return std::min(now_ms - kSpanMs + static_cast<std::int64_t>(along * kSpanMs), now_ms);
}

}  // namespace

struct Generator::State {
  Options options;
  const Tables& tables = seed::tables();
  std::uint64_t seed_key = 0;
  std::string id_random;  // 5 bytes
  std::int64_t next_index = 0;
  std::vector<int> culture_weights;  // with the business country's cultures boosted
  int total_weight = 0;
  std::vector<bool> home;  // culture i lists the business country
  std::vector<RegionPhones> regions;
  std::vector<PhoneBlocks> plan;
  std::unordered_map<std::uint64_t, std::uint32_t> email_counts;

  void weigh_cultures();
  void plan_phones();
  std::size_t pick_culture(Rng& rng) const;
  std::string pick_country(std::size_t culture, Rng& rng) const;
  std::string unique_email(const detail::EmailParts& email);
  RegionPhones* region(const std::string& code);
};

void Generator::State::weigh_cultures() {
  for (const auto& culture : tables.cultures) {
    const bool at_home = lists_country(culture, options.business.country);
    home.push_back(at_home);
    culture_weights.push_back(culture.weight + (at_home ? kHomeBoost : 0));
    total_weight += culture_weights.back();
  }
}

// Enough numbers for each country's expected share of the rows (plus a margin).
void Generator::State::plan_phones() {
  const std::string& country = options.business.country;
  std::map<std::string, double> shares;
  for (std::size_t i = 0; i < tables.cultures.size(); ++i) {
    const double weight = static_cast<double>(culture_weights[i]) / total_weight;
    const double at_home = home[i] ? kHomeCountryShare : kAbroadCountryShare;
    const auto others = other_countries(tables.cultures[i], country);
    shares[country] += weight * (others.empty() ? 1.0 : at_home);
    for (const auto& code : others)
      shares[code] += weight * (1.0 - at_home) / static_cast<double>(others.size());
  }
  for (const auto& [code, share] : shares) {
    const auto needed =
        static_cast<std::int64_t>(std::ceil(static_cast<double>(options.count) * share * 1.1)) +
        1000;
    regions.emplace_back(find_phone_blocks(code, needed), seed_key);
    plan.push_back(regions.back().blocks());
  }
}

std::size_t Generator::State::pick_culture(Rng& rng) const {
  auto roll = static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(total_weight)));
  std::size_t culture = 0;
  while (roll >= culture_weights[culture]) roll -= culture_weights[culture++];
  return culture;
}

// Mostly the business's country for its own cultures, less for the others.
std::string Generator::State::pick_country(std::size_t culture, Rng& rng) const {
  const auto others = other_countries(tables.cultures[culture], options.business.country);
  const double at_home = home[culture] ? kHomeCountryShare : kAbroadCountryShare;
  return others.empty() || rng.chance(at_home) ? options.business.country : rng.pick(others);
}

// The n-th use of an address gets a number (names hold no digits, so the number cannot
// merge two addresses).
std::string Generator::State::unique_email(const detail::EmailParts& email) {
  std::string base = email.local + "@" + email.domain;
  const std::uint32_t uses = email_counts[hash_text(base)]++;
  if (uses == 0) return base;
  return email.local + email_number(uses, seed_key ^ hash_text(base)) + "@" + email.domain;
}

RegionPhones* Generator::State::region(const std::string& code) {
  for (auto& entry : regions) {
    if (entry.blocks().region == code) return &entry;
  }
  return nullptr;
}

Generator::Generator(Options options) : state_(std::make_unique<State>()) {
  State& s = *state_;
  s.options = std::move(options);
  s.seed_key = mix64(s.options.seed ^ 0x5eedda7a5eedda7aULL);
  const std::uint64_t id_bits = mix64(s.seed_key ^ hash_text(s.options.business.id));
  for (int i = 0; i < 5; ++i) s.id_random += static_cast<char>((id_bits >> (8 * i)) & 0xff);
  s.weigh_cultures();
  s.plan_phones();
}

Generator::~Generator() = default;

const std::vector<PhoneBlocks>& Generator::phone_plan() const {
  return state_->plan;
}

Customer Generator::next() {
  State& s = *state_;
  const std::int64_t index = s.next_index++;
  Rng rng(s.seed_key ^ mix64(static_cast<std::uint64_t>(index) + 0x9e3779b97f4a7c15ULL));
  const std::int64_t count = std::max<std::int64_t>(s.options.count, index + 1);

  Customer customer;
  customer.index = index;
  customer.created_ms = creation_time(index, count, s.options.now_ms, rng);

  // Who: a culture, a country, a person, and the business or individual they make.
  const std::size_t culture_index = s.pick_culture(rng);
  const Culture& culture = s.tables.cultures[culture_index];
  customer.country = s.pick_country(culture_index, rng);
  const bool is_business = rng.chance(kBusinessShare);
  customer.type = is_business ? "business" : "individual";
  const detail::Person person = detail::pick_person(culture, rng);
  const detail::EmailParts email =
      is_business ? detail::fill_business(customer, person, s.tables.profile_of(customer.country),
                                          s.tables, rng)
                  : detail::fill_individual(customer, person, s.tables, rng);
  customer.email = s.unique_email(email);
  if (rng.chance(is_business ? kPhoneShareBusiness : kPhoneShareIndividual)) {
    if (RegionPhones* region = s.region(customer.country)) customer.phone = region->next();
  }

  // The rest of the record.
  detail::fill_tax_and_segment(customer, is_business, rng);
  detail::fill_tags(customer, s.tables, rng);
  detail::fill_addresses(customer, is_business, s.tables, rng);
  detail::fill_terms(customer, is_business, s.options.business.currency_digits, rng);
  detail::fill_extras(customer, culture, rng);
  detail::fill_history(customer, s.options.now_ms, rng);
  customer.id = detail::object_id(customer.created_ms, s.id_random, index);
  return customer;
}

}  // namespace capi::seed
