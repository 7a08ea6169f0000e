// The filters shared by the customer listing, its count and search: what the client asked
// for, as the SQL fragments and parameters that select it. The fragments are constants;
// values always travel as parameters.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace capi::store {

struct ListFilter {
  enum class Status { kActive, kInactive, kAll } status = Status::kActive;
  std::optional<std::string> segment;
  std::optional<std::string> type;
  std::optional<std::string> country;
  std::optional<std::string> tag;
  std::optional<std::int64_t> created_from_ms;  // inclusive
  std::optional<std::int64_t> created_to_ms;    // exclusive
  // Text search (q): a substring of name/company, or blind-index hits.
  std::optional<std::string> text;         // LIKE-escaped; the database lower-cases it
  std::optional<std::string> email_index;  // exact email
  std::optional<std::string> phone_index;  // exact phone
  std::vector<std::string> token_indexes;  // whole words of an email
};

// $1 business, $2 status, $3..$8 segment, type, country, tag, created from and to.
extern const char* const kFilterBase;
// kFilterBase, and when $9 (the text) is given: a substring of the name or company, or $10
// and $11 the blind indexes of the text read as an email and a phone, or $12 those of the
// email words in it.
extern const char* const kFilter;
constexpr int kFilterBaseParams = 8;
constexpr int kFilterParams = 12;

// $1..$12 for `filter`.
std::vector<std::optional<std::string>> filter_values(const std::string& business_id,
                                                      const ListFilter& filter);

// A text[] literal of hex digests (no quoting needed).
std::string text_array(const std::vector<std::string>& items);

}  // namespace capi::store
