// A table's columns declared once. Each column ties one member of a row struct to its SQL
// column and to a codec that says how the value travels: text result -> member, member ->
// text parameter, member -> binary COPY field. The SELECT list, the row reader, the INSERT
// and UPDATE statements with their parameters, and the COPY encoder are all generated from
// one table per row type (customer_columns.cpp, contact_columns.cpp), so that adding a column
// is one line there and a member of the row.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/connection.hpp"
#include "store/copy_binary.hpp"
#include "store/pg_types.hpp"

namespace capi::store {

// Which statements a column takes part in.
enum class ColumnRole {
  kKey,       // identifies the row (id, business_id, ...): INSERT, COPY, UPDATE's WHERE
  kWritable,  // set by INSERT and UPDATE from the row: the fields clients write
  kSealed,    // writable, and holding ciphertext: rewritten alone by key rotation
  kStored,    // kept by the database (version, timestamps, figures): read, written by COPY only
  kReadOnly,  // read only: a generated column or an expression (`name` is the SQL)
};

constexpr bool is_inserted(ColumnRole role) {
  return role == ColumnRole::kKey || role == ColumnRole::kWritable || role == ColumnRole::kSealed;
}
constexpr bool is_updated(ColumnRole role) {
  return role == ColumnRole::kWritable || role == ColumnRole::kSealed;
}
constexpr bool is_copied(ColumnRole role) {
  return role != ColumnRole::kReadOnly;
}

// How values of one SQL type travel. `select` and `param` are SQL templates in which '@'
// stands for the column's name and the parameter's $n respectively.
namespace codec {

struct Text {
  using Value = std::string;
  static constexpr const char* kSelect = "@";
  static constexpr const char* kParam = "@";
  static Value read(const Result& result, int row, int column) { return result.str(row, column); }
  static std::string param(const Value& value) { return value; }
  static void copy(std::string& out, const Value& value) { copy_bytes(out, value); }
};

// Raw bytes (ciphertexts) in a bytea column; the text protocol shows them as "\x..." hex.
struct Bytes {
  using Value = std::string;
  static constexpr const char* kSelect = "@";
  static constexpr const char* kParam = "@::bytea";
  static Value read(const Result& result, int row, int column) {
    return bytea_from_text(result.text(row, column));
  }
  static std::string param(const Value& value) { return bytea_param(value); }
  static void copy(std::string& out, const Value& value) { copy_bytes(out, value); }
};

template <class Integer, int kBytes>
struct Whole {
  using Value = Integer;
  static constexpr const char* kSelect = "@";
  static constexpr const char* kParam = kBytes == 4 ? "@::integer" : "@::bigint";
  static Value read(const Result& result, int row, int column) {
    return static_cast<Value>(result.integer(row, column));
  }
  static std::string param(const Value& value) { return std::to_string(value); }
  static void copy(std::string& out, const Value& value) {
    if constexpr (kBytes == 4) {
      copy_int4(out, static_cast<std::int32_t>(value));
    } else {
      copy_int8(out, static_cast<std::int64_t>(value));
    }
  }
};
using Int4 = Whole<int, 4>;
using Int8 = Whole<std::int64_t, 8>;

struct Boolean {
  using Value = bool;
  static constexpr const char* kSelect = "@";
  static constexpr const char* kParam = "@::boolean";
  static Value read(const Result& result, int row, int column) {
    return result.boolean(row, column);
  }
  static std::string param(const Value& value) { return value ? "true" : "false"; }
  static void copy(std::string& out, const Value& value) { copy_bool(out, value); }
};

// A timestamptz as Unix milliseconds.
struct TimeMs {
  using Value = std::int64_t;
  static constexpr const char* kSelect = "(extract(epoch FROM @) * 1000)::bigint";
  static constexpr const char* kParam =
      "('epoch'::timestamptz + @::bigint * interval '1 millisecond')";
  static Value read(const Result& result, int row, int column) {
    return result.integer(row, column);
  }
  static std::string param(const Value& value) { return std::to_string(value); }
  static void copy(std::string& out, const Value& value) { copy_timestamp(out, value); }
};

// A text[] as a JSON array on the wire (no quoting rules to get wrong).
struct TextArray {
  using Value = std::vector<std::string>;
  static constexpr const char* kSelect = "array_to_json(@)::text";
  static constexpr const char* kParam = "ARRAY(SELECT jsonb_array_elements_text(@::jsonb))";
  static Value read(const Result& result, int row, int column) {
    return string_array_from_json(result.text(row, column));
  }
  static std::string param(const Value& value) { return json_string_array(value); }
  static void copy(std::string& out, const Value& value) { copy_text_array(out, value); }
};

// A jsonb object as its JSON text.
struct Jsonb {
  using Value = std::string;
  static constexpr const char* kSelect = "@::text";
  static constexpr const char* kParam = "@::jsonb";
  static Value read(const Result& result, int row, int column) { return result.str(row, column); }
  static std::string param(const Value& value) { return value; }
  static void copy(std::string& out, const Value& value) { copy_jsonb(out, value); }
};

// Any of the above, NULL allowed: the member is a std::optional.
template <class Inner>
struct Nullable {
  using Value = std::optional<typename Inner::Value>;
  static constexpr const char* kSelect = Inner::kSelect;
  static constexpr const char* kParam = Inner::kParam;
  static Value read(const Result& result, int row, int column) {
    if (result.is_null(row, column)) return std::nullopt;
    return Inner::read(result, row, column);
  }
  static std::optional<std::string> param(const Value& value) {
    if (!value) return std::nullopt;
    return Inner::param(*value);
  }
  static void copy(std::string& out, const Value& value) {
    if (value) {
      Inner::copy(out, *value);
    } else {
      copy_null(out);
    }
  }
};

}  // namespace codec

template <class Row>
struct Column {
  const char* name;  // the column; for kReadOnly, the SQL expression read
  ColumnRole role;
  const char* select;  // codec template of the SELECT expression
  const char* param;   // codec template of the parameter expression
  void (*read)(const Result& result, int row, int column, Row& out);
  std::optional<std::string> (*value)(const Row& row);
  void (*copy)(std::string& out, const Row& row);
  // SQL used when the parameter is NULL, per statement (nullptr: NULL is stored).
  const char* insert_null = nullptr;
  const char* update_null = nullptr;

