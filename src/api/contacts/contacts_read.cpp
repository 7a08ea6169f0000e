// Reads: a customer's contacts, and one contact. Allowed whatever the customer's state.
#include "api/contacts/contact_json.hpp"
#include "api/contacts/contacts_handler.hpp"
#include "api/error.hpp"
#include "api/reply_meta.hpp"
#include "domain/object_id.hpp"

namespace capi::api {

Reply ContactsHandler::list(const RequestContext& context) const {
  const store::CustomerRow customer = require_customer(context, Lock::kNone);
  // At most 100, oldest first: one page, no paging.
  const auto rows = contacts_.of_customer(customer.business_id, customer.id);
  std::vector<std::string> unreadable;
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartArray();
  for (const auto& row : rows) {
    const records::OpenedContact opened = records_.open(row);
    for (const auto& field : opened.unreadable) unreadable.push_back(row.id + "." + field);
    if (!opened.unreadable.empty()) log_unreadable(context, "contactId", row.id);
    write_contact(writer, row, opened);
  }
  writer.EndArray();
  Reply answer;
  answer.data = json::text(buffer);
  answer.meta = write_meta({}, unreadable);
  return answer;
}

Reply ContactsHandler::get(const RequestContext& context) const {
  // One statement: the contact is looked for among the path's customer's, of the caller's
  // business, so another business's customer or contact is simply not found.
  const std::string customer_id(context.path.get("id"));
  const std::string id(context.path.get("contactId"));
  if (!domain::is_object_id(customer_id) || !domain::is_object_id(id)) {
    throw ApiError::not_found();
  }
  const auto row = contacts_.find(context.caller->business_id, customer_id, id,
                                  store::ContactStore::Lock::kNone);
  if (!row) throw ApiError::not_found();
  return reply(context, *row, {});
}

}  // namespace capi::api
