#include "seed/orders.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "domain/order_rules.hpp"
#include "domain/time.hpp"
#include "seed/row_parts.hpp"

namespace capi::seed {
namespace {

constexpr double kNoOrderShare = 0.5;
constexpr double kParetoShape = 1.4;
constexpr double kWeightCap = 150.0;
constexpr std::array kTopShares = {0.0010, 0.0008, 0.0006, 0.0005, 0.0004};
constexpr std::int64_t kProducts = 400;

const std::array<const char*, 20> kAdjectives = {
    "Classic", "Compact", "Deluxe", "Eco",    "Express", "Heavy-duty", "Lite",
    "Mini",    "Modular", "Nordic", "Pocket", "Premium", "Pro",        "Rugged",
    "Smart",   "Solar",   "Studio", "Travel", "Ultra",   "Vintage"};
const std::array<const char*, 20> kNouns = {
    "Backpack", "Blender", "Bottle",  "Cable", "Chair",   "Desk lamp", "Drill",
    "Headset",  "Jacket",  "Kettle",  "Knife", "Monitor", "Mug",       "Notebook",
    "Speaker",  "Stapler", "Sweater", "Tent",  "Toolkit", "Umbrella"};

// Statuses with their shares (in hundredths).
struct StatusShare {
  const char* status;
  int share;
};
constexpr std::array<StatusShare, 7> kStatusShares = {{{"completed", 45},
                                                       {"delivered", 25},
                                                       {"shipped", 6},
                                                       {"confirmed", 6},
                                                       {"pending", 10},
                                                       {"cancelled", 5},
                                                       {"refunded", 3}}};

std::string pick_status(Rng& rng) {
  auto draw = static_cast<int>(rng.below(100));
  for (const auto& entry : kStatusShares) {
    if (draw < entry.share) return entry.status;
    draw -= entry.share;
  }
  return "completed";
}

std::string random_bytes(std::uint64_t bits) {
  std::string bytes;
  for (int i = 0; i < 5; ++i) bytes += static_cast<char>((bits >> (8 * i)) & 0xff);
  return bytes;
}

std::int64_t quantity(Rng& rng) {
  const double draw = rng.unit();
  if (draw < 0.55) return 1;
  if (draw < 0.85) return rng.between(2, 3);
  return rng.between(4, 10);
}

// Pay `amount` in one payment (two in 15% of cases) after the order date, never after now.
void pay(SeededOrder& order, std::int64_t amount, std::int64_t now_ms, Rng& rng,
         const std::string& id_random, std::int64_t& next_id) {
  if (amount <= 0) return;
  const std::int64_t start = order.row.order_date_ms;
  const std::int64_t latest = std::max(start, now_ms);
  const auto at = [&](std::int64_t after) {
    return std::min(latest, after + rng.between(0, 40 * kDayMs));
  };
  std::vector<std::int64_t> amounts = {amount};
  if (amount >= 2 && rng.chance(0.15)) {
    const std::int64_t first = std::max<std::int64_t>(1, amount * rng.between(30, 70) / 100);
    amounts = {first, amount - first};
  }
  std::int64_t when = start;
  for (const std::int64_t part : amounts) {
    when = at(when);
    order.payments.push_back({detail::object_id(when, id_random, next_id++), part, when});
  }
  order.row.amount_paid_minor += amount;
  if (order.row.amount_paid_minor == order.row.total_minor) order.row.paid_at_ms = when;
}

}  // namespace

std::vector<std::int32_t> plan_orders(std::uint64_t seed, std::int64_t customers,
                                      std::int64_t orders) {
  std::vector<std::int32_t> counts(static_cast<std::size_t>(std::max<std::int64_t>(customers, 0)));
  if (customers <= 0 || orders <= 0) return counts;
  const std::uint64_t key = mix64(seed ^ 0x0bde55eedULL);
  // The top customers' fixed shares first.
  std::int64_t left = orders;
  std::vector<bool> top(counts.size(), false);
  for (std::size_t k = 0; k < kTopShares.size() && static_cast<std::int64_t>(k) < customers; ++k) {
    std::size_t index = mix64(key + k + 1) % counts.size();
    while (top[index]) index = (index + 1) % counts.size();
    top[index] = true;
    const auto share = static_cast<std::int64_t>(static_cast<double>(orders) * kTopShares[k]);
    counts[index] = static_cast<std::int32_t>(share);
    left -= share;
  }
  // The others by weight, rounded cumulatively so that they add up to what is left.
  std::vector<double> weights(counts.size(), 0.0);
  double total = 0.0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (top[i]) continue;
    Rng rng(key ^ mix64(i + 0x51ed));
    if (rng.chance(kNoOrderShare)) continue;
    weights[i] = std::min(kWeightCap, std::pow(1.0 - rng.unit(), -1.0 / kParetoShape));
    total += weights[i];
  }
  if (total <= 0.0) {  // every customer is a top one: the rest to the first
    counts[0] += static_cast<std::int32_t>(left);
    return counts;
  }
  double running = 0.0;
  std::int64_t given = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (weights[i] == 0.0) continue;
    running += weights[i];
    const auto upto = std::min(
        left, static_cast<std::int64_t>(std::floor(running / total * static_cast<double>(left))));
    counts[i] = static_cast<std::int32_t>(upto - given);
    given = upto;
  }
  // Rounding may leave the last few to the last weighted customer.
  for (std::size_t i = counts.size(); i-- > 0;) {
    if (weights[i] > 0.0) {
      counts[i] += static_cast<std::int32_t>(left - given);
      break;
    }
  }
  return counts;
}