  constexpr Column null_means(const char* on_insert, const char* on_update) const {
    Column column = *this;
    column.insert_null = on_insert;
    column.update_null = on_update;
    return column;
  }
};

namespace detail {

// Converts to anything: counts an aggregate's members by how many it can be built from.
struct AnyMember {
  template <class T>
  operator T() const;  // never defined: only named in unevaluated contexts
};

template <class T, class... Fields>
constexpr std::size_t count_members() {
  if constexpr (requires { T{Fields{}..., AnyMember{}}; }) {
    return count_members<T, Fields..., AnyMember>();
  } else {
    return sizeof...(Fields);
  }
}

template <class Member>
struct MemberOf;
template <class Row, class Value>
struct MemberOf<Value Row::*> {
  using RowType = Row;
};
}  // namespace detail

// The number of members of the aggregate `Row`, for the tables' compile-time checks.
template <class Row>
constexpr std::size_t member_count() {
  return detail::count_members<Row>();
}

// column<codec::Text, &CustomerRow::name>("name", ColumnRole::kWritable)
template <class Codec, auto kMember>
constexpr auto column(const char* name, ColumnRole role) {
  using Row = typename detail::MemberOf<decltype(kMember)>::RowType;
  return Column<Row>{
      name,
      role,
      Codec::kSelect,
      Codec::kParam,
      [](const Result& result, int row, int at, Row& out) {
        out.*kMember = Codec::read(result, row, at);
      },
      [](const Row& row) -> std::optional<std::string> { return Codec::param(row.*kMember); },
      [](std::string& out, const Row& row) { Codec::copy(out, row.*kMember); }};
}

// Checked at compile time by each table: the keys come first (UPDATE takes them as $1, $2,
// ...), names are unique, and at least one column is read.
template <class Row, std::size_t kCount>
constexpr bool well_formed(const std::array<Column<Row>, kCount>& columns) {
  bool keys_done = false;
  for (std::size_t i = 0; i < kCount; ++i) {
    if (columns[i].role != ColumnRole::kKey) keys_done = true;
    if (columns[i].role == ColumnRole::kKey && keys_done) return false;
    for (std::size_t j = 0; j < i; ++j) {
      if (std::string_view(columns[i].name) == columns[j].name) return false;
    }
  }
  return kCount > 0 && columns[0].role == ColumnRole::kKey;
}

// The statements and encoders generated from one table's columns. SQL is built once, from
// the constant column declarations only; values always travel as parameters.
template <class Row>
class TableSchema {
 public:
  template <std::size_t kCount>
  TableSchema(const char* table, const std::array<Column<Row>, kCount>& columns)
      : table_(table), columns_(columns.begin(), columns.end()) {
    for (const auto& column : columns_) copied_ += is_copied(column.role) ? 1 : 0;
  }

  // "id, business_id, ..., (extract(epoch FROM created_at) * 1000)::bigint, ..."
  std::string select_list() const;
  const char* name() const { return table_; }
  int width() const { return static_cast<int>(columns_.size()); }

  // The row in the select list's columns starting at column `at` of result row `row`.
  Row read(const Result& result, int row, int at = 0) const;
  std::vector<Row> read_all(const Result& result) const;

  // INSERT of the key and writable columns ($1.. in that order), returning the select list.
  std::string insert_sql() const;
  // UPDATE of the writable columns, bumping version and updated_at, WHERE the keys.
  std::string update_sql() const;
  // UPDATE of the sealed columns only (no version bump: nothing a client sees changes).
  std::string update_sealed_sql() const;
  // The parameters of insert_sql() and update_sql() (the same list), and of
  // update_sealed_sql().
  std::vector<std::optional<std::string>> write_values(const Row& row) const;
  std::vector<std::optional<std::string>> sealed_values(const Row& row) const;

  // The number of ciphertexts under each key id, over every sealed column: rows of (key id
  // as 8 hex digits, count). A whole-table scan: for the operator's `encryption status`.
  std::string sealed_key_counts_sql() const;

  // COPY ... FROM STDIN (FORMAT binary) of every stored column, and one row's tuple.
  std::string copy_sql() const;
  void copy_row(std::string& out, const Row& row) const;

 private:
  template <class Keep>
  std::string assignments(Keep keep, const char* (*fallback)(const Column<Row>&)) const;
  template <class Keep>
  std::vector<std::optional<std::string>> values_of(const Row& row, Keep keep) const;

  const char* table_;
  std::vector<Column<Row>> columns_;
  std::uint16_t copied_ = 0;  // the fields of a COPY tuple
};

// "$3" wrapped by a codec's parameter template.
std::string fill_template(const char* pattern, std::string_view with);

// The parameters as libpq takes them (views of `values`, which must outlive them).
std::vector<Param> as_params(const std::vector<std::optional<std::string>>& values);

}  // namespace capi::store

#include "store/columns_impl.hpp"
