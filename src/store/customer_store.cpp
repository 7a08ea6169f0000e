#include "store/customer_store.hpp"

#include <array>

#include "store/built_statement.hpp"
#include "store/contact_columns.hpp"
#include "store/customer_columns.hpp"
#include "store/customer_filter.hpp"

namespace capi::store {
namespace {

// Which unique index guards which key (sql/002_customers.sql).
struct UniqueIndex {
  const char* name;
  CustomerKey key;
};
constexpr std::array<UniqueIndex, 2> kUniqueIndexes = {{
    {"customers_active_email", CustomerKey::kEmail},
    {"customers_active_phone", CustomerKey::kPhone},
}};

// A customer row joined to its contacts (the contact columns after the customer's, NULL when
// it has none), in one round trip: one result row per contact.
std::string with_contacts(const char* customer_where) {
  return "SELECT customer.*, contact.* FROM (SELECT " + customer_table().select_list() +
         " FROM customers WHERE " + customer_where + ") AS customer LEFT JOIN LATERAL (SELECT " +
         contact_table().select_list() +
         " FROM customer_contacts"
         " WHERE customer_contacts.business_id = customer.business_id"
         " AND customer_contacts.customer_id = customer.id ORDER BY created_at, id) AS contact"
         " ON true";
}

std::string returning_customer(const char* sql) {
  return sql + (" RETURNING " + customer_table().select_list());
}

struct Statements {
  BuiltStatement insert{"customer_insert", customer_table().insert_sql()};
  BuiltStatement update{"customer_update", customer_table().update_sql()};
  BuiltStatement find{"customer_find", with_contacts("business_id = $1 AND id = $2")};
  BuiltStatement find_row{"customer_find_row",
                          "SELECT " + customer_table().select_list() +
                              " FROM customers WHERE business_id = $1 AND id = $2"};
  BuiltStatement find_for_update{"customer_find_for_update", find_row.sql() + " FOR UPDATE"};
  BuiltStatement set_deleted{
      "customer_set_deleted",
      returning_customer("UPDATE customers SET version = version + 1, updated_at = now(),"
                         " deleted_at = CASE WHEN $3::boolean THEN now() ELSE NULL END"
                         " WHERE business_id = $1 AND id = $2")};
  BuiltStatement erase{
      "customer_erase",
      returning_customer(
          "UPDATE customers SET version = version + 1, updated_at = now(),"
          " deleted_at = COALESCE(deleted_at, now()), erased_at = now(), name = 'Erased customer',"
          " company_name = NULL, email_enc = NULL, email_index = NULL, email_tokens = '{}',"
          " phone_enc = NULL, phone_index = NULL, tax_id_enc = NULL, billing_address_enc = NULL,"
          " shipping_address_enc = NULL, website = NULL, segment = NULL, tags = '{}',"
          " notes = NULL, preferred_shipping = NULL, metadata = '{}'"
          " WHERE business_id = $1 AND id = $2")};
  // The keys as text[] constants (hex digests: nothing to quote), so that the planner checks
  // each row against a hash of them: linear in the rows looked at whatever plan it picks. Read
  // through ARRAY(SELECT jsonb_array_elements_text(...)) they were an array it searched
  // element by element, and for a business the statistics did not know yet (a new tenant's
  // first imports) it walked the business's rows and compared each with every key: 10,000
  // keys against 20,000 rows ran past any statement timeout.
  BuiltStatement holding{
      "customer_holding",
      "SELECT " + customer_table().select_list() +
          " FROM customers WHERE business_id = $1 AND deleted_at IS NULL AND ("
          "email_index = ANY ($2::text[]) OR phone_index = ANY ($3::text[])) ORDER BY id",
      Planning::kPerExecution};
  // In id order, so that two imports lock the customers they share in the same order.
  BuiltStatement holding_for_update{"customer_holding_for_update", holding.sql() + " FOR UPDATE",
                                    Planning::kPerExecution};
  BuiltStatement find_by_email{
      "customer_find_by_email",
      with_contacts("business_id = $1 AND email_index = $2 AND deleted_at IS NULL")};
  BuiltStatement find_by_phone{
      "customer_find_by_phone",
      with_contacts("business_id = $1 AND phone_index = $2 AND deleted_at IS NULL")};
};

const Statements& statements() {
  static const Statements built;
  return built;
}

// The customer of a with_contacts() result, with its contacts.
std::optional<CustomerRow> customer_with_contacts(const Result& result) {
  if (result.empty()) return std::nullopt;
  CustomerRow row = customer_table().read(result, 0);
  auto& contacts = row.contacts.emplace();
  const int at = customer_table().width();
  for (int i = 0; i < result.rows(); ++i) {
    if (!result.is_null(i, at)) contacts.push_back(contact_table().read(result, i, at));
  }
  return row;
}

CustomerRow first_row(const Result& result, const char* what) {
  if (result.empty()) throw DbError(ErrorKind::kOther, "", std::string(what) + ": no row");
  return customer_table().read(result, 0);
}

}  // namespace

CustomerRow CustomerStore::write(const Statement& statement,
                                 const std::vector<Param>& params) const {
  try {
    return first_row(connection_.exec(statement, params), statement.name);
  } catch (const DbError& error) {
    if (error.kind() == ErrorKind::kUniqueViolation) {
      for (const auto& index : kUniqueIndexes) {
        if (error.constraint() == index.name) throw KeyTaken(index.key);
      }
    }
    throw;
  }
}

CustomerRow CustomerStore::insert(const CustomerRow& row) const {
  const auto values = customer_table().write_values(row);
  return write(statements().insert, as_params(values));
}

std::optional<CustomerRow> CustomerStore::find(const std::string& business_id,
                                               const std::string& id) const {
  return customer_with_contacts(connection_.exec(statements().find, {business_id, id}));
}

std::optional<CustomerRow> CustomerStore::find_row(const std::string& business_id,
                                                   const std::string& id, Lock lock) const {
  const Statement& statement =
      lock == Lock::kForUpdate ? statements().find_for_update : statements().find_row;
  const Result result = connection_.exec(statement, {business_id, id});
  if (result.empty()) return std::nullopt;
  return customer_table().read(result, 0);
}

CustomerRow CustomerStore::update(const CustomerRow& row) const {
  const auto values = customer_table().write_values(row);
  return write(statements().update, as_params(values));
}

CustomerRow CustomerStore::set_deleted(const std::string& business_id, const std::string& id,
                                       bool deleted) const {
  return write(statements().set_deleted, {business_id, id, deleted ? "true" : "false"});
}

CustomerRow CustomerStore::erase(const std::string& business_id, const std::string& id) const {
  return first_row(connection_.exec(statements().erase, {business_id, id}), "customer_erase");
}

std::optional<CustomerRow> CustomerStore::find_active(const std::string& business_id,
                                                      CustomerKey key,
                                                      const std::string& blind_index) const {
  const Statement& statement =
      key == CustomerKey::kEmail ? statements().find_by_email : statements().find_by_phone;
  return customer_with_contacts(connection_.exec(statement, {business_id, blind_index}));
}

std::vector<CustomerRow> CustomerStore::holding(const std::string& business_id,
                                                const std::vector<std::string>& email_indexes,
                                                const std::vector<std::string>& phone_indexes,
                                                Lock lock) const {
  const Statement& statement =
      lock == Lock::kForUpdate ? statements().holding_for_update : statements().holding;
  const std::string emails = text_array(email_indexes);
  const std::string phones = text_array(phone_indexes);
  const Result result = connection_.exec(statement, {business_id, emails, phones});
  std::vector<CustomerRow> rows;
  rows.reserve(static_cast<std::size_t>(result.rows()));
  for (int i = 0; i < result.rows(); ++i) rows.push_back(customer_table().read(result, i));
  return rows;
}

}  // namespace capi::store