void Figures::add(const store::OrderRow& order) {
  const auto status = domain::parse_status(order.status);
  if (!status || !domain::counts(*status)) return;
  ++order_count;
  lifetime_value_minor += order.total_minor;
  balance_minor += order.total_minor - order.amount_paid_minor;
  if (!first_order_ms || order.order_date_ms < *first_order_ms) {
    first_order_ms = order.order_date_ms;
  }
  if (!last_order_ms || order.order_date_ms > *last_order_ms) last_order_ms = order.order_date_ms;
}

OrderMaker::OrderMaker(std::uint64_t seed, Business business, std::int64_t now_ms,
                       std::map<std::int64_t, std::int64_t> counters)
    : key_(mix64(seed ^ 0x0dde125eedULL)),
      business_(std::move(business)),
      now_ms_(now_ms),
      counters_(std::move(counters)),
      order_random_(random_bytes(mix64(key_ ^ hash_text(business_.id)))),
      payment_random_(random_bytes(mix64(key_ ^ hash_text(business_.id) ^ 0x9a7))) {}

std::vector<SeededOrder> OrderMaker::orders_of(const Customer& customer, std::int32_t count) {
  std::vector<SeededOrder> orders;
  if (count <= 0) return orders;
  Rng rng(key_ ^ mix64(static_cast<std::uint64_t>(customer.index) + 0x0de7));
  const std::int64_t start = customer.created_ms;
  const std::int64_t end = std::max(start, customer.deleted_ms.value_or(now_ms_));
  std::vector<std::int64_t> dates;
  dates.reserve(static_cast<std::size_t>(count));
  for (std::int32_t i = 0; i < count; ++i) dates.push_back(rng.between(start, end));
  std::sort(dates.begin(), dates.end());
  const std::int64_t unit = pow10(business_.currency_digits);
  std::int64_t balance = 0;
  orders.reserve(dates.size());
  for (const std::int64_t date : dates) {
    SeededOrder order;
    store::OrderRow& row = order.row;
    row.business_id = business_.id;
    row.customer_id = customer.id;
    row.id = detail::object_id(date, order_random_, next_order_++);
    row.status = pick_status(rng);
    row.currency = business_.currency;
    row.order_date_ms = date;
    row.due_date_ms = domain::due_date_ms(date, customer.payment_terms).value_or(date);
    const std::int64_t year = domain::utc_year(date);
    row.order_number = domain::generated_order_number(year, ++counters_[year]);
    const auto lines = rng.between(1, 5) <= 3 ? rng.between(1, 2) : rng.between(3, 5);
    std::int64_t subtotal = 0;
    for (std::int64_t line = 0; line < lines; ++line) {
      const auto product = static_cast<std::int64_t>(rng.below(kProducts));
      Rng price(key_ ^ mix64(static_cast<std::uint64_t>(product) + 0x9e1ce));
      store::OrderItemRow item;
      item.position = static_cast<int>(line);
      item.product_id = "PRD-" + zero_padded(product + 1, 4);
      item.product_name = std::string(kAdjectives[static_cast<std::size_t>(product) % 20]) + " " +
                          kNouns[static_cast<std::size_t>(product) / 20];
      item.quantity = quantity(rng);
      item.unit_price_minor = price.between(2, 400) * unit + price.below(unit);
      item.line_total_minor = item.quantity * item.unit_price_minor;
      subtotal += item.line_total_minor;
      order.items.push_back(std::move(item));
    }
    row.items_count = static_cast<int>(order.items.size());
    const auto totals =
        domain::compute_totals(subtotal, std::nullopt, customer.discount_rate_hundredths).totals;
    row.subtotal_minor = totals.subtotal_minor;
    row.discount_minor = totals.discount_minor;
    row.total_minor = totals.total_minor;
    const bool shipped =
        row.status != "pending" && row.status != "confirmed" && row.status != "cancelled";
    if (shipped) row.ship_date_ms = std::min(now_ms_, date + rng.between(1, 5) * kDayMs);
    if (row.status == "delivered" || row.status == "completed") {
      row.delivery_date_ms = std::min(now_ms_, *row.ship_date_ms + rng.between(1, 7) * kDayMs);
    }
    // What is paid of it, by status.
    std::int64_t paid = 0;
    if (row.status == "completed" || row.status == "delivered" || row.status == "refunded") {
      paid = row.total_minor;
    } else if (row.status == "shipped" || row.status == "confirmed") {
      const double draw = rng.unit();
      paid = draw < 0.4   ? row.total_minor
             : draw < 0.7 ? row.total_minor * rng.between(10, 90) / 100
                          : 0;
    } else if (row.status == "pending" && rng.chance(0.2)) {
      paid = row.total_minor * rng.between(10, 90) / 100;
    }
    const bool counted = row.status != "cancelled" && row.status != "refunded";
    if (counted && customer.credit_limit_minor &&
        balance + row.total_minor - paid > *customer.credit_limit_minor) {
      paid = row.total_minor;
    }
    pay(order, paid, now_ms_, rng, payment_random_, next_payment_);
    if (counted) balance += row.total_minor - row.amount_paid_minor;
    row.version = 1 + static_cast<int>(order.payments.size());
    row.created_ms = date;
    row.updated_ms =
        std::max({date, row.paid_at_ms.value_or(date), row.delivery_date_ms.value_or(date),
                  order.payments.empty() ? date : order.payments.back().paid_at_ms});
    order.shipping_address = customer.shipping_address;
    orders.push_back(std::move(order));
  }
  return orders;
}

}  // namespace capi::seed
