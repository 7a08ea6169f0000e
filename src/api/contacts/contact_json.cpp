#include "api/contacts/contact_json.hpp"

#include "api/json_fields.hpp"

namespace capi::api {

void write_contact(json::Writer& writer, const store::ContactRow& row,
                   const records::OpenedContact& opened) {
  writer.StartObject();
  json::field(writer, "id", row.id);
  json::field(writer, "customerId", row.customer_id);
  json::field(writer, "name", row.name);
  json::nullable_field(writer, "title", row.title);
  json::nullable_field(writer, "email", opened.email);
  json::nullable_field(writer, "phone", opened.phone);
  json::key(writer, "isPrimary");
  writer.Bool(row.is_primary);
  json::key(writer, "version");
  writer.Int(row.version);
  time_field(writer, "createdAt", row.created_ms);
  time_field(writer, "updatedAt", row.updated_ms);
  writer.EndObject();
}

}  // namespace capi::api
