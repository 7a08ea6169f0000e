#include "dialects/talkingshops/requests.hpp"

#include <array>
#include <string_view>
#include <utility>
#include <vector>

#include "api/error.hpp"
#include "dialects/core.hpp"
#include "dialects/talkingshops/mobile.hpp"

namespace capi::dialects::talkingshops {
namespace {

// The page names `name` and `created_at` "etc.": its customer's other sortable fields, and
// the core's own names, onto the core's sorts. A leading '-' is descending (Mongoose's
// convention, which TalkingShops' ids suggest); without one, ascending.
constexpr std::array<std::pair<std::string_view, std::string_view>, 9> kSorts = {{
    {"name", "name"},
    {"created_at", "createdAt"},
    {"createdAt", "createdAt"},
    {"updated_at", "updatedAt"},
    {"updatedAt", "updatedAt"},
    {"lifetimeValue", "lifetimeValue"},
    {"totalSpent", "lifetimeValue"},
    {"lastOrderDate", "lastOrderAt"},
    {"lastOrderAt", "lastOrderAt"},
}};

constexpr std::string_view kDefaultSort = "created_at";
constexpr std::string_view kDefaultLimit = "10";

std::string core_sort(const std::string& vendor) {
  const bool descending = !vendor.empty() && vendor.front() == '-';
  const std::string_view name = std::string_view(vendor).substr(descending ? 1 : 0);
  for (const auto& [vendor_name, core_name] : kSorts) {
    if (name == vendor_name) return (descending ? "-" : "") + std::string(core_name);
  }
  throw api::ApiError::validation(
      {{"sort",
        "must be one of name, created_at, updated_at, lifetimeValue, lastOrderDate, "
        "with a leading - for descending"}});
}

// `object`'s members, mobile read as WhatsApp writes it; `name` added when absent.
void write_customer_body(json::Writer& writer, const http::JsonBody& source,
                         const rapidjson::Value& object, bool name_from_mobile) {
  writer.StartObject();
  bool has_name = false;
  for (const auto& member : object.GetObject()) {
    const std::string_view name(member.name.GetString(), member.name.GetStringLength());
    if (name_from_mobile && name == "name" && member.value.IsNull()) continue;  // defaulted
    json::key(writer, name);
    if (name == "mobile" && member.value.IsString()) {
      json::string(writer, core_mobile({member.value.GetString(), member.value.GetStringLength()}));
    } else {
      write_value(writer, source, member.value);
    }
    has_name = has_name || (name == "name" && !member.value.IsNull());
  }
  if (name_from_mobile && !has_name) {
    const auto& mobile = object["mobile"];
    json::field(writer, "name", {mobile.GetString(), mobile.GetStringLength()});
  }
  writer.EndObject();
}

void parse_written(const json::Buffer& buffer, http::JsonBody& out) {
  parse_translated({buffer.GetString(), buffer.GetSize()}, out);
}

}  // namespace

ListQuery list_query(const http::QueryParams& vendor) {
  ListQuery list;
  list.sort = vendor.get("sort").value_or(std::string(kDefaultSort));
  std::vector<http::QueryParams::Pair> pairs = {{"sort", core_sort(list.sort)}};
  if (!vendor.has("limit")) pairs.emplace_back("limit", kDefaultLimit);
  for (const auto& [name, value] : vendor.pairs()) {
    if (name == "searchTerm") {
      pairs.emplace_back(name, core_mobile(value));  // digits alone: a WhatsApp number
    } else if (name == "page" || name == "limit" || name == "segment" || name == "startDate" ||
               name == "endDate") {
      pairs.emplace_back(name, value);  // the core's own names (or its aliases) for them
    }
  }
  list.query = http::QueryParams(std::move(pairs));
  return list;
}

http::QueryParams stats_query(const http::QueryParams& vendor) {
  std::vector<http::QueryParams::Pair> pairs;
  if (const auto start = vendor.get("startDate")) pairs.emplace_back("from", *start);
  if (const auto end = vendor.get("endDate")) pairs.emplace_back("to", *end);
  return http::QueryParams(std::move(pairs));
}

void create_body(const http::JsonBody& vendor, http::JsonBody& out) {
  const auto& body = vendor.document;
  if (!body.HasMember("mobile") || body["mobile"].IsNull()) {
    throw api::ApiError::validation({{"mobile", "is required"}});
  }
  if (!body["mobile"].IsString()) {
    throw api::ApiError::validation({{"mobile", "must be a string"}});
  }
  json::Buffer buffer;
  json::Writer writer(buffer);
  write_customer_body(writer, vendor, body, true);
  parse_written(buffer, out);
}

void update_body(const http::JsonBody& vendor, http::JsonBody& out) {
  const auto& body = vendor.document;
  if (!body.HasMember("updates") || !body["updates"].IsObject()) {
    throw api::ApiError::validation({{"updates", "must be an object of the fields to change"}});
  }
  json::Buffer buffer;
  json::Writer writer(buffer);
  write_customer_body(writer, vendor, body["updates"], false);
  parse_written(buffer, out);
}

}  // namespace capi::dialects::talkingshops
