// Customers and their contacts as stored: personal data sealed (raw ciphertext bytes), blind
// indexes beside it. Encryption, decryption and the rules are the caller's; this file is
// the SQL, always with the values as parameters.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/connection.hpp"

namespace capi::store {

struct ContactRow {
  std::string id;
  std::string business_id;
  std::string customer_id;
  int version = 1;
  std::string name;
  std::optional<std::string> title;
  std::optional<std::string> email_enc;
  std::optional<std::string> phone_enc;
  bool is_primary = false;
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;
};

struct CustomerRow {
  std::string id;
  std::string business_id;
  int version = 1;
  std::string type = "individual";
  std::string name;
  std::optional<std::string> company_name;
  std::optional<std::string> email_enc;  // sealed bytes
  std::optional<std::string> email_index;
  std::vector<std::string> email_tokens;
  std::optional<std::string> phone_enc;
  std::optional<std::string> phone_index;
  std::optional<std::string> tax_id_enc;
  std::optional<std::string> billing_address_enc;   // sealed JSON object
  std::optional<std::string> shipping_address_enc;  // sealed JSON object
  std::optional<std::string> website;
  std::optional<std::string> country;
  std::string currency;
  std::optional<std::string> segment;
  std::vector<std::string> tags;
  std::string payment_terms = "net_30";
  std::optional<std::int64_t> credit_limit_minor;
  std::int32_t discount_rate_hundredths = 0;
  std::optional<std::string> preferred_shipping;
  std::optional<std::string> notes;
  std::string metadata_json = "{}";
  std::optional<std::int64_t> customer_since_ms;  // nullopt on insert: the creation time
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;
  std::optional<std::int64_t> deleted_ms;
  std::optional<std::int64_t> erased_ms;
  int order_count = 0;
  std::int64_t lifetime_value_minor = 0;
  std::int64_t balance_minor = 0;
  std::optional<std::int64_t> first_order_ms;
  std::optional<std::int64_t> last_order_ms;
  // The exact sort values, as the database compares them, for keyset cursors.
  struct CursorValues {
    std::int64_t created_us = 0;
    std::int64_t updated_us = 0;
    std::int64_t last_order_us = -1;
    std::string sort_name;
  } cursor;

  // The customer's contacts, when the read fetched them with the row (find, lookups);
  // otherwise nullopt, and CustomerStore::contacts() reads them.
  std::optional<std::vector<ContactRow>> contacts;

  bool active() const { return !deleted_ms.has_value(); }
};

// How a list or search is ordered: a column and a direction, ties broken by id.
enum class SortKey { kName, kCreatedAt, kUpdatedAt, kLifetimeValue, kLastOrderAt };

struct ListFilter {
  enum class Status { kActive, kInactive, kAll } status = Status::kActive;
  std::optional<std::string> segment;
  std::optional<std::string> type;
  std::optional<std::string> country;
  std::optional<std::string> tag;
  std::optional<std::int64_t> created_from_ms;  // inclusive
  std::optional<std::int64_t> created_to_ms;    // exclusive
  // Text search (q): a substring of name/company, or blind-index hits.
  std::optional<std::string> text;         // LIKE-escaped; the database lower-cases it
  std::optional<std::string> email_index;  // exact email
  std::optional<std::string> phone_index;  // exact phone
  std::vector<std::string> token_indexes;  // whole words of an email
};

struct ListPage {
  SortKey sort = SortKey::kName;
  bool descending = false;
  int limit = 50;
  int offset = 0;  // page paging
  // Keyset paging: the sort value and id of the last row of the previous page.
  std::optional<std::string> after_value;
  std::optional<std::string> after_id;
};

// Streams whole customer rows into the table with one COPY (binary format), for bulk loads
// (`customer-api seed`): every column as the row holds it, timestamps, version and deleted_at
// included; the database still checks every constraint and maintains every index. Runs in
// the caller's transaction; an unfinished copy is aborted (and the transaction with it).
class CustomerCopy {
 public:
  explicit CustomerCopy(Connection& connection);
  CustomerCopy(const CustomerCopy&) = delete;
  CustomerCopy& operator=(const CustomerCopy&) = delete;
  ~CustomerCopy();

  void add(const CustomerRow& row);
  // Ends the copy; returns the number of rows the database took.
  long finish();

 private:
  void flush();

  Connection& connection_;
  std::string buffer_;
  bool open_ = true;
};

class CustomerStore {
 public:
  explicit CustomerStore(Connection& connection) : connection_(connection) {}

  // Inserts; throws DbError(kUniqueViolation) naming the constraint on a taken email/phone.
  CustomerRow insert(const CustomerRow& row);
  // With its contacts (one statement).
  std::optional<CustomerRow> find(const std::string& business_id, const std::string& id);
  // The same, locking the row until the transaction ends.
  std::optional<CustomerRow> find_for_update(const std::string& business_id, const std::string& id);
  // Writes every mutable column, bumps version and updated_at.
  CustomerRow update(const CustomerRow& row);
  CustomerRow set_deleted(const std::string& business_id, const std::string& id, bool deleted);
  // Destroys personal data for good (see erase in the handler).
  CustomerRow erase(const std::string& business_id, const std::string& id);

  // With its contacts, as find.
  std::optional<CustomerRow> find_active_by_email(const std::string& business_id,
                                                  const std::string& email_index);
  std::optional<CustomerRow> find_active_by_phone(const std::string& business_id,
                                                  const std::string& phone_index);

  std::vector<CustomerRow> list(const std::string& business_id, const ListFilter& filter,
                                const ListPage& page);
  // The number of matches, counted up to `cap` (a count of cap + 1 means "more than cap").
  std::int64_t count(const std::string& business_id, const ListFilter& filter, int cap);
  // The planner's estimate of the number of matches (cheap; used above the count's cap).
  std::int64_t estimate(const std::string& business_id, const ListFilter& filter);
  // Search ranking: exact email/phone hits, then name prefix, then the rest by name.
  std::vector<CustomerRow> search(const std::string& business_id, const ListFilter& filter,
                                  int limit);

  ContactRow insert_contact(const ContactRow& contact);
  std::vector<ContactRow> contacts(const std::string& business_id, const std::string& customer_id);
  void delete_contacts(const std::string& business_id, const std::string& customer_id);

  // Key rotation: every customer (or contact) after `after_id` in id order, locked, at most
  // `limit`; and writing back only the sealed columns (no version bump: nothing a client
  // sees changes).
  std::vector<CustomerRow> batch_for_update(const std::string& after_id, int limit);
  void write_sealed(const CustomerRow& row);
  std::vector<ContactRow> contact_batch_for_update(const std::string& after_id, int limit);
  void write_sealed(const ContactRow& contact);

  // The sort value of a row for a keyset cursor.
  static std::string sort_value(const CustomerRow& row, SortKey key);

 private:
  Connection& connection_;
};

}  // namespace capi::store
