#include "store/contact_store.hpp"

#include "store/built_statement.hpp"
#include "store/contact_columns.hpp"

namespace capi::store {
namespace {

struct Statements {
  BuiltStatement insert{"contact_insert", contact_table().insert_sql()};
  BuiltStatement of_customer{"contact_list", "SELECT " + contact_table().select_list() +
                                                 " FROM customer_contacts WHERE business_id = $1"
                                                 " AND customer_id = $2 ORDER BY created_at, id"};
  BuiltStatement delete_all{
      "contact_delete_all",
      "DELETE FROM customer_contacts WHERE business_id = $1 AND customer_id = $2"};
};

const Statements& statements() {
  static const Statements built;
  return built;
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

void ContactStore::delete_all_of_customer(const std::string& business_id,
                                          const std::string& customer_id) const {
  connection_.exec(statements().delete_all, {business_id, customer_id});
}

}  // namespace capi::store
