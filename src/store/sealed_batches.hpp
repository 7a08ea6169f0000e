// Key rotation's access to a table that holds sealed columns: its rows in id order after a
// given id, locked a batch at a time, and writing back only the sealed columns (no version
// bump: nothing a client sees changes). Statements are made from the table's columns.
#pragma once

#include <string>
#include <vector>

#include "store/built_statement.hpp"
#include "store/columns.hpp"

namespace capi::store {

template <class Row>
class SealedBatches {
 public:
  // `name` prefixes the statements' names ("customer" -> "customer_batch_for_update").
  SealedBatches(Connection& connection, const TableSchema<Row>& table, const std::string& name)
      : connection_(connection),
        table_(table),
        batch_(name + "_batch_for_update", "SELECT " + table.select_list() + " FROM " +
                                               table.name() +
                                               " WHERE id > $1 ORDER BY id LIMIT $2::int"
                                               " FOR UPDATE"),
        write_(name + "_write_sealed", table.update_sealed_sql()) {}

  // At most `limit` rows after `after_id` (every business), locked until the transaction ends.
  std::vector<Row> batch_for_update(const std::string& after_id, int limit) const {
    return table_.read_all(connection_.exec(batch_, {after_id, std::to_string(limit)}));
  }

  void write_sealed(const Row& row) const {
    const auto values = table_.sealed_values(row);
    connection_.exec(write_, as_params(values));
  }

 private:
  Connection& connection_;
  const TableSchema<Row>& table_;
  BuiltStatement batch_;
  BuiltStatement write_;
};

}  // namespace capi::store
