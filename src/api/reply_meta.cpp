#include "api/reply_meta.hpp"

#include "json/writer.hpp"
#include "log/log.hpp"

namespace capi::api {
namespace {

void write_list(json::Writer& writer, const char* name, const std::vector<std::string>& values) {
  if (values.empty()) return;
  json::key(writer, name);
  writer.StartArray();
  for (const auto& value : values) json::string(writer, value);
  writer.EndArray();
}

void write_totals(json::Writer& writer, const PageTotals& totals, int limit) {
  json::key(writer, "total");
  writer.Int64(totals.total);
  json::key(writer, "totalExact");
  writer.Bool(totals.exact);
  json::key(writer, "page");
  if (totals.page) {
    writer.Int(*totals.page);
  } else {
    writer.Null();
  }
  json::key(writer, "totalPages");
  writer.Int64((totals.total + limit - 1) / limit);
  json::key(writer, "hasMore");
  writer.Bool(totals.has_more);
  json::nullable_field(writer, "nextCursor", totals.next_cursor);
}

}  // namespace

std::string write_meta(const std::vector<std::string>& ignored_fields,
                       const std::vector<std::string>& unreadable_fields) {
  if (ignored_fields.empty() && unreadable_fields.empty()) return {};
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartObject();
  write_list(writer, "ignoredFields", ignored_fields);
  write_list(writer, "unreadableFields", unreadable_fields);
  writer.EndObject();
  return json::text(buffer);
}

std::string write_page_meta(const PageMeta& meta) {
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartObject();
  if (meta.count) {
    json::key(writer, "count");
    writer.Int(*meta.count);
  }
  if (meta.totals) write_totals(writer, *meta.totals, meta.limit);
  json::key(writer, "limit");
  writer.Int(meta.limit);
  write_list(writer, "unreadableFields", meta.unreadable);
  writer.EndObject();
  return json::text(buffer);
}

void log_unreadable(const RequestContext& context, const char* record, const std::string& id) {
  log::Line(config::LogLevel::kError, "ciphertext failed authentication")
      .field("requestId", context.request_id)
      .field(record, id)
      .emit();
}

}  // namespace capi::api
