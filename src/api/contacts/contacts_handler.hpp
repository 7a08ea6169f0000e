// The contact routes of API.md ("Contacts"): the people at a customer, under
// /v1/customers/{id}/contacts. Each method reads like the operation: parse -> validate
// (domain) -> one transaction (store) -> render. The handler owns what it works with: the
// stores of customers (for the parent row and its lock) and contacts, and the records that
// seal and open a contact's email and phone.
//
// Rules kept here: at most one primary contact per customer and at most 100 contacts, both
// under the customer's row lock (FOR UPDATE), so that concurrent writes of one customer's
// contacts take turns; the body is read and checked before any lock is taken. The contacts
// of an inactive (soft-deleted or erased) customer can be read but not written (409).
#pragma once

#include <string>
#include <vector>

#include "api/context.hpp"
#include "domain/contact_input.hpp"
#include "records/contact_records.hpp"
#include "store/contact_store.hpp"
#include "store/customer_store.hpp"

namespace capi::api {

class ContactsHandler final {
 public:
  ContactsHandler(store::Connection& db, const crypto::Keyring& keys);

  Reply list(const RequestContext& context) const;
  Reply get(const RequestContext& context) const;
  Reply create(const RequestContext& context) const;
  Reply replace(const RequestContext& context) const;  // PUT: the body is the whole contact
  Reply patch(const RequestContext& context) const;    // PATCH: only the fields given change
  Reply remove(const RequestContext& context) const;

 private:
  // Which write a body is for: it decides how absent fields read (contact_input.hpp).
  enum class Write { kCreate, kReplace, kPatch };
  enum class Lock { kNone, kForUpdate };

  // How a single contact is answered.
  struct ReplyOptions {
    int status = 200;
    std::string message;  // "Contact created successfully", or empty
    std::vector<std::string> ignored_fields;
  };

  // The customer named by the path's {id}, of the caller's business; 404 when malformed,
  // unknown or another business's (indistinguishable).
  store::CustomerRow require_customer(const RequestContext& context, Lock lock) const;
  // The contact named by {contactId} among that customer's; 404 likewise.
  store::ContactRow require_contact(const RequestContext& context,
                                    const store::CustomerRow& customer, Lock lock) const;
  // The body as a contact of `customer` (its country reads national phone numbers); 422
  // with every problem.
  domain::ContactInput parse_body(const RequestContext& context, Write write,
                                  const store::CustomerRow& customer) const;
  // PUT and PATCH: they differ only in how the body is read.
  Reply update(const RequestContext& context, Write write) const;
  // One contact, with its ETag.
  Reply reply(const RequestContext& context, const store::ContactRow& row,
              const ReplyOptions& options) const;

  store::Connection& db_;
  store::CustomerStore customers_;
  store::ContactStore contacts_;
  records::ContactRecords records_;
};

}  // namespace capi::api
