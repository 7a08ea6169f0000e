// Writes: create, update (PUT/PATCH), soft delete and erasure, restore, find-or-create.
#include "api/customers/customer_input_context.hpp"
#include "api/customers/customers_handler.hpp"
#include "api/error.hpp"
#include "api/preconditions.hpp"
#include "domain/email.hpp"

namespace capi::api {
namespace {

// The body as a customer (create or update); 422 with every problem.
domain::CustomerInput parse_body(const RequestContext& context, const rapidjson::Value& body,
                                 domain::Mode mode, const store::CustomerRow* existing) {
  auto input = domain::parse_customer(body, mode, input_context(*context.caller, existing),
                                      number_lookup(*context.body));
  if (!input.errors.empty()) throw ApiError::validation(input.errors);
  return input;
}

}  // namespace

Reply CustomersHandler::create(const RequestContext& context) const {
  const auto input = parse_body(context, context.body->document, domain::Mode::kCreate, nullptr);
  const auto created = insert(context, input.draft);
  return reply(context, created,
               {.status = 201,
                .message = "Customer created successfully",
                .ignored_fields = input.ignored_fields});
}

Reply CustomersHandler::update(const RequestContext& context) const {
  // The body is read and checked before any lock is taken: a bad body costs no lock, and a
  // good one holds its lock only for the write.
  const store::CustomerRow before = require(context, Read::kRow);
  check_if_match(context, before.version);
  auto input = parse_body(context, context.body->document, domain::Mode::kUpdate, &before);
  store::CustomerRow row;
  try {
    store::Connection::Transaction transaction(db_);
    row = require(context, Read::kForUpdate);
    check_if_match(context, row.version);
    // The rules read the stored country and currency: a write in between that changed them
    // means reading the body again (rare, and bounded as the first reading was).
    if (row.country != before.country || row.currency != before.currency) {
      input = parse_body(context, context.body->document, domain::Mode::kUpdate, &row);
    }
    if (row.erased_ms) throw ApiError::conflict("An erased customer cannot be changed");
    records_.apply(input.draft, row);
    row = customers_.update(row);
    transaction.commit();
  } catch (const store::KeyTaken& taken) {
    throw_taken(context, taken, row);
  }
  return reply(
      context, row,
      {.message = "Customer updated successfully", .ignored_fields = input.ignored_fields});
}

Reply CustomersHandler::remove(const RequestContext& context) const {
  const auto erase_text = context.query.get("erase");
  if (erase_text && *erase_text != "true" && *erase_text != "false") {
    throw ApiError::validation({{"erase", "must be true or false"}});
  }
  const bool erase = erase_text && *erase_text == "true";
  store::Connection::Transaction transaction(db_);
  store::CustomerRow row = require(context, Read::kForUpdate);
  check_if_match(context, row.version);
  if (erase) {
    contacts_.delete_all_of_customer(row.business_id, row.id);
    // Its orders stay as anonymous figures: their addresses go.
    orders_.erase_addresses(row.business_id, row.id);
    // Stored Idempotency-Key answers show its data too: they go with it.
    idempotency_.forget_customer(row.business_id, row.id);
    row = customers_.erase(row.business_id, row.id);
  } else if (row.active()) {
    row = customers_.set_deleted(row.business_id, row.id, true);
  }
  transaction.commit();
  return reply(context, row,
               {.message = erase ? "Customer erased" : "Customer deleted successfully"});
}

Reply CustomersHandler::restore(const RequestContext& context) const {
  store::CustomerRow row;
  try {
    store::Connection::Transaction transaction(db_);
    row = require(context, Read::kForUpdate);
    check_if_match(context, row.version);
    if (row.erased_ms) throw ApiError::conflict("An erased customer cannot be restored");
    if (!row.active()) row = customers_.set_deleted(row.business_id, row.id, false);
    transaction.commit();
  } catch (const store::KeyTaken& taken) {
    throw_taken(context, taken, row);
  }
  return reply(context, row, {.message = "Customer restored successfully"});
}

Reply CustomersHandler::find_or_create(const RequestContext& context) const {
  const auto& body = context.body->document;
  const auto email_member = body.FindMember("email");
  if (email_member == body.MemberEnd() || !email_member->value.IsString()) {
    throw ApiError::validation({{"email", "is required"}});
  }
  const auto email = domain::normalize_email(
      std::string_view(email_member->value.GetString(), email_member->value.GetStringLength()));
  if (!email) throw ApiError::validation({{"email", "must be a valid email address"}});

  const std::string& business_id = context.caller->business_id;
  const std::string index = records_.email_index(business_id, *email);
  const ReplyOptions found = {.message = "Customer found", .created = false};
  if (const auto existing =
          customers_.find_active(business_id, store::CustomerKey::kEmail, index)) {
    return reply(context, *existing, found);
  }

  // The name defaults to the email's local part.
  auto input_of = input_context(*context.caller, nullptr);
  input_of.default_name = email->substr(0, email->find('@'));
  auto input =
      domain::parse_customer(body, domain::Mode::kCreate, input_of, number_lookup(*context.body));
  if (!input.errors.empty()) throw ApiError::validation(input.errors);
  try {
    const auto created = insert(context, input.draft);
    return reply(context, created,
                 {.status = 201,
                  .message = "Customer created successfully",
                  .ignored_fields = input.ignored_fields,
                  .created = true});
  } catch (const ApiError& error) {
    // Another request created it first: answer with that one, as a find.
    if (error.status() != 409) throw;
    const auto existing = customers_.find_active(business_id, store::CustomerKey::kEmail, index);
    if (!existing) throw;
    return reply(context, *existing, found);
  }
}

}  // namespace capi::api
