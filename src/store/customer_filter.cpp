#include "store/customer_filter.hpp"

namespace capi::store {

#define CAPI_FILTER_BASE                                                                        \
  " business_id = $1"                                                                           \
  " AND ($2::text = 'all' OR ($2::text = 'active' AND deleted_at IS NULL)"                      \
  "      OR ($2::text = 'inactive' AND deleted_at IS NOT NULL))"                                \
  " AND ($3::text IS NULL OR segment = $3::text)"                                               \
  " AND ($4::text IS NULL OR type = $4::text)"                                                  \
  " AND ($5::text IS NULL OR country = $5::text)"                                               \
  " AND ($6::text IS NULL OR tags @> ARRAY[$6::text])"                                          \
  " AND ($7::bigint IS NULL OR created_at >= ('epoch'::timestamptz + $7::bigint * interval '1 " \
  "millisecond'))"                                                                              \
  " AND ($8::bigint IS NULL OR created_at < ('epoch'::timestamptz + $8::bigint * interval '1 "  \
  "millisecond'))"

const char* const kFilterBase = CAPI_FILTER_BASE;
const char* const kFilter = CAPI_FILTER_BASE
    " AND ($9::text IS NULL OR"
    " (sort_name LIKE '%' || lower($9::text) || '%'"
    "  OR lower(company_name) LIKE '%' || lower($9::text) || '%'"
    "  OR email_index = $10::text OR phone_index = $11::text"
    "  OR ($12::text[] <> '{}' AND email_tokens @> $12::text[])))";

#undef CAPI_FILTER_BASE

namespace {

std::optional<std::string> optional_number(const std::optional<std::int64_t>& value) {
  if (!value) return std::nullopt;
  return std::to_string(*value);
}

const char* status_name(ListFilter::Status status) {
  switch (status) {
    case ListFilter::Status::kActive:
      return "active";
    case ListFilter::Status::kInactive:
      return "inactive";
    case ListFilter::Status::kAll:
      return "all";
  }
  return "active";
}

}  // namespace

std::vector<std::optional<std::string>> filter_values(const std::string& business_id,
                                                      const ListFilter& filter) {
  return {business_id,
          std::string(status_name(filter.status)),
          filter.segment,
          filter.type,
          filter.country,
          filter.tag,
          optional_number(filter.created_from_ms),
          optional_number(filter.created_to_ms),
          filter.text,
          filter.email_index,
          filter.phone_index,
          text_array(filter.token_indexes)};
}

// Built by appending (GCC 12's -Wrestrict misfires on `"{" + std::string` at -O3).
std::string text_array(const std::vector<std::string>& items) {
  std::string literal = "{";
  for (const auto& item : items) {
    if (literal.size() > 1) literal += ',';
    literal += item;
  }
  literal += '}';
  return literal;
}

}  // namespace capi::store
