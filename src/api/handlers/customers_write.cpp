// Writes: create, update (PUT/PATCH), soft delete and erasure, restore, find-or-create.
#include "api/customer_reply.hpp"
#include "api/error.hpp"
#include "api/handlers/customers.hpp"
#include "domain/customer_input.hpp"
#include "domain/email.hpp"
#include "domain/object_id.hpp"

namespace capi::api {
namespace {

domain::NumberTextLookup number_lookup(const RequestContext& context) {
  return [body = context.body](std::string_view path) { return body->number_text(path); };
}

domain::InputContext input_context(const RequestContext& context,
                                   const store::CustomerRow* existing) {
  domain::InputContext input;
  input.business_country = context.caller->business_country;
  input.business_currency = context.caller->business_currency;
  if (existing != nullptr) {
    input.existing_country = existing->country;
    input.existing_currency = existing->currency;
  }
  return input;
}

void reject_invalid(const domain::FieldErrors& errors) {
  if (!errors.empty()) throw ApiError::validation(errors);
}

// Inserts a new customer and its contacts in one transaction; 409 on a taken email/phone.
store::CustomerRow insert_customer(RequestContext& context, store::CustomerStore& customers,
                                   const CustomerRecords& records,
                                   const domain::CustomerDraft& draft) {
  store::CustomerRow row;
  row.id = domain::new_object_id();
  row.business_id = context.caller->business_id;
  row.currency = context.caller->business_currency;
  records.apply(draft, row);
  try {
    store::Connection::Transaction transaction(context.db);
    store::CustomerRow inserted = customers.insert(row);  // not const: returned by move
    for (const auto& contact_draft : draft.contacts) {
      store::ContactRow contact;
      contact.id = domain::new_object_id();
      contact.business_id = inserted.business_id;
      contact.customer_id = inserted.id;
      records.apply(contact_draft, contact);
      customers.insert_contact(contact);
    }
    transaction.commit();
    return inserted;
  } catch (const store::DbError& error) {
    throw_conflict(error, context, customers, row);
  }
}

}  // namespace

Reply create_customer(RequestContext& context) {
  const auto input =
      domain::parse_customer(context.body->document, domain::Mode::kCreate,
                             input_context(context, nullptr), number_lookup(context));
  reject_invalid(input.errors);
  store::CustomerStore customers(context.db);
  const CustomerRecords records(context.keys);
  const auto created = insert_customer(context, customers, records, input.draft);
  return customer_reply(context, records, customers, created, 201, "Customer created successfully",
                        input.ignored_fields);
}

Reply update_customer(RequestContext& context) {
  store::CustomerStore customers(context.db);
  const CustomerRecords records(context.keys);
  store::CustomerRow row;
  std::vector<std::string> ignored;
  try {
    store::Connection::Transaction transaction(context.db);
    row = require_customer(context, customers, true);
    check_if_match(context, row.version);
    const auto input = domain::parse_customer(context.body->document, domain::Mode::kUpdate,
                                              input_context(context, &row), number_lookup(context));
    reject_invalid(input.errors);
    if (row.erased_ms) throw ApiError(409, "conflict", "An erased customer cannot be changed");
    records.apply(input.draft, row);
    row = customers.update(row);
    transaction.commit();
    ignored = input.ignored_fields;
  } catch (const store::DbError& error) {
    throw_conflict(error, context, customers, row);
  }
  return customer_reply(context, records, customers, row, 200, "Customer updated successfully",
                        ignored);
}

Reply delete_customer(RequestContext& context) {
  const auto erase_text = context.query.get("erase");
  if (erase_text && *erase_text != "true" && *erase_text != "false") {
    throw ApiError::validation({{"erase", "must be true or false"}});
  }
  const bool erase = erase_text && *erase_text == "true";
  store::CustomerStore customers(context.db);
  const CustomerRecords records(context.keys);
  store::Connection::Transaction transaction(context.db);
  store::CustomerRow row = require_customer(context, customers, true);
  check_if_match(context, row.version);
  if (erase) {
    customers.delete_contacts(row.business_id, row.id);
    row = customers.erase(row.business_id, row.id);
  } else if (row.active()) {
    row = customers.set_deleted(row.business_id, row.id, true);
  }
  transaction.commit();
  return customer_reply(context, records, customers, row, 200,
                        erase ? "Customer erased" : "Customer deleted successfully", {});
}

Reply restore_customer(RequestContext& context) {
  store::CustomerStore customers(context.db);
  const CustomerRecords records(context.keys);
  store::CustomerRow row;
  try {
    store::Connection::Transaction transaction(context.db);
    row = require_customer(context, customers, true);
    check_if_match(context, row.version);
    if (row.erased_ms) throw ApiError(409, "conflict", "An erased customer cannot be restored");
    if (!row.active()) row = customers.set_deleted(row.business_id, row.id, false);
    transaction.commit();
  } catch (const store::DbError& error) {
    throw_conflict(error, context, customers, row);
  }
  return customer_reply(context, records, customers, row, 200, "Customer restored successfully",
                        {});
}

Reply find_or_create_customer(RequestContext& context) {
  const auto& body = context.body->document;
  const auto email_member = body.FindMember("email");
  if (email_member == body.MemberEnd() || !email_member->value.IsString()) {
    throw ApiError::validation({{"email", "is required"}});
  }
  const auto email = domain::normalize_email(
      std::string_view(email_member->value.GetString(), email_member->value.GetStringLength()));
  if (!email) throw ApiError::validation({{"email", "must be a valid email address"}});

  store::CustomerStore customers(context.db);
  const CustomerRecords records(context.keys);
  const std::string index = records.email_index(context.caller->business_id, *email);
  if (const auto existing = customers.find_active_by_email(context.caller->business_id, index)) {
    return customer_reply(context, records, customers, *existing, 200, "Customer found", {}, false);
  }

  // The name defaults to the email's local part.
  rapidjson::Document with_name;
  with_name.CopyFrom(body, with_name.GetAllocator());
  if (!with_name.HasMember("name")) {
    const std::string local = email->substr(0, email->find('@'));
    with_name.AddMember("name", rapidjson::Value(local.c_str(), with_name.GetAllocator()),
                        with_name.GetAllocator());
  }
  const auto input = domain::parse_customer(
      with_name, domain::Mode::kCreate, input_context(context, nullptr), number_lookup(context));
  reject_invalid(input.errors);
  try {
    const auto created = insert_customer(context, customers, records, input.draft);
    return customer_reply(context, records, customers, created, 201,
                          "Customer created successfully", input.ignored_fields, true);
  } catch (const ApiError& error) {
    // Another request created it first: answer with that one, as a find.
    if (error.status() != 409) throw;
    const auto existing = customers.find_active_by_email(context.caller->business_id, index);
    if (!existing) throw;
    return customer_reply(context, records, customers, *existing, 200, "Customer found", {}, false);
  }
}

}  // namespace capi::api
