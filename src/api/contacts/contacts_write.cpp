// Writes: create, replace (PUT), patch (PATCH), delete. Each reads and checks the body
// before it takes a lock, then, in one transaction: locks the customer (every write of one
// customer's contacts takes turns there, which keeps the 100-contact cap and the single
// primary true under concurrency), refuses an inactive customer (409), and writes.
#include "api/contacts/contacts_handler.hpp"
#include "api/error.hpp"
#include "api/preconditions.hpp"
#include "domain/customer_input.hpp"
#include "domain/object_id.hpp"

namespace capi::api {
namespace {

// Reads are allowed, writes are not: a soft-deleted customer's contacts stay as they were
// until it is restored; an erased customer has none.
void require_active(const store::CustomerRow& customer) {
  if (!customer.active()) {
    throw ApiError::conflict(
        "The customer is inactive (deleted or erased); its contacts cannot be changed");
  }
}

bool same_region(const store::CustomerRow& a, const store::CustomerRow& b) {
  return a.country == b.country;
}

}  // namespace

Reply ContactsHandler::create(const RequestContext& context) const {
  const store::CustomerRow before = require_customer(context, Lock::kNone);
  auto input = parse_body(context, Write::kCreate, before);
  store::ContactRow row;
  {
    store::Connection::Transaction transaction(db_);
    const store::CustomerRow customer = require_customer(context, Lock::kForUpdate);
    require_active(customer);
    const int count = contacts_.count_of_customer(customer.business_id, customer.id);
    if (count >= static_cast<int>(domain::kMaxContactsPerCustomer)) {
      throw ApiError::conflict("A customer has at most " +
                               std::to_string(domain::kMaxContactsPerCustomer) + " contacts");
    }
    // The customer's country moved in between: read the body again in the new one.
    if (!same_region(customer, before)) input = parse_body(context, Write::kCreate, customer);
    row.business_id = customer.business_id;
    row.customer_id = customer.id;
    row.id = domain::new_object_id(row.business_id);
    records_.apply(input.draft, row);
    if (row.is_primary) contacts_.demote_primary(row.business_id, row.customer_id, row.id);
    row = contacts_.insert(row);
    transaction.commit();
  }
  return reply(context, row,
               {.status = 201,
                .message = "Contact created successfully",
                .ignored_fields = input.ignored_fields});
}

Reply ContactsHandler::replace(const RequestContext& context) const {
  return update(context, Write::kReplace);
}

Reply ContactsHandler::patch(const RequestContext& context) const {
  return update(context, Write::kPatch);
}

Reply ContactsHandler::update(const RequestContext& context, Write write) const {
  // 404, then 412, then 422 before any lock: a bad request costs no lock.
  const store::CustomerRow before = require_customer(context, Lock::kNone);
  check_if_match(context, require_contact(context, before, Lock::kNone).version);
  auto input = parse_body(context, write, before);
  store::ContactRow row;
  {
    store::Connection::Transaction transaction(db_);
    const store::CustomerRow customer = require_customer(context, Lock::kForUpdate);
    row = require_contact(context, customer, Lock::kForUpdate);
    check_if_match(context, row.version);
    require_active(customer);
    if (!same_region(customer, before)) input = parse_body(context, write, customer);
    const bool was_primary = row.is_primary;
    records_.apply(input.draft, row);
    if (row.is_primary && !was_primary) {
      contacts_.demote_primary(row.business_id, row.customer_id, row.id);
    }
    row = contacts_.update(row);
    transaction.commit();
  }
  return reply(context, row,
               {.message = "Contact updated successfully", .ignored_fields = input.ignored_fields});
}

Reply ContactsHandler::remove(const RequestContext& context) const {
  store::Connection::Transaction transaction(db_);
  const store::CustomerRow customer = require_customer(context, Lock::kForUpdate);
  const store::ContactRow contact = require_contact(context, customer, Lock::kForUpdate);
  check_if_match(context, contact.version);
  require_active(customer);
  const auto removed = contacts_.remove(contact.business_id, contact.customer_id, contact.id);
  if (!removed) throw ApiError::not_found();  // not reached: the row is locked
  transaction.commit();
  return reply(context, *removed, {.message = "Contact deleted successfully"});
}

}  // namespace capi::api
