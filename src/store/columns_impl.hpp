// TableSchema's members (included by columns.hpp).
#pragma once

namespace capi::store {

template <class Row>
std::string TableSchema<Row>::select_list() const {
  std::string list;
  for (const auto& column : columns_) {
    if (!list.empty()) list += ", ";
    list += fill_template(column.select, column.name);
  }
  return list;
}

template <class Row>
Row TableSchema<Row>::read(const Result& result, int row, int at) const {
  Row out;
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    columns_[i].read(result, row, at + static_cast<int>(i), out);
  }
  return out;
}

template <class Row>
std::vector<Row> TableSchema<Row>::read_all(const Result& result) const {
  std::vector<Row> rows;
  rows.reserve(static_cast<std::size_t>(result.rows()));
  for (int i = 0; i < result.rows(); ++i) rows.push_back(read(result, i));
  return rows;
}

template <class Row>
std::string TableSchema<Row>::insert_sql() const {
  std::string names;
  std::string values;
  int number = 0;
  for (const auto& column : columns_) {
    if (!is_inserted(column.role)) continue;
    if (number > 0) names += ", ", values += ", ";
    names += column.name;
    const std::string param = fill_template(column.param, "$" + std::to_string(++number));
    if (column.insert_null == nullptr) {
      values += param;
    } else {
      values.append("COALESCE(").append(param).append(", ").append(column.insert_null) += ')';
    }
  }
  return std::string("INSERT INTO ") + table_ + " (" + names + ") VALUES (" + values +
         ") RETURNING " + select_list();
}

template <class Row>
template <class Keep>
std::string TableSchema<Row>::assignments(Keep keep,
                                          const char* (*fallback)(const Column<Row>&)) const {
  std::string set;
  std::string where;
  int number = 0;
  for (const auto& column : columns_) {
    const bool key = column.role == ColumnRole::kKey;
    if (!key && !keep(column)) continue;
    const std::string param = fill_template(column.param, "$" + std::to_string(++number));
    if (key) {
      where += (where.empty() ? " WHERE " : " AND ") + std::string(column.name) + " = " + param;
    } else {
      const char* const when_null = fallback(column);
      set += std::string(", ") + column.name + " = " +
             (when_null == nullptr ? param : "COALESCE(" + param + ", " + when_null + ")");
    }
  }
  return set + where;
}

template <class Row>
std::string TableSchema<Row>::update_sql() const {
  const auto sets = assignments([](const Column<Row>& column) { return is_updated(column.role); },
                                [](const Column<Row>& column) { return column.update_null; });
  return std::string("UPDATE ") + table_ + " SET version = version + 1, updated_at = now()" + sets +
         " RETURNING " + select_list();
}

template <class Row>
std::string TableSchema<Row>::update_sealed_sql() const {
  const auto sets =
      assignments([](const Column<Row>& column) { return column.role == ColumnRole::kSealed; },
                  [](const Column<Row>&) -> const char* { return nullptr; });
  return std::string("UPDATE ") + table_ + " SET" + sets.substr(1);  // without the first ','
}

template <class Row>
template <class Keep>
std::vector<std::optional<std::string>> TableSchema<Row>::values_of(const Row& row,
                                                                    Keep keep) const {
  std::vector<std::optional<std::string>> values;
  values.reserve(columns_.size());
  for (const auto& column : columns_) {
    if (keep(column.role)) values.push_back(column.value(row));
  }
  return values;
}

// INSERT and UPDATE take the same parameters: the keys come first in the table (well_formed),
// then the writable columns, so UPDATE numbers them as INSERT does.
template <class Row>
std::vector<std::optional<std::string>> TableSchema<Row>::write_values(const Row& row) const {
  return values_of(row, is_inserted);
}

template <class Row>
std::vector<std::optional<std::string>> TableSchema<Row>::sealed_values(const Row& row) const {
  return values_of(
      row, [](ColumnRole role) { return role == ColumnRole::kKey || role == ColumnRole::kSealed; });
}

template <class Row>
std::string TableSchema<Row>::sealed_key_counts_sql() const {
  std::string sealed;
  for (const auto& column : columns_) {
    if (column.role != ColumnRole::kSealed) continue;
    if (!sealed.empty()) sealed += ", ";
    sealed += column.name;
  }
  // Each ciphertext starts with the 4-byte id of its key (crypto/keyring.hpp).
  return std::string("SELECT encode(substring(sealed from 1 for 4), 'hex'), count(*) FROM ") +
         table_ + ", unnest(ARRAY[" + sealed + "]) AS sealed WHERE sealed IS NOT NULL GROUP BY 1";
}

template <class Row>
std::string TableSchema<Row>::copy_sql() const {
  std::string names;
  for (const auto& column : columns_) {
    if (!is_copied(column.role)) continue;
    if (!names.empty()) names += ", ";
    names += column.name;
  }
  return std::string("COPY ") + table_ + " (" + names + ") FROM STDIN (FORMAT binary)";
}

template <class Row>
void TableSchema<Row>::copy_row(std::string& out, const Row& row) const {
  put_u16(out, copied_);
  for (const auto& column : columns_) {
    if (is_copied(column.role)) column.copy(out, row);
  }
}

}  // namespace capi::store
