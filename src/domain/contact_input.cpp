#include "domain/contact_input.hpp"

namespace capi::domain {

ContactDraft read_contact(ObjectReader reader, Mode mode, std::string_view phone_region) {
  ContactDraft draft;
  draft.name = reader.text("name", kMaxContactNameLength);
  const bool name_missing = mode == Mode::kCreate ? !draft.name.has_value()
                                                  : draft.name.state == Field<std::string>::kNull;
  if (name_missing) reader.fail(reader.path("name"), kRequired);
  draft.title = reader.text("title", kMaxContactTitleLength);
  draft.email = reader.email("email");
  draft.phone = reader.phone("phone", phone_region);
  draft.is_primary = reader.boolean("isPrimary");
  const bool defaults_to_false = draft.is_primary.state == Field<bool>::kNull ||
                                 (mode == Mode::kCreate && !draft.is_primary.given());
  if (defaults_to_false) draft.is_primary = value_field(false);
  reader.ignore_the_rest();
  return draft;
}

ContactInput parse_contact(const rapidjson::Value& body, Mode mode, std::string_view phone_region) {
  ContactInput input;
  input.draft =
      read_contact(ObjectReader(body, "", input.errors, input.ignored_fields), mode, phone_region);
  return input;
}

ContactInput parse_contact_replacement(const rapidjson::Value& body,
                                       std::string_view phone_region) {
  ContactInput input = parse_contact(body, Mode::kCreate, phone_region);
  for (Field<std::string>* field : {&input.draft.title, &input.draft.email, &input.draft.phone}) {
    if (!field->given()) *field = null_field<std::string>();
  }
  return input;
}

}  // namespace capi::domain
