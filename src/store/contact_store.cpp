#include "store/contact_store.hpp"

#include "store/built_statement.hpp"
#include "store/contact_columns.hpp"

namespace capi::store {
namespace {

constexpr const char* kOneContact = " WHERE business_id = $1 AND customer_id = $2 AND id = $3";

struct Statements {
  BuiltStatement insert{"contact_insert", contact_table().insert_sql()};
  BuiltStatement update{"contact_update", contact_table().update_sql()};
  BuiltStatement of_customer{"contact_list", "SELECT " + contact_table().select_list() +
                                                 " FROM customer_contacts WHERE business_id = $1"
                                                 " AND customer_id = $2 ORDER BY created_at, id"};
  BuiltStatement count{"contact_count",
                       "SELECT count(*) FROM customer_contacts"
                       " WHERE business_id = $1 AND customer_id = $2"};
  BuiltStatement find{"contact_find", "SELECT " + contact_table().select_list() +
                                          " FROM customer_contacts" + kOneContact};
  BuiltStatement find_for_update{"contact_find_for_update", find.sql() + " FOR UPDATE"};
  BuiltStatement demote{"contact_demote_primary",
                        "UPDATE customer_contacts SET is_primary = false, version = version + 1,"
                        " updated_at = now() WHERE business_id = $1 AND customer_id = $2"
                        " AND is_primary AND id <> $3"};
  BuiltStatement remove{"contact_delete", std::string("DELETE FROM customer_contacts") +
                                              kOneContact + " RETURNING " +
                                              contact_table().select_list()};
  BuiltStatement delete_all{
      "contact_delete_all",
      "DELETE FROM customer_contacts WHERE business_id = $1 AND customer_id = $2"};
};

const Statements& statements() {
  static const Statements built;
  return built;
}

std::optional<ContactRow> first_row(const Result& result) {
  if (result.empty()) return std::nullopt;
  return contact_table().read(result, 0);
}

}  // namespace

ContactRow ContactStore::insert(const ContactRow& contact) const {
  const auto values = contact_table().write_values(contact);
  return contact_table().read(connection_.exec(statements().insert, as_params(values)), 0);
}

std::vector<ContactRow> ContactStore::of_customer(const std::string& business_id,
                                                  const std::string& customer_id) const {
  return contact_table().read_all(
      connection_.exec(statements().of_customer, {business_id, customer_id}));
}

int ContactStore::count_of_customer(const std::string& business_id,
                                    const std::string& customer_id) const {
  const Result result = connection_.exec(statements().count, {business_id, customer_id});
  return static_cast<int>(result.integer(0, 0));
}

std::optional<ContactRow> ContactStore::find(const std::string& business_id,
                                             const std::string& customer_id, const std::string& id,
                                             Lock lock) const {
  const Statement& statement =
      lock == Lock::kForUpdate ? statements().find_for_update : statements().find;
  return first_row(connection_.exec(statement, {business_id, customer_id, id}));
}

ContactRow ContactStore::update(const ContactRow& contact) const {
  const auto values = contact_table().write_values(contact);
  auto row = first_row(connection_.exec(statements().update, as_params(values)));
  if (!row) throw DbError(ErrorKind::kOther, "", "contact_update: no row");
  return std::move(*row);
}

void ContactStore::demote_primary(const std::string& business_id, const std::string& customer_id,
                                  const std::string& keep_id) const {
  connection_.exec(statements().demote, {business_id, customer_id, keep_id});
}

std::optional<ContactRow> ContactStore::remove(const std::string& business_id,
                                               const std::string& customer_id,
                                               const std::string& id) const {
  return first_row(connection_.exec(statements().remove, {business_id, customer_id, id}));
}

void ContactStore::delete_all_of_customer(const std::string& business_id,
                                          const std::string& customer_id) const {
  connection_.exec(statements().delete_all, {business_id, customer_id});
}

}  // namespace capi::store
