#include "store/customer_store.hpp"

#include <rapidjson/document.h>

#include <algorithm>
#include <array>
#include <iterator>
#include <map>
#include <tuple>

#include "store/pg_types.hpp"

namespace capi::store {
namespace {

#define CAPI_MS(column) "(extract(epoch FROM " column ") * 1000)::bigint"
#define CAPI_US(column) "(extract(epoch FROM " column ") * 1000000)::bigint"

// Result columns of every customer query, in CustomerRow order (see row_from).
// clang-format off
#define CAPI_CUSTOMER_COLUMNS \
  "id, business_id, version, type, name, company_name, email_enc, phone_enc, tax_id_enc," \
  " billing_address_enc, shipping_address_enc, website, country, currency, segment," \
  " array_to_json(tags)::text, payment_terms, credit_limit_minor, discount_rate_bp," \
  " preferred_shipping, notes, metadata::text," \
  " " CAPI_MS("customer_since") ", " CAPI_MS("created_at") ", " CAPI_MS("updated_at") "," \
  " " CAPI_MS("deleted_at") ", " CAPI_MS("erased_at") "," \
  " order_count, lifetime_value_minor, balance_minor," \
  " " CAPI_MS("first_order_at") ", " CAPI_MS("last_order_at") "," \
  " email_index, phone_index, array_to_json(email_tokens)::text," \
  " " CAPI_US("created_at") ", " CAPI_US("updated_at") "," \
  " COALESCE(" CAPI_US("last_order_at") ", -1), sort_name"
// clang-format on

#define CAPI_FROM_EPOCH_MS(param) \
  "('epoch'::timestamptz + " param "::bigint * interval '1 millisecond')"

constexpr Statement kInsert{
    "customer_insert",
    "INSERT INTO customers (id, business_id, type, name, company_name, email_enc, email_index,"
    " email_tokens, phone_enc, phone_index, tax_id_enc, billing_address_enc,"
    " shipping_address_enc, website, country, currency, segment, tags, payment_terms,"
    " credit_limit_minor, discount_rate_bp, preferred_shipping, notes, metadata,"
    " customer_since)"
    " VALUES ($1, $2, $3, $4, $5, $6::bytea, $7, ARRAY(SELECT jsonb_array_elements_text($8::jsonb)),"
    " $9::bytea, $10, $11::bytea, $12::bytea, $13::bytea, $14, $15, $16, $17,"
    " ARRAY(SELECT jsonb_array_elements_text($18::jsonb)), $19, $20, $21, $22, $23, $24::jsonb,"
    " COALESCE(" CAPI_FROM_EPOCH_MS("$25") ", now()))"
    " RETURNING " CAPI_CUSTOMER_COLUMNS};

constexpr Statement kUpdate{
    "customer_update",
    "UPDATE customers SET version = version + 1, updated_at = now(),"
    " type = $3, name = $4, company_name = $5, email_enc = $6::bytea, email_index = $7,"
    " email_tokens = ARRAY(SELECT jsonb_array_elements_text($8::jsonb)), phone_enc = $9::bytea,"
    " phone_index = $10, tax_id_enc = $11::bytea, billing_address_enc = $12::bytea,"
    " shipping_address_enc = $13::bytea, website = $14, country = $15, currency = $16,"
    " segment = $17, tags = ARRAY(SELECT jsonb_array_elements_text($18::jsonb)),"
    " payment_terms = $19, credit_limit_minor = $20, discount_rate_bp = $21,"
    " preferred_shipping = $22, notes = $23, metadata = $24::jsonb,"
    " customer_since = COALESCE(" CAPI_FROM_EPOCH_MS("$25") ", created_at)"
    " WHERE id = $1 AND business_id = $2"
    " RETURNING " CAPI_CUSTOMER_COLUMNS};

constexpr Statement kFindForUpdate{"customer_find_for_update",
                                   "SELECT " CAPI_CUSTOMER_COLUMNS
                                   " FROM customers WHERE business_id = $1 AND id = $2 FOR UPDATE"};
constexpr Statement kSetDeleted{
    "customer_set_deleted",
    "UPDATE customers SET version = version + 1, updated_at = now(),"
    " deleted_at = CASE WHEN $3::boolean THEN now() ELSE NULL END"
    " WHERE business_id = $1 AND id = $2 RETURNING " CAPI_CUSTOMER_COLUMNS};
constexpr Statement kErase{
    "customer_erase",
    "UPDATE customers SET version = version + 1, updated_at = now(),"
    " deleted_at = COALESCE(deleted_at, now()), erased_at = now(), name = 'Erased customer',"
    " company_name = NULL, email_enc = NULL, email_index = NULL, email_tokens = '{}',"
    " phone_enc = NULL, phone_index = NULL, tax_id_enc = NULL, billing_address_enc = NULL,"
    " shipping_address_enc = NULL, website = NULL, segment = NULL, tags = '{}', notes = NULL,"
    " preferred_shipping = NULL, metadata = '{}'"
    " WHERE business_id = $1 AND id = $2 RETURNING " CAPI_CUSTOMER_COLUMNS};
#define CAPI_CONTACT_COLUMNS                                                   \
  "id, business_id, customer_id, version, name, title, email_enc, phone_enc, " \
  "is_primary, " CAPI_MS("created_at") ", " CAPI_MS("updated_at")

// A customer row (CAPI_CUSTOMER_COLUMNS) joined to its contacts (CAPI_CONTACT_COLUMNS after
// them, NULL when it has none), in one round trip: one result row per contact.
#define CAPI_WITH_CONTACTS(customer_where)                           \
  "SELECT customer.*, contact.* FROM (SELECT " CAPI_CUSTOMER_COLUMNS \
  " FROM customers WHERE " customer_where                            \
  ") AS customer"                                                    \
  " LEFT JOIN LATERAL (SELECT " CAPI_CONTACT_COLUMNS                 \
  " FROM customer_contacts"                                          \
  " WHERE customer_contacts.business_id = customer.business_id"      \
  " AND customer_contacts.customer_id = customer.id ORDER BY created_at, id) AS contact ON true"

constexpr Statement kFind{"customer_find", CAPI_WITH_CONTACTS("business_id = $1 AND id = $2")};
constexpr Statement kFindByEmail{
    "customer_find_by_email",
    CAPI_WITH_CONTACTS("business_id = $1 AND email_index = $2 AND deleted_at IS NULL")};
constexpr Statement kFindByPhone{
    "customer_find_by_phone",
    CAPI_WITH_CONTACTS("business_id = $1 AND phone_index = $2 AND deleted_at IS NULL")};
constexpr int kCustomerColumns = 39;

constexpr Statement kInsertContact{
    "contact_insert",
    "INSERT INTO customer_contacts (id, business_id, customer_id, name, title, email_enc,"
    " phone_enc, is_primary) VALUES ($1, $2, $3, $4, $5, $6::bytea, $7::bytea, $8)"
    " RETURNING " CAPI_CONTACT_COLUMNS};
constexpr Statement kContacts{"contact_list",
                              "SELECT " CAPI_CONTACT_COLUMNS
                              " FROM customer_contacts WHERE business_id = $1 AND customer_id = $2"
                              " ORDER BY created_at, id"};
constexpr Statement kDeleteContacts{
    "contact_delete_all",
    "DELETE FROM customer_contacts WHERE business_id = $1 AND customer_id = $2"};

constexpr Statement kBatch{"customer_batch_for_update",
                           "SELECT " CAPI_CUSTOMER_COLUMNS
                           " FROM customers WHERE id > $1 ORDER BY id LIMIT $2::int FOR UPDATE"};
constexpr Statement kWriteSealed{
    "customer_write_sealed",
    "UPDATE customers SET email_enc = $3::bytea, phone_enc = $4::bytea, tax_id_enc = $5::bytea,"
    " billing_address_enc = $6::bytea, shipping_address_enc = $7::bytea"
    " WHERE id = $1 AND business_id = $2"};
constexpr Statement kContactBatch{
    "contact_batch_for_update",
    "SELECT " CAPI_CONTACT_COLUMNS
    " FROM customer_contacts WHERE id > $1 ORDER BY id LIMIT $2::int FOR UPDATE"};
constexpr Statement kContactWriteSealed{
    "contact_write_sealed",
    "UPDATE customer_contacts SET email_enc = $3::bytea, phone_enc = $4::bytea"
    " WHERE id = $1 AND business_id = $2"};

// The filters shared by list, count and search: $1 business, $2..$13 as in filter_params().
// $1 business, $2 status, $3..$8 the listing filters.
#define CAPI_FILTER_BASE \
  " business_id = $1"                                                                        \
  " AND ($2::text = 'all' OR ($2::text = 'active' AND deleted_at IS NULL)"                   \
  "      OR ($2::text = 'inactive' AND deleted_at IS NOT NULL))"                             \
  " AND ($3::text IS NULL OR segment = $3::text)"                                            \
  " AND ($4::text IS NULL OR type = $4::text)"                                               \
  " AND ($5::text IS NULL OR country = $5::text)"                                            \
  " AND ($6::text IS NULL OR tags @> ARRAY[$6::text])"                                       \
  " AND ($7::bigint IS NULL OR created_at >= " CAPI_FROM_EPOCH_MS("$7") ")"                  \
  " AND ($8::bigint IS NULL OR created_at < " CAPI_FROM_EPOCH_MS("$8") ")"

// The search text: $9 (LIKE-escaped, lower-cased here), $10 and $11 the blind indexes of the
// text read as an email and a phone, $12 those of the email words in it.
#define CAPI_TEXT_MATCH                                         \
  " (sort_name LIKE '%' || lower($9::text) || '%'"              \
  "  OR lower(company_name) LIKE '%' || lower($9::text) || '%'" \
  "  OR email_index = $10::text OR phone_index = $11::text"     \
  "  OR ($12::text[] <> '{}' AND email_tokens @> $12::text[]))"

#define CAPI_FILTER CAPI_FILTER_BASE " AND ($9::text IS NULL OR" CAPI_TEXT_MATCH ")"

constexpr int kFilterParams = 12;

struct SortSpec {
  const char* name;        // statement name part
  const char* expression;  // what rows are ordered by
  const char* cursor;      // the cursor's value as a comparable SQL expression of $N
};

// $N in `cursor` is replaced by the cursor value's parameter number.
const std::array<SortSpec, 5> kSorts = {{
    {"name", "sort_name", "$N::text"},
    {"created", "created_at", "('epoch'::timestamptz + $N::bigint * interval '1 microsecond')"},
    {"updated", "updated_at", "('epoch'::timestamptz + $N::bigint * interval '1 microsecond')"},
    {"ltv", "lifetime_value_minor", "$N::bigint"},
    {"lastorder", "COALESCE(" CAPI_US("last_order_at") ", -1)", "$N::bigint"},
}};

std::string replace_n(std::string text, int number) {
  const auto at = text.find("$N");
  if (at != std::string::npos) text.replace(at + 1, 1, std::to_string(number));  // keeps the $
  return text;
}

// Builds (once) the list statement for a sort, a direction and a paging mode. The SQL is
// made from the constant fragments above only; values always travel as parameters.
const Statement& list_statement(SortKey key, bool descending, bool keyset) {
  struct Built {
    std::string name;
    std::string sql;
    Statement statement{nullptr, nullptr, Planning::kPerExecution};
  };
  static std::map<int, Built> built;
  const int slot = static_cast<int>(key) * 4 + (descending ? 2 : 0) + (keyset ? 1 : 0);
  auto& entry = built[slot];
  if (entry.statement.name == nullptr) {
    const SortSpec& spec = kSorts.at(static_cast<std::size_t>(key));
    const char* const direction = descending ? " DESC" : " ASC";
    entry.name = std::string("customer_list_") + spec.name + (descending ? "_desc" : "_asc") +
                 (keyset ? "_keyset" : "_offset");
    std::string sql = "SELECT " CAPI_CUSTOMER_COLUMNS " FROM customers WHERE" CAPI_FILTER;
    const int value_param = kFilterParams + 1;
    if (keyset) {
      sql += std::string(" AND (") + spec.expression + ", id) " + (descending ? "<" : ">") + " (" +
             replace_n(spec.cursor, value_param) + ", $" + std::to_string(value_param + 1) +
             "::text)";
    }
    sql += std::string(" ORDER BY ") + spec.expression + direction + ", id" + direction;
    sql += " LIMIT $" + std::to_string(value_param + (keyset ? 2 : 0)) + "::int";
    if (!keyset) sql += " OFFSET $" + std::to_string(value_param + 1) + "::int";
    entry.sql = std::move(sql);
    entry.statement = Statement{entry.name.c_str(), entry.sql.c_str(), Planning::kPerExecution};
  }
  return entry.statement;
}

// Counts up to the cap. The name order lets the planner count along the name index (the
// cheapest way for a large business: it stops at the cap) instead of scanning the table.
constexpr Statement kCount{"customer_count",
                           "SELECT count(*) FROM (SELECT 1 FROM customers WHERE" CAPI_FILTER
                           " ORDER BY sort_name, id LIMIT $13::int + 1) AS matches",
                           Planning::kPerExecution};

// The planner's estimate of the number of matches (planned with the real values, as every
// listing statement is): what `total` reports above the exact cap.
constexpr Statement kEstimate{"customer_count_estimate",
                              "EXPLAIN (FORMAT JSON) SELECT 1 FROM customers WHERE" CAPI_FILTER,
                              Planning::kPerExecution};

// Search ranks exact email/phone hits first, then name-prefix matches, then the other
// matches, each group by name. The groups are disjoint queries run in rank order until the
// page is full, each asking for what the page still needs. Exact hits come from the blind
// indexes; the other groups from customer_search (sql/004), the narrow copy of the active
// customers' searchable columns, and are then joined to their customers rows.
constexpr Statement kSearchExact{
    "customer_search_exact",
    "SELECT " CAPI_CUSTOMER_COLUMNS " FROM customers WHERE" CAPI_FILTER_BASE
    " AND (email_index = $9::text OR phone_index = $10::text) ORDER BY sort_name, id"
    " LIMIT $11::int",
    Planning::kPerExecution};

// The statements on customer_search take $1 the business, $2 the text (LIKE-escaped), $3 the
// ids already on the page, $4 how many rows the page still needs; the walk also $5, how many
// names to walk at most, and the email-word group $5, the words' blind indexes. Each gives
// the hits' ids and names, joined here to their customers rows in the same order.
#define CAPI_SEARCH_PAGE(hits)                                     \
  "SELECT " CAPI_CUSTOMER_COLUMNS " FROM customers JOIN (" hits    \
  ") AS hit"                                                       \
  " ON customers.id = hit.hit_id WHERE customers.business_id = $1" \
  " ORDER BY hit.hit_name, hit.hit_id"
#define CAPI_SEARCH_NOT_YET \
  " AND NOT sort_name LIKE lower($2::text) || '%' AND customer_id <> ALL ($3::text[])"
#define CAPI_SEARCH_INFIX                          \
  " (sort_name LIKE '%' || lower($2::text) || '%'" \
  "  OR company_lower LIKE '%' || lower($2::text) || '%')" CAPI_SEARCH_NOT_YET

// The name-prefix group: a range of the name index.
constexpr Statement kSearchPrefix{
    "customer_search_prefix",
    CAPI_SEARCH_PAGE("SELECT customer_id AS hit_id, sort_name AS hit_name FROM customer_search"
                     " WHERE business_id = $1 AND sort_name LIKE lower($2::text) || '%'"
                     " AND customer_id <> ALL ($3::text[])"
                     " ORDER BY sort_name, customer_id LIMIT $4::int"),
    Planning::kPerExecution};

// The rest of the matches (by name) are the infix matches of name or company and the email-
// word matches, found apart and merged. The email-word group reads customers (their GIN
// index on the words' blind indexes): exact values, so the planner's estimate from the GIN
// statistics is good and it chooses well between walking the name index (a common word)
// and gathering the few.
constexpr Statement kSearchWords{
    "customer_search_words",
    CAPI_SEARCH_PAGE("SELECT id AS hit_id, sort_name AS hit_name FROM customers"
                     " WHERE business_id = $1 AND deleted_at IS NULL AND email_tokens @> $5::text[]"
                     " AND NOT sort_name LIKE lower($2::text) || '%' AND id <> ALL ($3::text[])"
                     " ORDER BY sort_name, id LIMIT $4::int"),
    Planning::kPerExecution};

// The infix group, two ways. A common fragment fills the page within the first names: walk
// the name index (only what it holds: no table access), at most $5 names (cheap, and bounded
// whatever the fragment). When that does not fill the page, the matches are few or sit late
// in the name order: gather every match through the trigram indexes and sort them (a cost
// that grows with the number of matches, not with the business). The walk's page is trusted
// only when it is full; the gather is always complete.
constexpr Statement kSearchInfixWalk{
    "customer_search_infix_walk",
    CAPI_SEARCH_PAGE("SELECT customer_id AS hit_id, sort_name AS hit_name FROM"
                     " (SELECT customer_id, sort_name, company_lower"
                     "  FROM customer_search WHERE business_id = $1"
                     "  ORDER BY sort_name, customer_id LIMIT $5::int) AS walked"
                     " WHERE" CAPI_SEARCH_INFIX " ORDER BY sort_name, customer_id LIMIT $4::int"),
    Planning::kPerExecution};
// MATERIALIZED keeps the page's ORDER BY ... LIMIT from turning this back into a walk.
constexpr Statement kSearchInfixGather{
    "customer_search_infix_gather",
    "WITH matches AS MATERIALIZED (SELECT customer_id, sort_name FROM customer_search"
    " WHERE business_id = $1 AND" CAPI_SEARCH_INFIX
    ")"
    " " CAPI_SEARCH_PAGE("SELECT customer_id AS hit_id, sort_name AS hit_name FROM matches"
                         " ORDER BY sort_name, customer_id LIMIT $4::int"),
    Planning::kPerExecution};

// The planner's estimate of the number of infix matches (from pg_trgm's statistics: good
// at telling a rare fragment from a common one, blind to where in the name order they sit).
constexpr Statement kSearchInfixEstimate{
    "customer_search_infix_estimate",
    "EXPLAIN (FORMAT JSON) SELECT 1 FROM customer_search WHERE business_id = $1"
    " AND" CAPI_SEARCH_INFIX,
    Planning::kPerExecution};

// Up to this many expected matches, gathering them all is cheaper than any walk (about 1 us
// a match on this table): the walk is not tried.
constexpr std::int64_t kSearchGatherUpTo = 10000;
// How many names the walk may read before the gather takes over: a few milliseconds.
constexpr int kSearchWalkNames = 20000;

std::optional<std::int64_t> optional_integer(const Result& result, int row, int column) {
  if (result.is_null(row, column)) return std::nullopt;
  return result.integer(row, column);
}

std::optional<std::string> optional_bytes(const Result& result, int row, int column) {
  if (result.is_null(row, column)) return std::nullopt;
  return bytea_from_text(result.text(row, column));
}

CustomerRow row_from(const Result& r, int i) {
  CustomerRow row;
  row.id = r.str(i, 0);
  row.business_id = r.str(i, 1);
  row.version = static_cast<int>(r.integer(i, 2));
  row.type = r.str(i, 3);
  row.name = r.str(i, 4);
  row.company_name = r.optional_str(i, 5);
  row.email_enc = optional_bytes(r, i, 6);
  row.phone_enc = optional_bytes(r, i, 7);
  row.tax_id_enc = optional_bytes(r, i, 8);
  row.billing_address_enc = optional_bytes(r, i, 9);
  row.shipping_address_enc = optional_bytes(r, i, 10);
  row.website = r.optional_str(i, 11);
  row.country = r.optional_str(i, 12);
  row.currency = r.str(i, 13);
  row.segment = r.optional_str(i, 14);
  row.tags = string_array_from_json(r.text(i, 15));
  row.payment_terms = r.str(i, 16);
  row.credit_limit_minor = optional_integer(r, i, 17);
  row.discount_rate_hundredths = static_cast<std::int32_t>(r.integer(i, 18));
  row.preferred_shipping = r.optional_str(i, 19);
  row.notes = r.optional_str(i, 20);
  row.metadata_json = r.str(i, 21);
  row.customer_since_ms = optional_integer(r, i, 22);
  row.created_ms = r.integer(i, 23);
  row.updated_ms = r.integer(i, 24);
  row.deleted_ms = optional_integer(r, i, 25);
  row.erased_ms = optional_integer(r, i, 26);
  row.order_count = static_cast<int>(r.integer(i, 27));
  row.lifetime_value_minor = r.integer(i, 28);
  row.balance_minor = r.integer(i, 29);
  row.first_order_ms = optional_integer(r, i, 30);
  row.last_order_ms = optional_integer(r, i, 31);
  row.email_index = r.optional_str(i, 32);
  row.phone_index = r.optional_str(i, 33);
  row.email_tokens = string_array_from_json(r.text(i, 34));
  row.cursor.created_us = r.integer(i, 35);
  row.cursor.updated_us = r.integer(i, 36);
  row.cursor.last_order_us = r.integer(i, 37);
  row.cursor.sort_name = r.str(i, 38);
  return row;
}

std::vector<CustomerRow> rows_from(const Result& result) {
  std::vector<CustomerRow> rows;
  rows.reserve(static_cast<std::size_t>(result.rows()));
  for (int i = 0; i < result.rows(); ++i) rows.push_back(row_from(result, i));
  return rows;
}

std::optional<CustomerRow> first_row(const Result& result) {
  if (result.empty()) return std::nullopt;
  return row_from(result, 0);
}

// The contact in CAPI_CONTACT_COLUMNS from column `at` of row i.
ContactRow contact_from(const Result& r, int i, int at = 0) {
  ContactRow contact;
  contact.id = r.str(i, at);
  contact.business_id = r.str(i, at + 1);
  contact.customer_id = r.str(i, at + 2);
  contact.version = static_cast<int>(r.integer(i, at + 3));
  contact.name = r.str(i, at + 4);
  contact.title = r.optional_str(i, at + 5);
  contact.email_enc = optional_bytes(r, i, at + 6);
  contact.phone_enc = optional_bytes(r, i, at + 7);
  contact.is_primary = r.boolean(i, at + 8);
  contact.created_ms = r.integer(i, at + 9);
  contact.updated_ms = r.integer(i, at + 10);
  return contact;
}

// The customer of a CAPI_WITH_CONTACTS result, with its contacts.
std::optional<CustomerRow> customer_with_contacts(const Result& result) {
  if (result.empty()) return std::nullopt;
  CustomerRow row = row_from(result, 0);
  auto& contacts = row.contacts.emplace();
  for (int i = 0; i < result.rows(); ++i) {
    if (!result.is_null(i, kCustomerColumns)) {
      contacts.push_back(contact_from(result, i, kCustomerColumns));
    }
  }
  return row;
}

std::optional<std::string> optional_number(const std::optional<std::int64_t>& value) {
  if (!value) return std::nullopt;
  return std::to_string(*value);
}

// Parameters $1..$25 of insert and update, owned strings.
std::vector<std::optional<std::string>> write_values(const CustomerRow& row) {
  return {row.id,
          row.business_id,
          row.type,
          row.name,
          row.company_name,
          optional_bytea(row.email_enc),
          row.email_index,
          json_string_array(row.email_tokens),
          optional_bytea(row.phone_enc),
          row.phone_index,
          optional_bytea(row.tax_id_enc),
          optional_bytea(row.billing_address_enc),
          optional_bytea(row.shipping_address_enc),
          row.website,
          row.country,
          row.currency,
          row.segment,
          json_string_array(row.tags),
          row.payment_terms,
          optional_number(row.credit_limit_minor),
          std::to_string(row.discount_rate_hundredths),
          row.preferred_shipping,
          row.notes,
          row.metadata_json,
          optional_number(row.customer_since_ms)};
}

// A text[] literal of hex digests (no quoting needed); built by appending (GCC 12's
// -Wrestrict misfires on `"{" + std::string` at -O3).
std::string text_array(const std::vector<std::string>& items) {
  std::string literal = "{";
  for (const auto& item : items) {
    if (literal.size() > 1) literal += ',';
    literal += item;
  }
  literal += '}';
  return literal;
}

std::vector<std::optional<std::string>> filter_values(const std::string& business_id,
                                                      const ListFilter& filter) {
  const char* const status = filter.status == ListFilter::Status::kActive     ? "active"
                             : filter.status == ListFilter::Status::kInactive ? "inactive"
                                                                              : "all";
  return {business_id,
          std::string(status),
          filter.segment,
          filter.type,
          filter.country,
          filter.tag,
          optional_number(filter.created_from_ms),
          optional_number(filter.created_to_ms),
          filter.text,
          filter.email_index,
          filter.phone_index,
          text_array(filter.token_indexes)};
}

std::vector<Param> as_params(const std::vector<std::optional<std::string>>& values) {
  std::vector<Param> params;
  params.reserve(values.size());
  for (const auto& value : values) {
    params.push_back(value ? Param(*value) : std::nullopt);
  }
  return params;
}

}  // namespace

CustomerRow CustomerStore::insert(const CustomerRow& row) {
  const auto values = write_values(row);
  return row_from(connection_.exec(kInsert, as_params(values)), 0);
}

std::optional<CustomerRow> CustomerStore::find(const std::string& business_id,
                                               const std::string& id) {
  return customer_with_contacts(connection_.exec(kFind, {business_id, id}));
}

std::optional<CustomerRow> CustomerStore::find_for_update(const std::string& business_id,
                                                          const std::string& id) {
  return first_row(connection_.exec(kFindForUpdate, {business_id, id}));
}

CustomerRow CustomerStore::update(const CustomerRow& row) {
  const auto values = write_values(row);
  const Result result = connection_.exec(kUpdate, as_params(values));
  if (result.empty()) throw DbError(ErrorKind::kOther, "", "customer_update: no row " + row.id);
  return row_from(result, 0);
}

CustomerRow CustomerStore::set_deleted(const std::string& business_id, const std::string& id,
                                       bool deleted) {
  return row_from(connection_.exec(kSetDeleted, {business_id, id, deleted ? "true" : "false"}), 0);
}

CustomerRow CustomerStore::erase(const std::string& business_id, const std::string& id) {
  return row_from(connection_.exec(kErase, {business_id, id}), 0);
}

std::optional<CustomerRow> CustomerStore::find_active_by_email(const std::string& business_id,
                                                               const std::string& email_index) {
  return customer_with_contacts(connection_.exec(kFindByEmail, {business_id, email_index}));
}

std::optional<CustomerRow> CustomerStore::find_active_by_phone(const std::string& business_id,
                                                               const std::string& phone_index) {
  return customer_with_contacts(connection_.exec(kFindByPhone, {business_id, phone_index}));
}

std::vector<CustomerRow> CustomerStore::list(const std::string& business_id,
                                             const ListFilter& filter, const ListPage& page) {
  const bool keyset = page.after_value.has_value() && page.after_id.has_value();
  auto values = filter_values(business_id, filter);
  if (keyset) {
    values.push_back(page.after_value);
    values.push_back(page.after_id);
    values.emplace_back(std::to_string(page.limit));
  } else {
    values.emplace_back(std::to_string(page.limit));
    values.emplace_back(std::to_string(page.offset));
  }
  const Statement& statement = list_statement(page.sort, page.descending, keyset);
  return rows_from(connection_.exec(statement, as_params(values)));
}

std::int64_t CustomerStore::count(const std::string& business_id, const ListFilter& filter,
                                  int cap) {
  auto values = filter_values(business_id, filter);
  values.emplace_back(std::to_string(cap));
  return connection_.exec(kCount, as_params(values)).integer(0, 0);
}

namespace {

// The "Plan Rows" of the top node of an EXPLAIN (FORMAT JSON); 0 when it cannot be read.
std::int64_t plan_rows(const Result& result) {
  if (result.empty()) return 0;
  const std::string_view plan = result.text(0, 0);
  rapidjson::Document document;
  document.Parse(plan.data(), plan.size());
  if (document.HasParseError() || !document.IsArray() || document.Empty()) return 0;
  const auto& top = document[0];
  if (!top.IsObject() || !top.HasMember("Plan") || !top["Plan"].IsObject()) return 0;
  const auto& rows = top["Plan"];
  if (!rows.HasMember("Plan Rows") || !rows["Plan Rows"].IsNumber()) return 0;
  return static_cast<std::int64_t>(rows["Plan Rows"].GetDouble());
}

}  // namespace

std::int64_t CustomerStore::estimate(const std::string& business_id, const ListFilter& filter) {
  const auto values = filter_values(business_id, filter);
  return plan_rows(connection_.exec(kEstimate, as_params(values)));
}

std::vector<CustomerRow> CustomerStore::search(const std::string& business_id,
                                               const ListFilter& filter, int limit) {
  std::vector<CustomerRow> found;
  if (filter.email_index || filter.phone_index) {
    auto values = filter_values(business_id, ListFilter{});  // $1..$8: active, no filters
    values.resize(8);
    values.insert(values.end(), {filter.email_index, filter.phone_index, std::to_string(limit)});
    found = rows_from(connection_.exec(kSearchExact, as_params(values)));
  }
  if (!filter.text) return found;

  // Each group excludes what is already on the page; a row renamed between two of the
  // queries could still be in two groups, so the ids are checked again.
  const auto needed = [&] { return limit - static_cast<int>(found.size()); };
  // $1 business, $2 text, $3 the ids on the page, $4 the rows it still needs.
  const auto values = [&] {
    std::vector<std::string> ids;
    ids.reserve(found.size());
    for (const auto& row : found) ids.push_back(row.id);
    return std::vector<std::optional<std::string>>{business_id, filter.text, text_array(ids),
                                                   std::to_string(needed())};
  };
  const auto rows = [&](const Statement& statement,
                        const std::vector<std::optional<std::string>>& params) {
    return rows_from(connection_.exec(statement, as_params(params)));
  };
  for (auto& row : rows(kSearchPrefix, values())) found.push_back(std::move(row));
  if (needed() <= 0) return found;

  const auto rest = values();
  std::vector<CustomerRow> infix;
  const std::vector<std::optional<std::string>> matching(rest.begin(), rest.begin() + 3);
  const std::int64_t expected =
      plan_rows(connection_.exec(kSearchInfixEstimate, as_params(matching)));
  if (expected > kSearchGatherUpTo) {
    auto walk = rest;
    walk.emplace_back(std::to_string(kSearchWalkNames));
    infix = rows(kSearchInfixWalk, walk);
    if (static_cast<int>(infix.size()) < needed()) infix.clear();  // the gather then
  }
  if (infix.empty()) infix = rows(kSearchInfixGather, rest);
  std::vector<CustomerRow> words;
  if (!filter.token_indexes.empty()) {
    auto with_words = rest;
    with_words.emplace_back(text_array(filter.token_indexes));
    words = rows(kSearchWords, with_words);
  }
  // Both lists are in name order; a customer can be in both.
  const auto before = [](const CustomerRow& a, const CustomerRow& b) {
    return std::tie(a.cursor.sort_name, a.id) < std::tie(b.cursor.sort_name, b.id);
  };
  std::vector<CustomerRow> merged;
  merged.reserve(infix.size() + words.size());
  std::merge(std::make_move_iterator(infix.begin()), std::make_move_iterator(infix.end()),
             std::make_move_iterator(words.begin()), std::make_move_iterator(words.end()),
             std::back_inserter(merged), before);
  for (auto& row : merged) {
    if (needed() <= 0) break;
    const auto same = [&](const CustomerRow& other) { return other.id == row.id; };
    if (std::none_of(found.begin(), found.end(), same)) found.push_back(std::move(row));
  }
  return found;
}

ContactRow CustomerStore::insert_contact(const ContactRow& contact) {
  const std::optional<std::string> email = optional_bytea(contact.email_enc);
  const std::optional<std::string> phone = optional_bytea(contact.phone_enc);
  const std::vector<std::optional<std::string>> values = {
      contact.id,
      contact.business_id,
      contact.customer_id,
      contact.name,
      contact.title,
      email,
      phone,
      std::string(contact.is_primary ? "true" : "false")};
  return contact_from(connection_.exec(kInsertContact, as_params(values)), 0);
}

std::vector<ContactRow> CustomerStore::contacts(const std::string& business_id,
                                                const std::string& customer_id) {
  const Result result = connection_.exec(kContacts, {business_id, customer_id});
  std::vector<ContactRow> contacts;
  contacts.reserve(static_cast<std::size_t>(result.rows()));
  for (int i = 0; i < result.rows(); ++i) contacts.push_back(contact_from(result, i));
  return contacts;
}

void CustomerStore::delete_contacts(const std::string& business_id,
                                    const std::string& customer_id) {
  connection_.exec(kDeleteContacts, {business_id, customer_id});
}

std::vector<CustomerRow> CustomerStore::batch_for_update(const std::string& after_id, int limit) {
  return rows_from(connection_.exec(kBatch, {after_id, std::to_string(limit)}));
}

void CustomerStore::write_sealed(const CustomerRow& row) {
  const std::vector<std::optional<std::string>> values = {row.id,
                                                          row.business_id,
                                                          optional_bytea(row.email_enc),
                                                          optional_bytea(row.phone_enc),
                                                          optional_bytea(row.tax_id_enc),
                                                          optional_bytea(row.billing_address_enc),
                                                          optional_bytea(row.shipping_address_enc)};
  connection_.exec(kWriteSealed, as_params(values));
}

std::vector<ContactRow> CustomerStore::contact_batch_for_update(const std::string& after_id,
                                                                int limit) {
  const Result result = connection_.exec(kContactBatch, {after_id, std::to_string(limit)});
  std::vector<ContactRow> contacts;
  contacts.reserve(static_cast<std::size_t>(result.rows()));
  for (int i = 0; i < result.rows(); ++i) contacts.push_back(contact_from(result, i));
  return contacts;
}

void CustomerStore::write_sealed(const ContactRow& contact) {
  const std::vector<std::optional<std::string>> values = {contact.id, contact.business_id,
                                                          optional_bytea(contact.email_enc),
                                                          optional_bytea(contact.phone_enc)};
  connection_.exec(kContactWriteSealed, as_params(values));
}

namespace {

// COPY's binary format: a header, per row a field count and (length, bytes) per field
// (length -1 for NULL), a trailer; integers big-endian; timestamps in microseconds since
// 2000-01-01 UTC; arrays and jsonb in their binary send forms.
constexpr const char* kCopyCustomers =
    "COPY customers (id, business_id, version, type, name, company_name, email_enc,"
    " email_index, email_tokens, phone_enc, phone_index, tax_id_enc, billing_address_enc,"
    " shipping_address_enc, website, country, currency, segment, tags, payment_terms,"
    " credit_limit_minor, discount_rate_bp, preferred_shipping, notes, metadata,"
    " customer_since, created_at, updated_at, deleted_at, erased_at, order_count,"
    " lifetime_value_minor, balance_minor, first_order_at, last_order_at)"
    " FROM STDIN (FORMAT binary)";
constexpr std::uint16_t kCopyColumns = 35;
constexpr std::uint32_t kTextOid = 25;
constexpr std::int64_t kPostgresEpochMs = 946684800000LL;  // 2000-01-01 in Unix ms
constexpr std::size_t kCopyChunk = 1 << 20;

void put_u16(std::string& out, std::uint16_t value) {
  out += static_cast<char>(value >> 8);
  out += static_cast<char>(value & 0xff);
}

void put_u32(std::string& out, std::uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((value >> shift) & 0xff);
}

void put_u64(std::string& out, std::uint64_t value) {
  for (int shift = 56; shift >= 0; shift -= 8) out += static_cast<char>((value >> shift) & 0xff);
}

void copy_null(std::string& out) {
  put_u32(out, 0xffffffffU);
}

void copy_bytes(std::string& out, std::string_view bytes) {
  put_u32(out, static_cast<std::uint32_t>(bytes.size()));
  out.append(bytes);
}

void copy_int4(std::string& out, std::int32_t value) {
  put_u32(out, 4);
  put_u32(out, static_cast<std::uint32_t>(value));
}

void copy_int8(std::string& out, std::int64_t value) {
  put_u32(out, 8);
  put_u64(out, static_cast<std::uint64_t>(value));
}

void copy_timestamp(std::string& out, std::int64_t unix_ms) {
  copy_int8(out, (unix_ms - kPostgresEpochMs) * 1000);
}

// A NULL, or the value as `copy` writes it.
template <typename T, typename Copy>
void copy_optional(std::string& out, const std::optional<T>& value, Copy copy) {
  if (value) {
    copy(out, *value);
  } else {
    copy_null(out);
  }
}

void copy_text_array(std::string& out, const std::vector<std::string>& items) {
  std::string array;
  put_u32(array, items.empty() ? 0 : 1);  // dimensions
  put_u32(array, 0);                      // no NULL elements
  put_u32(array, kTextOid);
  if (!items.empty()) {
    put_u32(array, static_cast<std::uint32_t>(items.size()));
    put_u32(array, 1);  // lower bound
    for (const auto& item : items) copy_bytes(array, item);
  }
  copy_bytes(out, array);
}

void copy_jsonb(std::string& out, std::string_view json) {
  put_u32(out, static_cast<std::uint32_t>(json.size() + 1));
  out += '\x01';  // jsonb's binary format version
  out.append(json);
}

}  // namespace

CustomerCopy::CustomerCopy(Connection& connection) : connection_(connection) {
  connection_.begin_copy(kCopyCustomers);
  buffer_.reserve(kCopyChunk + kCopyChunk / 8);  // a chunk and the row that crosses it
  buffer_.append("PGCOPY\n\xff\r\n\0", 11);
  put_u32(buffer_, 0);  // flags
  put_u32(buffer_, 0);  // header extension length
}

CustomerCopy::~CustomerCopy() {
  if (open_) connection_.abort_copy("customer copy abandoned");
}

void CustomerCopy::add(const CustomerRow& row) {
  std::string& out = buffer_;
  put_u16(out, kCopyColumns);
  copy_bytes(out, row.id);
  copy_bytes(out, row.business_id);
  copy_int4(out, row.version);
  copy_bytes(out, row.type);
  copy_bytes(out, row.name);
  copy_optional(out, row.company_name, copy_bytes);
  copy_optional(out, row.email_enc, copy_bytes);
  copy_optional(out, row.email_index, copy_bytes);
  copy_text_array(out, row.email_tokens);
  copy_optional(out, row.phone_enc, copy_bytes);
  copy_optional(out, row.phone_index, copy_bytes);
  copy_optional(out, row.tax_id_enc, copy_bytes);
  copy_optional(out, row.billing_address_enc, copy_bytes);
  copy_optional(out, row.shipping_address_enc, copy_bytes);
  copy_optional(out, row.website, copy_bytes);
  copy_optional(out, row.country, copy_bytes);
  copy_bytes(out, row.currency);
  copy_optional(out, row.segment, copy_bytes);
  copy_text_array(out, row.tags);
  copy_bytes(out, row.payment_terms);
  copy_optional(out, row.credit_limit_minor, copy_int8);
  copy_int4(out, row.discount_rate_hundredths);
  copy_optional(out, row.preferred_shipping, copy_bytes);
  copy_optional(out, row.notes, copy_bytes);
  copy_jsonb(out, row.metadata_json);
  copy_timestamp(out, row.customer_since_ms.value_or(row.created_ms));
  copy_timestamp(out, row.created_ms);
  copy_timestamp(out, row.updated_ms);
  copy_optional(out, row.deleted_ms, copy_timestamp);
  copy_optional(out, row.erased_ms, copy_timestamp);
  copy_int4(out, row.order_count);
  copy_int8(out, row.lifetime_value_minor);
  copy_int8(out, row.balance_minor);
  copy_optional(out, row.first_order_ms, copy_timestamp);
  copy_optional(out, row.last_order_ms, copy_timestamp);
  if (buffer_.size() >= kCopyChunk) flush();
}

void CustomerCopy::flush() {
  if (buffer_.empty()) return;
  connection_.put_copy_data(buffer_);
  buffer_.clear();
}

long CustomerCopy::finish() {
  put_u16(buffer_, 0xffff);  // trailer
  flush();
  open_ = false;
  return connection_.end_copy();
}

std::string CustomerStore::sort_value(const CustomerRow& row, SortKey key) {
  switch (key) {
    case SortKey::kName:
      return row.cursor.sort_name;
    case SortKey::kCreatedAt:
      return std::to_string(row.cursor.created_us);
    case SortKey::kUpdatedAt:
      return std::to_string(row.cursor.updated_us);
    case SortKey::kLifetimeValue:
      return std::to_string(row.lifetime_value_minor);
    case SortKey::kLastOrderAt:
      return std::to_string(row.cursor.last_order_us);
  }
  return {};
}

}  // namespace capi::store
