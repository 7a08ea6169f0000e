// The customer routes of API.md ("Customers"). Each method reads like the operation:
// parse -> validate (domain) -> one transaction (store) -> render. The handler owns what
// it works with: the stores of customers and their contacts, and the records that seal and
// open their personal data.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/context.hpp"
#include "api/reply_meta.hpp"
#include "domain/customer_input.hpp"
#include "records/contact_records.hpp"
#include "records/customer_records.hpp"
#include "records/order_records.hpp"
#include "store/contact_store.hpp"
#include "store/customer_listing.hpp"
#include "store/customer_search.hpp"
#include "store/customer_store.hpp"
#include "store/idempotency_store.hpp"
#include "store/order_store.hpp"

namespace capi::api {

class CustomersHandler final {
 public:
  CustomersHandler(store::Connection& db, const crypto::Keyring& keys);

  Reply create(const RequestContext& context) const;
  Reply get(const RequestContext& context) const;
  Reply update(const RequestContext& context) const;   // PUT and PATCH
  Reply remove(const RequestContext& context) const;   // soft delete, or erasure (?erase=true)
  Reply restore(const RequestContext& context) const;  // undo a soft delete
  Reply find_or_create(const RequestContext& context) const;
  Reply list(const RequestContext& context) const;
  Reply search(const RequestContext& context) const;
  Reply lookup(const RequestContext& context) const;
  Reply export_all(const RequestContext& context) const;  // streamed NDJSON or CSV
  Reply import_all(const RequestContext& context) const;  // bulk create or upsert

 private:
  // How a single customer is answered.
  struct ReplyOptions {
    int status = 200;
    std::string message;  // "Customer created successfully", or empty
    std::vector<std::string> ignored_fields;
    std::optional<bool> created;  // find-or-create's data.created
    bool with_orders = false;     // ?include=orders: the 10 latest orders
  };

  // How require() reads: with the contacts (to answer with it), the row alone, or the row
  // locked until the transaction ends.
  enum class Read { kWithContacts, kRow, kForUpdate };
  // The customer named by the path's {id}, of the caller's business; 404 when malformed,
  // unknown or another business's (indistinguishable).
  store::CustomerRow require(const RequestContext& context, Read read) const;
  // A new customer and its contacts in one transaction; 409 on a taken email or phone.
  store::CustomerRow insert(const RequestContext& context,
                            const domain::CustomerDraft& draft) const;
  // The 409 for a key taken by another active customer, naming that customer.
  [[noreturn]] void throw_taken(const RequestContext& context, const store::KeyTaken& taken,
                                const store::CustomerRow& row) const;
  // A single customer, with its contacts and ETag.
  Reply reply(const RequestContext& context, const store::CustomerRow& row,
              const ReplyOptions& options) const;
  // A page of customers (no contacts); fields that did not decrypt are named in its meta.
  Reply page_reply(const RequestContext& context, const std::vector<store::CustomerRow>& rows,
                   PageMeta meta) const;

  store::Connection& db_;
  store::CustomerStore customers_;
  store::ContactStore contacts_;
  store::CustomerListing listing_;
  store::CustomerSearch search_;
  store::OrderStore orders_;             // include=orders; erasure destroys their addresses
  store::IdempotencyStore idempotency_;  // erasure deletes the stored answers that show it
  records::CustomerRecords records_;
  records::ContactRecords contact_records_;
  records::OrderRecords order_records_;
  records::Sealer cursors_;  // listing cursors (customer_query.hpp)
};

}  // namespace capi::api
