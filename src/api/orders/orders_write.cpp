// Writes: create, PATCH (status, dates, shipping address) and payments. A PATCH or a payment
// reads and checks its body before any lock; a create, under its customer's lock (the
// customer's currency reads its money). Then in one transaction: locks the customer and the
// order (see orders_handler.hpp), applies the domain's rules to what is stored, writes, and
// moves the customer's figures: by the order alone for a create or a payment, recomputed from
// all its orders for a PATCH (a status or a date may change what counts and the first/last
// dates).
#include <chrono>

#include "api/error.hpp"
#include "api/orders/orders_handler.hpp"
#include "api/preconditions.hpp"
#include "domain/iso_codes.hpp"
#include "domain/money.hpp"
#include "domain/object_id.hpp"
#include "domain/order_input.hpp"
#include "domain/order_rules.hpp"

namespace capi::api {
namespace {

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

domain::NumberTextLookup number_lookup(const RequestContext& context) {
  return
      [body = context.body](const rapidjson::Value& number) { return body->number_text(number); };
}

domain::OrderInput parse_create(const RequestContext& context, const store::CustomerRow& customer) {
  auto input =
      domain::parse_order(context.body->document, customer.currency,
                          domain::currency_digits(customer.currency), number_lookup(context));
  if (!input.errors.empty()) throw ApiError::validation(input.errors);
  return input;
}

std::vector<store::OrderItemRow> item_rows(const domain::OrderDraft& draft) {
  std::vector<store::OrderItemRow> rows;
  rows.reserve(draft.items.size());
  int position = 0;
  for (const auto& item : draft.items) {
    rows.push_back({position++, item.product_id, item.product_name, item.quantity,
                    item.unit_price_minor, item.line_total_minor});
  }
  return rows;
}

std::string amount_text(std::int64_t minor, const std::string& currency) {
  return domain::format_money(minor, domain::currency_digits(currency)) + " " + currency;
}

}  // namespace

Reply OrdersHandler::create(const RequestContext& context) const {
  domain::OrderInput input;
  store::OrderRow row;
  std::vector<store::OrderItemRow> items;
  {
    store::Connection::Transaction transaction(db_);
    const auto customer = resolve_customer(context, store::CustomerStore::Lock::kForUpdate);
    if (!customer) {
      // The body's problems come before the operation's (API.md, "Order of checks"): a body
      // that is wrong whoever the customer is answers 422, its money read in the business's
      // currency; a right one, 404.
      store::CustomerRow nobody;
      nobody.currency = context.caller->business_currency;
      parse_create(context, nobody);
      throw ApiError::not_found();
    }
    input = parse_create(context, *customer);
    const auto& draft = input.draft;
    if (!customer->active()) {
      throw ApiError::conflict("The customer is inactive (deleted or erased); it cannot order");
    }
    const auto totals = domain::compute_totals(
        draft.subtotal_minor, draft.discount_minor.optional(), customer->discount_rate_hundredths);
    if (totals.error != domain::TotalsError::kNone) {
      throw ApiError::validation({{"discount", "must not be more than the subtotal"}});
    }
    // A new order owes its whole total: the balance it adds.
    if (domain::exceeds_credit_limit(customer->balance_minor, totals.totals.total_minor,
                                     customer->credit_limit_minor)) {
      throw ApiError::credit_limit_exceeded(
          {{"creditLimitMinor", std::to_string(*customer->credit_limit_minor)},
           {"accountBalanceMinor", std::to_string(customer->balance_minor)},
           {"totalMinor", std::to_string(totals.totals.total_minor)}});
    }
    row.business_id = customer->business_id;
    row.customer_id = customer->id;
    row.id = domain::new_object_id(row.business_id);
    row.status = draft.status.has_value() ? draft.status.value : "pending";
    row.currency = customer->currency;
    row.order_date_ms = draft.order_date_ms.has_value() ? draft.order_date_ms.value : now_ms();
    row.due_date_ms = draft.due_date_ms.has_value()
                          ? draft.due_date_ms.value
                          : domain::due_date_ms(row.order_date_ms, customer->payment_terms)
                                .value_or(row.order_date_ms);
    row.ship_date_ms = draft.ship_date_ms.optional();
    row.delivery_date_ms = draft.delivery_date_ms.optional();
    row.subtotal_minor = totals.totals.subtotal_minor;
    row.discount_minor = totals.totals.discount_minor;
    row.total_minor = totals.totals.total_minor;
    row.items_count = static_cast<int>(draft.items.size());
    // The body's address, or none when it gives null, or the customer's when it is silent.
    std::optional<domain::Address> address = draft.shipping_address.optional();
    if (!draft.shipping_address.given()) {
      address = customer_records_.open(*customer).shipping_address;
    }
    records_.set_shipping_address(address, row);
    // A generated number is drawn last (OrderStore::assign_number): until then the order
    // stands under its own id.
    const auto given_number = draft.order_number.optional();
    row.order_number = given_number.value_or(row.id);
    items = item_rows(draft);
    try {
      row = orders_.insert(row, items);
      // A create starts in a status that counts, with nothing paid: the figures move by this
      // order alone (no read of the customer's other orders).
      orders_.add_to_figures(row.business_id, row.customer_id, row.total_minor, row.order_date_ms);
      if (!given_number) row.order_number = generated_number(row);
    } catch (const store::OrderNumberTaken&) {
      throw ApiError::conflict("Another order of the business has this order number",
                               {{"field", "orderNumber"}});
    }
    transaction.commit();
  }
  return reply(context, row,
               {.status = 201,
                .message = "Order created successfully",
                .ignored_fields = input.ignored_fields,
                .items = &items});
}

Reply OrdersHandler::patch(const RequestContext& context) const {
  // 404, then 412, then 422 before any lock.
  const store::OrderRow before = require_order(context, store::OrderStore::Lock::kNone);
  check_if_match(context, before.version);
  const auto input = domain::parse_order_patch(context.body->document);
  if (!input.errors.empty()) throw ApiError::validation(input.errors);
  const auto& draft = input.draft;
  store::OrderRow row;
  {
    store::Connection::Transaction transaction(db_);
    row = lock_order(context, before);
    check_if_match(context, row.version);
    if (draft.status.has_value()) {
      const auto from = domain::parse_status(row.status).value_or(domain::OrderStatus::kPending);
      const auto to = domain::parse_status(draft.status.value).value_or(from);
      if (domain::judge_move(from, to, row.amount_paid_minor) == domain::Move::kIllegal) {
        throw ApiError::conflict(
            "An order cannot move from " + row.status + " to " + draft.status.value +
                (row.amount_paid_minor > 0 ? " (it has payments)" : " (nothing is paid)"),
            {{"field", "status"}});
      }
      row.status = draft.status.value;
    }
    if (draft.order_date_ms.has_value()) {
      const auto payments = orders_.payment_span(row.business_id, row.id);
      if (payments && draft.order_date_ms.value > payments->first_ms) {
        throw ApiError::validation({{"orderDate", "must not be after the order's first payment"}});
      }
      row.order_date_ms = draft.order_date_ms.value;
    }
    if (draft.due_date_ms.has_value()) row.due_date_ms = draft.due_date_ms.value;
    if (draft.ship_date_ms.given()) row.ship_date_ms = draft.ship_date_ms.optional();
    if (draft.delivery_date_ms.given()) row.delivery_date_ms = draft.delivery_date_ms.optional();
    if (draft.shipping_address.given()) {
      records_.set_shipping_address(draft.shipping_address.optional(), row);
    }
    row = orders_.update(row);
    orders_.refresh_figures(row.business_id, row.customer_id);
    transaction.commit();
  }
  return reply(context, row,
               {.message = "Order updated successfully", .ignored_fields = input.ignored_fields});
}

Reply OrdersHandler::pay(const RequestContext& context) const {
  const store::OrderRow before = require_order(context, store::OrderStore::Lock::kNone);
  const auto input = domain::parse_payment(
      context.body->document, domain::currency_digits(before.currency), number_lookup(context));
  if (!input.errors.empty()) throw ApiError::validation(input.errors);
  const std::int64_t paid_at = input.paid_at_ms.value_or(now_ms());
  store::OrderRow row;
  {
    store::Connection::Transaction transaction(db_);
    row = lock_order(context, before);
    const auto status = domain::parse_status(row.status).value_or(domain::OrderStatus::kPending);
    switch (domain::check_payment(status, row.total_minor, row.amount_paid_minor, row.order_date_ms,
                                  input.amount_minor, paid_at)) {
      case domain::PaymentCheck::kOk:
        break;
      case domain::PaymentCheck::kOrderClosed:
        throw ApiError::conflict("A " + row.status + " order takes no payments");
      case domain::PaymentCheck::kNotPositive:
        throw ApiError::validation({{"amount", "must be greater than 0"}});
      case domain::PaymentCheck::kAboveBalance:
        throw ApiError::validation(
            {{"amount",
              "must not be more than the balance due (" +
                  amount_text(domain::balance_due(status, row.total_minor, row.amount_paid_minor),
                              row.currency) +
                  ")"}});
      case domain::PaymentCheck::kBeforeOrderDate:
        throw ApiError::validation({{"paidAt", "must not be before the order date"}});
    }
    orders_.insert_payment(row.business_id, row.id, domain::new_object_id(row.business_id),
                           input.amount_minor, paid_at);
    row.amount_paid_minor += input.amount_minor;
    // Paid in full at the latest payment's time (payments may be recorded out of order).
    if (row.amount_paid_minor == row.total_minor) {
      const auto payments = orders_.payment_span(row.business_id, row.id);
      row.paid_at_ms = payments ? payments->last_ms : paid_at;
    }
    row = orders_.update(row);
    // The order counts (check_payment refused the others): its payment lowers the balance.
    orders_.take_off_balance(row.business_id, row.customer_id, input.amount_minor);
    transaction.commit();
  }
  return reply(context, row,
               {.status = 201,
                .message = "Payment recorded successfully",
                .ignored_fields = input.ignored_fields});
}

}  // namespace capi::api
