#include "store/order_store.hpp"

#include "json/writer.hpp"
#include "store/built_statement.hpp"
#include "store/order_columns.hpp"

namespace capi::store {
namespace {

constexpr const char* kNumberIndex = "orders_number";  // sql/006_orders.sql

// The filters of a customer's orders, each off when its parameter is NULL ($3-$5).
constexpr const char* kCustomerOrders =
    " FROM orders WHERE business_id = $1 AND customer_id = $2"
    " AND ($3::text IS NULL OR status = $3::text)"
    " AND ($4::bigint IS NULL OR order_date >= 'epoch'::timestamptz + $4::bigint * interval "
    "'1 millisecond')"
    " AND ($5::bigint IS NULL OR order_date < 'epoch'::timestamptz + $5::bigint * interval "
    "'1 millisecond')";

constexpr const char* kMsParam = "('epoch'::timestamptz + $5::bigint * interval '1 millisecond')";
constexpr const char* kOrderDateParam =
    "('epoch'::timestamptz + $4::bigint * interval '1 millisecond')";

struct Statements {
  BuiltStatement insert{"order_insert", order_table().insert_sql()};
  BuiltStatement update{"order_update", order_table().update_sql()};
  BuiltStatement find{"order_find", "SELECT " + order_table().select_list() +
                                        " FROM orders WHERE business_id = $1 AND id = $2"};
  BuiltStatement find_for_update{"order_find_for_update", find.sql() + " FOR UPDATE"};
  BuiltStatement insert_items{
      "order_items_insert",
      "INSERT INTO order_items (order_id, business_id, position, product_id, product_name,"
      " quantity, unit_price_minor, line_total_minor)"
      " SELECT $1, $2, i.position, i.product_id, i.product_name, i.quantity,"
      " i.unit_price_minor, i.line_total_minor FROM jsonb_to_recordset($3::jsonb) AS i("
      "position integer, product_id text, product_name text, quantity integer,"
      " unit_price_minor bigint, line_total_minor bigint)"};
  BuiltStatement items{"order_items",
                       "SELECT position, product_id, product_name, quantity, unit_price_minor,"
                       " line_total_minor FROM order_items WHERE business_id = $1 AND order_id = $2"
                       " ORDER BY position"};
  BuiltStatement of_customer{"order_of_customer",
                             "SELECT " + order_table().select_list() + kCustomerOrders +
                                 " ORDER BY order_date DESC, id DESC LIMIT $6::int OFFSET $7::int",
                             Planning::kPerExecution};
  // The latest orders without filters (include=orders): one plan, kept like a lookup's.
  BuiltStatement latest_of_customer{"order_latest_of_customer",
                                    "SELECT " + order_table().select_list() +
                                        " FROM orders WHERE business_id = $1 AND customer_id = $2"
                                        " ORDER BY order_date DESC, id DESC LIMIT $3::int"};
  BuiltStatement count_of_customer{"order_count_of_customer",
                                   std::string("SELECT count(*)") + kCustomerOrders,
                                   Planning::kPerExecution};
  BuiltStatement insert_payment{
      "order_payment_insert",
      std::string("INSERT INTO order_payments (id, business_id, order_id, amount_minor, paid_at)"
                  " VALUES ($1, $2, $3, $4::bigint, ") +
          kMsParam + ")"};
  BuiltStatement first_payment{
      "order_first_payment",
      "SELECT (extract(epoch FROM min(paid_at)) * 1000)::bigint,"
      " (extract(epoch FROM max(paid_at)) * 1000)::bigint FROM order_payments"
      " WHERE business_id = $1 AND order_id = $2"};
  BuiltStatement assign_number{"order_assign_number",
                               "SELECT assign_order_number($1, $2, $3::int)"};
  BuiltStatement number_counters{
      "order_number_counters",
      "SELECT year, last_value FROM order_number_counters WHERE business_id = $1"};
  BuiltStatement raise_counter{
      "order_raise_number_counter",
      "INSERT INTO order_number_counters (business_id, year, last_value)"
      " VALUES ($1, $2::int, $3::bigint) ON CONFLICT (business_id, year) DO UPDATE"
      " SET last_value = GREATEST(order_number_counters.last_value, EXCLUDED.last_value)"};
  BuiltStatement refresh_figures{
      "order_refresh_figures",
      "UPDATE customers SET order_count = f.order_count,"
      " lifetime_value_minor = f.lifetime_value, balance_minor = f.balance,"
      " first_order_at = f.first_order, last_order_at = f.last_order"
      " FROM (SELECT count(*)::integer AS order_count,"
      " COALESCE(sum(total_minor), 0) AS lifetime_value,"
      " COALESCE(sum(total_minor - amount_paid_minor), 0) AS balance,"
      " min(order_date) AS first_order, max(order_date) AS last_order"
      " FROM orders WHERE business_id = $1 AND customer_id = $2"
      " AND status NOT IN ('cancelled', 'refunded')) AS f"
      " WHERE customers.business_id = $1 AND customers.id = $2"};
  // A new order that counts: one more, its total in the lifetime value and in the balance (it
  // owes all of it), its date between the first and the last (LEAST and GREATEST skip NULL).
  BuiltStatement add_to_figures{
      "order_add_to_figures",
      std::string("UPDATE customers SET order_count = order_count + 1,"
                  " lifetime_value_minor = lifetime_value_minor + $3::bigint,"
                  " balance_minor = balance_minor + $3::bigint,"
                  " first_order_at = LEAST(first_order_at, ") +
          kOrderDateParam + "), last_order_at = GREATEST(last_order_at, " + kOrderDateParam +
          ") WHERE business_id = $1 AND id = $2"};
  BuiltStatement take_off_balance{"order_take_off_balance",
                                  "UPDATE customers SET balance_minor = balance_minor - $3::bigint"
                                  " WHERE business_id = $1 AND id = $2"};
  BuiltStatement erase_addresses{
      "order_erase_addresses",
      "UPDATE orders SET shipping_address_enc = NULL"
      " WHERE business_id = $1 AND customer_id = $2 AND shipping_address_enc IS NOT NULL"};
};

const Statements& statements() {
  static const Statements built;
  return built;
}

std::string items_json(const std::vector<OrderItemRow>& items) {
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartArray();
  for (const auto& item : items) {
    writer.StartObject();
    json::key(writer, "position");
    writer.Int(item.position);
    json::field(writer, "product_id", item.product_id);
    json::field(writer, "product_name", item.product_name);
    json::key(writer, "quantity");
    writer.Int64(item.quantity);
    json::key(writer, "unit_price_minor");
    writer.Int64(item.unit_price_minor);
    json::key(writer, "line_total_minor");
    writer.Int64(item.line_total_minor);
    writer.EndObject();
  }
  writer.EndArray();
  return json::text(buffer);
}

Param optional_param(const std::optional<std::string>& value) {
  if (!value) return std::nullopt;
  return std::string_view(*value);
}

std::optional<std::string> optional_number(const std::optional<std::int64_t>& value) {
  if (!value) return std::nullopt;
  return std::to_string(*value);
}

}  // namespace

OrderRow OrderStore::insert(const OrderRow& order, const std::vector<OrderItemRow>& items) const {
  const auto values = order_table().write_values(order);
  OrderRow row;
  try {
    row = order_table().read(connection_.exec(statements().insert, as_params(values)), 0);
  } catch (const DbError& error) {
    if (error.kind() == ErrorKind::kUniqueViolation && error.constraint() == kNumberIndex) {
      throw OrderNumberTaken();
    }
    throw;
  }
  const std::string json = items_json(items);
  connection_.exec(statements().insert_items, {row.id, row.business_id, json});
  return row;
}

std::optional<OrderRow> OrderStore::find(const std::string& business_id, const std::string& id,
                                         Lock lock) const {
  const Statement& statement =
      lock == Lock::kForUpdate ? statements().find_for_update : statements().find;
  const Result result = connection_.exec(statement, {business_id, id});
  if (result.empty()) return std::nullopt;
  return order_table().read(result, 0);
}

std::vector<OrderItemRow> OrderStore::items(const std::string& business_id,
                                            const std::string& order_id) const {
  const Result result = connection_.exec(statements().items, {business_id, order_id});
  std::vector<OrderItemRow> rows;
  rows.reserve(static_cast<std::size_t>(result.rows()));
  for (int i = 0; i < result.rows(); ++i) {
    rows.push_back({static_cast<int>(result.integer(i, 0)), result.str(i, 1), result.str(i, 2),
                    result.integer(i, 3), result.integer(i, 4), result.integer(i, 5)});
  }
  return rows;
}

OrderRow OrderStore::update(const OrderRow& order) const {
  const auto values = order_table().write_values(order);
  const Result result = connection_.exec(statements().update, as_params(values));
  if (result.empty()) throw DbError(ErrorKind::kOther, "", "order_update: no row");
  return order_table().read(result, 0);
}

std::vector<OrderRow> OrderStore::of_customer(const std::string& business_id,
                                              const std::string& customer_id,
                                              const OrderFilter& filter, int limit,
                                              int offset) const {
  const auto from = optional_number(filter.from_ms);
  const auto to = optional_number(filter.to_ms);
  const std::string limit_text = std::to_string(limit);
  const std::string offset_text = std::to_string(offset);
  return order_table().read_all(
      connection_.exec(statements().of_customer,
                       {business_id, customer_id, optional_param(filter.status),
                        optional_param(from), optional_param(to), limit_text, offset_text}));
}

std::vector<OrderRow> OrderStore::latest_of_customer(const std::string& business_id,
                                                     const std::string& customer_id,
                                                     int limit) const {
  const std::string limit_text = std::to_string(limit);
  return order_table().read_all(
      connection_.exec(statements().latest_of_customer, {business_id, customer_id, limit_text}));
}

std::int64_t OrderStore::count_of_customer(const std::string& business_id,
                                           const std::string& customer_id,
                                           const OrderFilter& filter) const {
  const auto from = optional_number(filter.from_ms);
  const auto to = optional_number(filter.to_ms);
  const Result result = connection_.exec(statements().count_of_customer,
                                         {business_id, customer_id, optional_param(filter.status),
                                          optional_param(from), optional_param(to)});
  return result.integer(0, 0);
}

void OrderStore::insert_payment(const std::string& business_id, const std::string& order_id,
                                const std::string& payment_id, std::int64_t amount_minor,
                                std::int64_t paid_at_ms) const {
  connection_.exec(statements().insert_payment,
                   {payment_id, business_id, order_id, std::to_string(amount_minor),
                    std::to_string(paid_at_ms)});
}

std::optional<OrderStore::PaymentSpan> OrderStore::payment_span(const std::string& business_id,
                                                                const std::string& order_id) const {
  const Result result = connection_.exec(statements().first_payment, {business_id, order_id});
  if (result.empty() || result.is_null(0, 0)) return std::nullopt;
  return PaymentSpan{result.integer(0, 0), result.integer(0, 1)};
}

std::optional<std::string> OrderStore::assign_number(const std::string& business_id,
                                                     const std::string& order_id,
                                                     std::int64_t year) const {
  const Result result = [&] {
    try {
      return connection_.exec(statements().assign_number,
                              {business_id, order_id, std::to_string(year)});
    } catch (const DbError& error) {
      // A client gave that number to another order between the function's check and its set.
      if (error.kind() == ErrorKind::kUniqueViolation && error.constraint() == kNumberIndex) {
        throw OrderNumberTaken();
      }
      throw;
    }
  }();
  if (result.is_null(0, 0)) return std::nullopt;
  return result.str(0, 0);
}

std::map<std::int64_t, std::int64_t> OrderStore::number_counters(
    const std::string& business_id) const {
  const Result result = connection_.exec(statements().number_counters, {business_id});
  std::map<std::int64_t, std::int64_t> counters;
  for (int i = 0; i < result.rows(); ++i) counters[result.integer(i, 0)] = result.integer(i, 1);
  return counters;
}

void OrderStore::raise_number_counter(const std::string& business_id, std::int64_t year,
                                      std::int64_t last_value) const {
  connection_.exec(statements().raise_counter,
                   {business_id, std::to_string(year), std::to_string(last_value)});
}

void OrderStore::refresh_figures(const std::string& business_id,
                                 const std::string& customer_id) const {
  connection_.exec(statements().refresh_figures, {business_id, customer_id});
}

void OrderStore::add_to_figures(const std::string& business_id, const std::string& customer_id,
                                std::int64_t total_minor, std::int64_t order_date_ms) const {
  connection_.exec(
      statements().add_to_figures,
      {business_id, customer_id, std::to_string(total_minor), std::to_string(order_date_ms)});
}

void OrderStore::take_off_balance(const std::string& business_id, const std::string& customer_id,
                                  std::int64_t amount_minor) const {
  connection_.exec(statements().take_off_balance,
                   {business_id, customer_id, std::to_string(amount_minor)});
}

void OrderStore::erase_addresses(const std::string& business_id,
                                 const std::string& customer_id) const {
  connection_.exec(statements().erase_addresses, {business_id, customer_id});
}

}  // namespace capi::store
