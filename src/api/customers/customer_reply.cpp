// What the customer routes share: loading the customer of the path, the 409 of a taken key,
// inserting with contacts, and rendering one customer or a page of them.
#include <algorithm>
#include <tuple>

#include "api/contacts/contact_json.hpp"
#include "api/customers/customer_json.hpp"
#include "api/customers/customers_handler.hpp"
#include "api/error.hpp"
#include "api/orders/order_json.hpp"
#include "api/preconditions.hpp"
#include "api/reply_meta.hpp"
#include "domain/object_id.hpp"

namespace capi::api {
namespace {

// How many of the latest orders ?include=orders adds.
constexpr int kIncludedOrders = 10;
// A customer's JSON without contacts or orders is about 1 KB: written into a buffer of room
// enough from the start, where one grown from 256 bytes took five copies.
constexpr std::size_t kCustomerJsonCapacity = 2048;

}  // namespace

CustomersHandler::CustomersHandler(store::Connection& db, const crypto::Keyring& keys)
    : db_(db),
      customers_(db),
      contacts_(db),
      listing_(db),
      search_(db),
      orders_(db),
      idempotency_(db),
      records_(keys),
      contact_records_(keys),
      order_records_(keys),
      cursors_(keys) {}

store::CustomerRow CustomersHandler::require(const RequestContext& context, Read read) const {
  const std::string id(context.path.get("id"));
  if (!domain::is_object_id(id)) throw ApiError::not_found();
  const std::string& business_id = context.caller->business_id;
  using Lock = store::CustomerStore::Lock;
  const auto row = read == Read::kWithContacts ? customers_.find(business_id, id)
                   : read == Read::kRow        ? customers_.find_row(business_id, id, Lock::kNone)
                                        : customers_.find_row(business_id, id, Lock::kForUpdate);
  if (!row) throw ApiError::not_found();
  return *row;
}

store::CustomerRow CustomersHandler::insert(const RequestContext& context,
                                            const domain::CustomerDraft& draft) const {
  store::CustomerRow row;
  row.business_id = context.caller->business_id;
  row.id = domain::new_object_id(row.business_id);  // the business's own id sequence
  records_.apply(draft, row);
  try {
    store::Connection::Transaction transaction(db_);
    store::CustomerRow inserted = customers_.insert(row);  // not const: returned by move
    // The answer shows the contacts as written, in the order a read lists them: no query
    // for what this transaction just wrote (nothing else writes them before the commit).
    auto& contacts = inserted.contacts.emplace();
    contacts.reserve(draft.contacts.size());
    for (const auto& contact_draft : draft.contacts) {
      store::ContactRow contact;
      contact.id = domain::new_object_id(inserted.business_id);
      contact.business_id = inserted.business_id;
      contact.customer_id = inserted.id;
      contact_records_.apply(contact_draft, contact);
      contacts.push_back(contacts_.insert(contact));
    }
    std::sort(contacts.begin(), contacts.end(), [](const auto& a, const auto& b) {
      return std::tie(a.created_ms, a.id) < std::tie(b.created_ms, b.id);
    });
    transaction.commit();
    return inserted;
  } catch (const store::KeyTaken& taken) {
    throw_taken(context, taken, row);
  }
}

void CustomersHandler::throw_taken(const RequestContext& context, const store::KeyTaken& taken,
                                   const store::CustomerRow& row) const {
  const bool email = taken.key() == store::CustomerKey::kEmail;
  const auto& index = email ? row.email_index : row.phone_index;
  const auto holder = index
                          ? customers_.find_active(context.caller->business_id, taken.key(), *index)
                          : std::nullopt;
  ApiError::Details details = {{"field", email ? "email" : "phone"}};
  if (holder) details.emplace_back("existingId", holder->id);
  throw ApiError::conflict(email ? "Another active customer already has this email"
                                 : "Another active customer already has this phone number",
                           std::move(details));
}

Reply CustomersHandler::reply(const RequestContext& context, const store::CustomerRow& row,
                              const ReplyOptions& options) const {
  const records::OpenedCustomer opened = records_.open(row);
  const std::vector<store::ContactRow> contact_rows =
      row.contacts ? *row.contacts : contacts_.of_customer(row.business_id, row.id);
  std::vector<records::OpenedContact> opened_contacts;
  opened_contacts.reserve(contact_rows.size());
  std::vector<std::string> unreadable = opened.unreadable;
  std::vector<ContactView> contacts;
  contacts.reserve(contact_rows.size());
  for (const auto& contact : contact_rows) {
    opened_contacts.push_back(contact_records_.open(contact));
    for (const auto& field : opened_contacts.back().unreadable) {
      unreadable.push_back("contacts." + contact.id + "." + field);
    }
    contacts.push_back(ContactView{contact, opened_contacts.back()});
  }
  if (!unreadable.empty()) log_unreadable(context, "customerId", row.id);
  const auto orders = options.with_orders
                          ? orders_.latest_of_customer(row.business_id, row.id, kIncludedOrders)
                          : std::vector<store::OrderRow>{};

  json::Buffer buffer(nullptr, kCustomerJsonCapacity);
  json::Writer writer(buffer);
  write_customer(writer, row, opened, &contacts, [&](json::Writer& w) {
    if (options.created) {
      json::key(w, "created");
      w.Bool(*options.created);
    }
    if (options.with_orders) {
      json::key(w, "orders");
      w.StartArray();
      for (const auto& order : orders) {
        const records::OpenedOrder opened_order = order_records_.open(order);
        for (const auto& field : opened_order.unreadable) {
          unreadable.push_back("orders." + order.id + "." + field);
        }
        write_order(w, order, opened_order, nullptr);
      }
      w.EndArray();
    }
  });
  Reply answer;
  answer.status = options.status;
  answer.data = json::text(buffer);
  answer.message = options.message;
  answer.meta = write_meta(options.ignored_fields, unreadable);
  answer.headers.emplace_back("ETag", etag(row.version));
  answer.customer_id = row.id;
  return answer;
}

Reply CustomersHandler::page_reply(const RequestContext& context,
                                   const std::vector<store::CustomerRow>& rows,
                                   PageMeta meta) const {
  return api::page_reply(
      context, rows, records_, "customerId", std::move(meta),
      [](json::Writer& writer, const store::CustomerRow& row,
         const records::OpenedCustomer& opened) { write_customer(writer, row, opened, nullptr); });
}

}  // namespace capi::api
