#include "api/customers/customer_query.hpp"

#include <rapidjson/document.h>

#include <algorithm>
#include <array>
#include <charconv>

#include "crypto/random.hpp"
#include "domain/country.hpp"
#include "domain/customer_input.hpp"
#include "domain/email.hpp"
#include "domain/input_reader.hpp"
#include "domain/phone.hpp"
#include "domain/text.hpp"
#include "domain/time.hpp"
#include "json/small_document.hpp"
#include "json/writer.hpp"

namespace capi::api {
namespace {

// The sort names of the API, and the store's sort each stands for.
struct SortName {
  std::string_view name;
  store::SortKey key;
};
constexpr std::size_t kMaxCursorLength = 4096;

constexpr std::array<SortName, 5> kSortNames = {{
    {"name", store::SortKey::kName},
    {"createdAt", store::SortKey::kCreatedAt},
    {"updatedAt", store::SortKey::kUpdatedAt},
    {"lifetimeValue", store::SortKey::kLifetimeValue},
    {"lastOrderAt", store::SortKey::kLastOrderAt},
}};

std::string sort_choices() {
  std::string choices;
  for (const auto& sort : kSortNames) {
    if (!choices.empty()) choices += ", ";
    choices += sort.name;
  }
  return choices;
}

std::string_view name_of(store::SortKey key) {
  for (const auto& sort : kSortNames) {
    if (sort.key == key) return sort.name;
  }
  return kSortNames.front().name;
}

std::optional<long> parse_whole(const std::string& text) {
  long value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string escape_like(const std::string& text) {
  std::string escaped;
  for (const char ch : text) {
    if (ch == '%' || ch == '_' || ch == '\\') escaped += '\\';
    escaped += ch;
  }
  return escaped;
}

// The first of several aliases that is present.
std::optional<std::string> first_of(const http::QueryParams& query,
                                    std::initializer_list<const char*> names) {
  for (const char* name : names) {
    if (auto value = query.get(name)) return value;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::pair<store::SortKey, bool>> parse_sort(const std::string& text) {
  const bool descending = !text.empty() && text.front() == '-';
  const std::string_view name = std::string_view(text).substr(descending ? 1 : 0);
  for (const auto& sort : kSortNames) {
    if (name == sort.name) return std::make_pair(sort.key, descending);
  }
  return std::nullopt;
}

int parse_limit(const std::optional<std::string>& text, int default_limit,
                ApiError::Details& errors) {
  if (!text) return default_limit;
  const auto value = parse_whole(*text);
  if (!value || *value < 1 || *value > kMaxLimit) {
    errors.emplace_back("limit", "must be a whole number from 1 to " + std::to_string(kMaxLimit));
    return default_limit;
  }
  return static_cast<int>(*value);
}

namespace {

// The cursor's place in associated data: bound to the business, never renamed.
constexpr const char* kCursorRecord = "cursor";
constexpr const char* kCursorField = "listing";

}  // namespace

std::string encode_cursor(const records::Sealer& sealer, const std::string& business_id,
                          const Cursor& cursor) {
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartArray();
  json::string(writer, name_of(cursor.key));
  writer.Bool(cursor.descending);
  json::string(writer, cursor.value);
  json::string(writer, cursor.id);
  writer.EndArray();
  return crypto::base64url(
      *sealer.seal(business_id, kCursorRecord, kCursorField, json::text(buffer)));
}

std::optional<Cursor> decode_cursor(const records::Sealer& sealer, const std::string& business_id,
                                    const std::string& text) {
  if (text.empty() || text.size() > kMaxCursorLength) return std::nullopt;
  const auto sealed = crypto::base64url_decode(text);
  if (!sealed) return std::nullopt;
  std::vector<std::string> unreadable;
  const auto raw = sealer.open(business_id, kCursorRecord, kCursorField, sealed, unreadable);
  if (!raw) return std::nullopt;
  return parse_cursor_json(*raw);
}

std::optional<Cursor> parse_cursor_json(std::string_view text) {
  json::SmallDocument parsed;
  if (!parsed.parse(text)) return std::nullopt;
  const rapidjson::Value& document = parsed.root();
  if (!document.IsArray() || document.Size() != 4 || !document[0].IsString() ||
      !document[1].IsBool() || !document[2].IsString() || !document[3].IsString()) {
    return std::nullopt;
  }
  // With their lengths: a string may hold an escaped NUL.
  const auto string_of = [](const rapidjson::Value& value) {
    return std::string(value.GetString(), value.GetStringLength());
  };
  const auto sort = parse_sort(string_of(document[0]));
  if (!sort || sort->second) return std::nullopt;  // a bare name: the direction is apart
  Cursor decoded{sort->first, document[1].GetBool(), string_of(document[2]),
                 string_of(document[3])};
  if (!store::is_sort_value(decoded.key, decoded.value)) return std::nullopt;
  return decoded;
}

void check_search_text(const std::string& q, const char* name, ApiError::Details& errors) {
  if (domain::utf8_length(domain::trim(q)) > kMaxSearchTextLength) {
    errors.emplace_back(name, domain::at_most_characters(kMaxSearchTextLength));
  }
}

void apply_search_text(const std::string& q, const std::string& business_id,
                       const std::string& business_country, const records::CustomerRecords& records,
                       store::ListFilter& filter) {
  const std::string text(domain::trim(q));
  filter.text = escape_like(text);  // lower-cased by the database, as sort_name is
  if (const auto email = domain::normalize_email(text)) {
    filter.email_index = records.email_index(business_id, *email);
  }
  const bool phone_like = text.find_first_of("0123456789") != std::string::npos &&
                          text.find_first_not_of("0123456789+-() .") == std::string::npos;
  if (phone_like) {
    if (const auto phone = domain::normalize_phone(text, business_country); phone.e164) {
      filter.phone_index = records.phone_index(business_id, *phone.e164);
    }
  }
  if (!domain::has_white_space(text)) {
    for (const auto& token : domain::email_tokens(domain::ascii_lower(text))) {
      filter.token_indexes.push_back(records.token_index(business_id, token));
    }
  }
}

namespace {

void parse_status(const http::QueryParams& query, store::ListFilter& filter,
                  ApiError::Details& errors) {
  if (const auto status = query.get("status")) {
    if (*status == "active")
      filter.status = store::ListFilter::Status::kActive;
    else if (*status == "inactive")
      filter.status = store::ListFilter::Status::kInactive;
    else if (*status == "all")
      filter.status = store::ListFilter::Status::kAll;
    else
      errors.emplace_back("status", "must be one of: active, inactive, all");
  } else if (const auto is_active = query.get("isActive")) {
    if (*is_active == "true")
      filter.status = store::ListFilter::Status::kActive;
    else if (*is_active == "false")
      filter.status = store::ListFilter::Status::kInactive;
    else
      errors.emplace_back("isActive", "must be true or false");
  }
}

void parse_filters(const http::QueryParams& query, store::ListFilter& filter,
                   ApiError::Details& errors) {
  parse_status(query, filter, errors);
  if (const auto segment = query.get("segment")) filter.segment = domain::ascii_lower(*segment);
  if (const auto type = query.get("type")) {
    if (std::find(domain::kCustomerTypes.begin(), domain::kCustomerTypes.end(), *type) !=
        domain::kCustomerTypes.end()) {
      filter.type = *type;
    } else {
      errors.emplace_back("type", domain::one_of_message(domain::kCustomerTypes));
    }
  }
  if (const auto country = query.get("country")) {
    filter.country = domain::normalize_country(*country);
    if (!filter.country) errors.emplace_back("country", "must be an ISO 3166-1 country code");
  }
  if (const auto tag = query.get("tag")) filter.tag = std::string(domain::trim(*tag));
  if (const auto from = first_of(query, {"createdFrom", "startDate"})) {
    filter.created_from_ms = domain::parse_date_or_time(*from, domain::Bound::kLower);
    if (!filter.created_from_ms)
      errors.emplace_back("createdFrom", "must be an RFC 3339 date-time or a date");
  }
  if (const auto to = first_of(query, {"createdTo", "endDate"})) {
    filter.created_to_ms = domain::parse_date_or_time(*to, domain::Bound::kUpper);
    if (!filter.created_to_ms)
      errors.emplace_back("createdTo", "must be an RFC 3339 date-time or a date");
  }
}

void parse_page(const http::QueryParams& query, ListRequest& request, ApiError::Details& errors) {
  auto& page = request.page;
  if (const auto sort = query.get("sort")) {
    const auto parsed = parse_sort(*sort);
    if (parsed) {
      page.sort = parsed->first;
      page.descending = parsed->second;
    } else {
      errors.emplace_back("sort", "must be one of: " + sort_choices() +
                                      ", each with an optional '-' for descending");
    }
  }
  page.limit = parse_limit(query.get("limit"), kDefaultLimit, errors);
  if (const auto page_text = query.get("page")) {
    const auto number = parse_whole(*page_text);
    if (!number || *number < 1 || *number > 1'000'000) {
      errors.emplace_back("page", "must be a whole number of at least 1");
    } else {
      request.page_number = static_cast<int>(*number);
    }
  }
}

// A cursor replaces the page number; 400 for one the server did not make.
void apply_cursor(const http::QueryParams& query, const QueryContext& context,
                  ListRequest& request) {
  auto& page = request.page;
  if (const auto cursor_text = query.get("cursor")) {
    const auto cursor = decode_cursor(context.cursors, context.business_id, *cursor_text);
    if (!cursor)
      throw ApiError::bad_request("The cursor is not valid; use meta.nextCursor as given");
    if (query.get("sort") && (cursor->key != page.sort || cursor->descending != page.descending)) {
      throw ApiError::bad_request("The cursor belongs to another sort order");
    }
    page.sort = cursor->key;
    page.descending = cursor->descending;
    page.after_value = cursor->value;
    page.after_id = cursor->id;
    request.by_cursor = true;
  } else {
    const long first = static_cast<long>(request.page_number - 1) * page.limit;
    // OFFSET reads and drops every row before the page: deep pages are the cursor's.
    if (first >= kMaxPagedMatches) {
      throw ApiError::validation(
          {{"page", "must start within the first " + std::to_string(kMaxPagedMatches) +
                        " matches; page deeper with cursor (meta.nextCursor)"}});
    }
    page.offset = static_cast<int>(first);
  }
}

}  // namespace

ListRequest parse_list_request(const http::QueryParams& query, const QueryContext& context) {
  ListRequest request;
  ApiError::Details errors;
  parse_filters(query, request.filter, errors);
  if (const auto q = first_of(query, {"q", "search", "searchTerm"})) {
    check_search_text(*q, "q", errors);
    if (errors.empty() && !domain::trim(*q).empty()) {
      apply_search_text(*q, context.business_id, context.business_country, context.records,
                        request.filter);
    }
  }

  parse_page(query, request, errors);
  if (!errors.empty()) throw ApiError::validation(std::move(errors));
  apply_cursor(query, context, request);
  return request;
}

}  // namespace capi::api
