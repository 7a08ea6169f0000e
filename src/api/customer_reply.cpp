#include "api/customer_reply.hpp"

#include "api/customer_json.hpp"
#include "api/error.hpp"
#include "domain/object_id.hpp"
#include "log/log.hpp"

namespace capi::api {
namespace {

std::string_view trim_quotes(std::string_view tag) {
  if (tag.rfind("W/", 0) == 0) tag.remove_prefix(2);
  if (tag.size() >= 2 && tag.front() == '"' && tag.back() == '"') {
    tag = tag.substr(1, tag.size() - 2);
  }
  return tag;
}

}  // namespace

store::CustomerRow require_customer(RequestContext& context, store::CustomerStore& customers,
                                    bool for_update) {
  const std::string id(context.path.get("id"));
  if (!domain::is_object_id(id)) throw ApiError::not_found();
  const auto row = for_update ? customers.find_for_update(context.caller->business_id, id)
                              : customers.find(context.caller->business_id, id);
  if (!row) throw ApiError::not_found();
  return *row;
}

void check_if_match(const RequestContext& context, int version) {
  const auto header = context.request.param("HTTP_IF_MATCH");
  if (header.empty()) return;
  const std::string current = std::to_string(version);
  std::size_t start = 0;
  while (start <= header.size()) {
    auto end = header.find(',', start);
    if (end == std::string_view::npos) end = header.size();
    std::string_view tag = header.substr(start, end - start);
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    if (tag == "*" || trim_quotes(tag) == current) return;
    start = end + 1;
  }
  throw ApiError(412, "precondition_failed",
                 "If-Match does not match the current version (ETag \"" + current + "\")");
}

void throw_conflict(const store::DbError& error, RequestContext& context,
                    store::CustomerStore& customers, const store::CustomerRow& row) {
  if (error.kind() != store::ErrorKind::kUniqueViolation) throw error;
  const bool email = error.constraint() == "customers_active_email";
  const bool phone = error.constraint() == "customers_active_phone";
  if (!email && !phone) throw error;
  const auto holder =
      email ? customers.find_active_by_email(context.caller->business_id, *row.email_index)
            : customers.find_active_by_phone(context.caller->business_id, *row.phone_index);
  ApiError conflict(409, "conflict",
                    email ? "Another active customer already has this email"
                          : "Another active customer already has this phone number",
                    {{"field", email ? "email" : "phone"}});
  if (holder) {
    conflict = ApiError(409, "conflict", conflict.message(),
                        {{"field", email ? "email" : "phone"}, {"existingId", holder->id}});
  }
  throw conflict;
}

std::string write_meta(const std::vector<std::string>& ignored_fields,
                       const std::vector<std::string>& unreadable_fields) {
  if (ignored_fields.empty() && unreadable_fields.empty()) return {};
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartObject();
  auto list = [&](const char* name, const std::vector<std::string>& values) {
    if (values.empty()) return;
    json::key(writer, name);
    writer.StartArray();
    for (const auto& value : values) json::string(writer, value);
    writer.EndArray();
  };
  list("ignoredFields", ignored_fields);
  list("unreadableFields", unreadable_fields);
  writer.EndObject();
  return json::text(buffer);
}

Reply customer_reply(RequestContext& context, const CustomerRecords& records,
                     store::CustomerStore& customers, const store::CustomerRow& row, int status,
                     std::string message, const std::vector<std::string>& ignored_fields,
                     std::optional<bool> created) {
  const OpenedCustomer opened = records.open(row);
  std::vector<store::ContactRow> fetched;
  if (!row.contacts) fetched = customers.contacts(row.business_id, row.id);
  const std::vector<store::ContactRow>& contact_rows = row.contacts ? *row.contacts : fetched;
  std::vector<OpenedContact> opened_contacts;
  opened_contacts.reserve(contact_rows.size());
  std::vector<std::string> unreadable = opened.unreadable;
  for (const auto& contact : contact_rows) {
    opened_contacts.push_back(records.open(contact));
    for (const auto& field : opened_contacts.back().unreadable) {
      unreadable.push_back("contacts." + contact.id + "." + field);
    }
  }
  std::vector<ContactView> contacts;
  for (std::size_t i = 0; i < contact_rows.size(); ++i) {
    contacts.push_back(ContactView{contact_rows[i], opened_contacts[i]});
  }
  if (!unreadable.empty()) log_unreadable(context, row.id);

  json::Buffer buffer;
  json::Writer writer(buffer);
  write_customer(writer, row, opened, &contacts, [&](json::Writer& w) {
    if (created) {
      json::key(w, "created");
      w.Bool(*created);
    }
  });
  Reply reply;
  reply.status = status;
  reply.data = json::text(buffer);
  reply.message = std::move(message);
  reply.meta = write_meta(ignored_fields, unreadable);
  reply.headers.emplace_back("ETag", etag(row.version));
  return reply;
}

void log_unreadable(const RequestContext& context, const std::string& customer_id) {
  log::Line(config::LogLevel::kError, "ciphertext failed authentication")
      .field("requestId", context.request_id)
      .field("customerId", customer_id)
      .emit();
}

}  // namespace capi::api
