// What the contact routes share: loading the customer and the contact of the path, reading
// the body, and rendering one contact.
#include "api/contacts/contact_json.hpp"
#include "api/contacts/contacts_handler.hpp"
#include "api/error.hpp"
#include "api/preconditions.hpp"
#include "api/reply_meta.hpp"
#include "domain/object_id.hpp"

namespace capi::api {

ContactsHandler::ContactsHandler(store::Connection& db, const crypto::Keyring& keys)
    : db_(db), customers_(db), contacts_(db), records_(keys) {}

store::CustomerRow ContactsHandler::require_customer(const RequestContext& context,
                                                     Lock lock) const {
  const std::string id(context.path.get("id"));
  if (!domain::is_object_id(id)) throw ApiError::not_found();
  using CustomerLock = store::CustomerStore::Lock;
  const auto row = customers_.find_row(
      context.caller->business_id, id,
      lock == Lock::kForUpdate ? CustomerLock::kForUpdate : CustomerLock::kNone);
  if (!row) throw ApiError::not_found();
  return *row;
}

store::ContactRow ContactsHandler::require_contact(const RequestContext& context,
                                                   const store::CustomerRow& customer,
                                                   Lock lock) const {
  const std::string id(context.path.get("contactId"));
  if (!domain::is_object_id(id)) throw ApiError::not_found();
  using ContactLock = store::ContactStore::Lock;
  const auto row =
      contacts_.find(customer.business_id, customer.id, id,
                     lock == Lock::kForUpdate ? ContactLock::kForUpdate : ContactLock::kNone);
  if (!row) throw ApiError::not_found();
  return *row;
}

domain::ContactInput ContactsHandler::parse_body(const RequestContext& context, Write write,
                                                 const store::CustomerRow& customer) const {
  // National notation is read in the customer's country, else the business's.
  const std::string region = customer.country.value_or(context.caller->business_country);
  const auto& body = context.body->document;
  auto input =
      write == Write::kReplace
          ? domain::parse_contact_replacement(body, region)
          : domain::parse_contact(
                body, write == Write::kCreate ? domain::Mode::kCreate : domain::Mode::kUpdate,
                region);
  if (!input.errors.empty()) throw ApiError::validation(input.errors);
  return input;
}

Reply ContactsHandler::reply(const RequestContext& context, const store::ContactRow& row,
                             const ReplyOptions& options) const {
  const records::OpenedContact opened = records_.open(row);
  if (!opened.unreadable.empty()) log_unreadable(context, "contactId", row.id);
  json::Buffer buffer;
  json::Writer writer(buffer);
  write_contact(writer, row, opened);
  Reply answer;
  answer.status = options.status;
  answer.data = json::text(buffer);
  answer.message = options.message;
  answer.meta = write_meta(options.ignored_fields, opened.unreadable);
  answer.headers.emplace_back("ETag", etag(row.version));
  answer.customer_id = row.customer_id;
  return answer;
}

}  // namespace capi::api
