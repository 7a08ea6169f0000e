// The statements and encoders a table's column declarations generate (store/columns.hpp).
#include <boost/test/unit_test.hpp>

#include <optional>
#include <string>
#include <vector>

#include "store/columns.hpp"
#include "store/copy_binary.hpp"

namespace {

using namespace capi::store;

struct Widget {
  std::string id;
  std::string business_id;
  int version = 1;
  std::string name;
  std::optional<std::string> secret_enc;
  std::vector<std::string> tags;
  std::optional<std::int64_t> since_ms;
  std::int64_t created_ms = 0;
  std::string sort_name;
};

using enum ColumnRole;
constexpr std::array kWidgetColumns = {
    column<codec::Text, &Widget::id>("id", kKey),
    column<codec::Text, &Widget::business_id>("business_id", kKey),
    column<codec::Int4, &Widget::version>("version", kStored),
    column<codec::Text, &Widget::name>("name", kWritable),
    column<codec::Nullable<codec::Bytes>, &Widget::secret_enc>("secret_enc", kSealed),
    column<codec::TextArray, &Widget::tags>("tags", kWritable),
    column<codec::Nullable<codec::TimeMs>, &Widget::since_ms>("since", kWritable)
        .null_means("now()", "created_at"),
    column<codec::TimeMs, &Widget::created_ms>("created_at", kStored),
    column<codec::Text, &Widget::sort_name>("sort_name", kReadOnly),
};
static_assert(well_formed(kWidgetColumns));
static_assert(member_count<Widget>() == kWidgetColumns.size());

// A key after a non-key column, or a name given twice, is refused at compile time.
constexpr std::array kKeyLate = {
    column<codec::Text, &Widget::name>("name", kWritable),
    column<codec::Text, &Widget::id>("id", kKey),
};
static_assert(!well_formed(kKeyLate));
constexpr std::array kTwice = {
    column<codec::Text, &Widget::id>("id", kKey),
    column<codec::Text, &Widget::name>("id", kWritable),
};
static_assert(!well_formed(kTwice));

const TableSchema<Widget>& widgets() {
  static const TableSchema<Widget> table("widgets", kWidgetColumns);
  return table;
}

Widget sample() {
  Widget widget;
  widget.id = "w1";
  widget.business_id = "b1";
  widget.name = "Gear";
  widget.secret_enc = std::string("\x01\xff", 2);
  widget.tags = {"a", "b"};
  widget.created_ms = 946684800000LL + 1;  // 1 ms after PostgreSQL's epoch
  return widget;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(store_columns)

BOOST_AUTO_TEST_CASE(select_list_reads_every_column_through_its_codec) {
  BOOST_TEST(widgets().select_list() ==
             "id, business_id, version, name, secret_enc, array_to_json(tags)::text,"
             " (extract(epoch FROM since) * 1000)::bigint,"
             " (extract(epoch FROM created_at) * 1000)::bigint, sort_name");
  BOOST_TEST(widgets().width() == 9);
}

BOOST_AUTO_TEST_CASE(insert_takes_keys_and_writable_columns_with_their_casts) {
  BOOST_TEST(widgets().insert_sql() ==
             "INSERT INTO widgets (id, business_id, name, secret_enc, tags, since) VALUES ($1, $2,"
             " $3, $4::bytea, ARRAY(SELECT jsonb_array_elements_text($5::jsonb)),"
             " COALESCE(('epoch'::timestamptz + $6::bigint * interval '1 millisecond'), now()))"
             " RETURNING " +
                 widgets().select_list());
}

BOOST_AUTO_TEST_CASE(update_sets_writable_columns_where_the_keys_match) {
  BOOST_TEST(widgets().update_sql() ==
             "UPDATE widgets SET version = version + 1, updated_at = now(), name = $3,"
             " secret_enc = $4::bytea, tags = ARRAY(SELECT jsonb_array_elements_text($5::jsonb)),"
             " since = COALESCE(('epoch'::timestamptz + $6::bigint * interval '1 millisecond'),"
             " created_at) WHERE id = $1 AND business_id = $2 RETURNING " +
                 widgets().select_list());
}

BOOST_AUTO_TEST_CASE(the_sealed_update_touches_only_sealed_columns) {
  BOOST_TEST(widgets().update_sealed_sql() ==
             "UPDATE widgets SET secret_enc = $3::bytea WHERE id = $1 AND business_id = $2");
  const auto values = widgets().sealed_values(sample());
  BOOST_TEST_REQUIRE(values.size() == 3u);
  BOOST_TEST(*values[2] == "\\x01ff");
}

BOOST_AUTO_TEST_CASE(write_values_follow_the_insert_order_as_text) {
  const auto values = widgets().write_values(sample());
  BOOST_TEST_REQUIRE(values.size() == 6u);
  BOOST_TEST(*values[0] == "w1");
  BOOST_TEST(*values[1] == "b1");
  BOOST_TEST(*values[2] == "Gear");
  BOOST_TEST(*values[3] == "\\x01ff");
  BOOST_TEST(*values[4] == R"(["a","b"])");
  BOOST_TEST(!values[5].has_value());  // NULL: the statement's fallback decides
}

BOOST_AUTO_TEST_CASE(copy_writes_every_stored_column_in_binary) {
  BOOST_TEST(widgets().copy_sql() ==
             "COPY widgets (id, business_id, version, name, secret_enc, tags, since, created_at)"
             " FROM STDIN (FORMAT binary)");
  std::string tuple;
  widgets().copy_row(tuple, sample());
  std::string expected;
  put_u16(expected, 8);
  copy_bytes(expected, "w1");
  copy_bytes(expected, "b1");
  copy_int4(expected, 1);
  copy_bytes(expected, "Gear");
  copy_bytes(expected, std::string("\x01\xff", 2));
  copy_text_array(expected, {"a", "b"});
  copy_null(expected);
  copy_int8(expected, 1000);  // microseconds since 2000-01-01
  BOOST_TEST(tuple == expected);
}

BOOST_AUTO_TEST_SUITE_END()
