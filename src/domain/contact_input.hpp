// Contacts (people at a customer) as written by clients: the rules of a contact write
// body, shared by POST /v1/customers (its `contacts` array) and the contacts routes.
#pragma once

#include <rapidjson/document.h>

#include <string>
#include <string_view>
#include <vector>

#include "domain/field.hpp"
#include "domain/input_reader.hpp"

namespace capi::domain {

constexpr std::size_t kMaxContactNameLength = 200;
constexpr std::size_t kMaxContactTitleLength = 100;

// Fields as the body gave them (see Field for absent / null / value):
//  - name: required on create; 1-200 characters after trimming; an update may not clear
//    it (null or "" is "is required");
//  - title: at most 100 characters;
//  - email: normalised (normalize_email); "must be a valid email address";
//  - phone: E.164 (normalize_phone); national notation read in the customer's country,
//    else the business's (the caller passes that region);
//  - isPrimary: a boolean; null is false, and so is absence on create.
// Every text field is trimmed, single-line, and an empty string is read as null.
// A contact needs neither an email nor a phone.
// Read-only and unknown keys (id, customerId, version, createdAt, ...) are ignored.
struct ContactDraft {
  Field<std::string> name;
  Field<std::string> title;
  Field<std::string> email;
  Field<std::string> phone;
  Field<bool> is_primary;
};

struct ContactInput {
  ContactDraft draft;
  FieldErrors errors;                       // empty when the body is acceptable
  std::vector<std::string> ignored_fields;  // for meta.ignoredFields
};

// Parses a contact body; `body` must be a JSON object (the route checks that first).
// kCreate is POST; kUpdate is PATCH (only the fields given change).
ContactInput parse_contact(const rapidjson::Value& body, Mode mode, std::string_view phone_region);

// PUT: the body replaces the contact's writable fields. The rules of a create (name
// required, isPrimary false when absent), and every optional field the body leaves out
// (title, email, phone) is cleared.
ContactInput parse_contact_replacement(const rapidjson::Value& body, std::string_view phone_region);

// The same rules for a contact nested in another body: paths are prefixed by
// `reader`'s path ("contacts[1].email") and problems go to `reader`'s lists.
ContactDraft read_contact(ObjectReader reader, Mode mode, std::string_view phone_region);

}  // namespace capi::domain
