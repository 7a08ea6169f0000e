// A contact (a person at a customer) as stored: email and phone sealed (raw ciphertext
// bytes). Its columns are declared in contact_columns.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace capi::store {

struct ContactRow {
  std::string id;
  std::string business_id;
  std::string customer_id;
  int version = 1;
  std::string name;
  std::optional<std::string> title;
  std::optional<std::string> email_enc;  // sealed bytes
  std::optional<std::string> phone_enc;
  bool is_primary = false;
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;
};

}  // namespace capi::store
