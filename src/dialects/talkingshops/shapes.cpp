#include "dialects/talkingshops/shapes.hpp"

#include <string_view>

#include "dialects/core_data.hpp"
#include "dialects/talkingshops/mobile.hpp"
#include "domain/time.hpp"

namespace capi::dialects::talkingshops {
namespace {

using Value = rapidjson::Value;

const Value& at(const Value& object, std::string_view name) {
  return CoreData::member(object, name);
}

void write_customer_fields(json::Writer& writer, const Value& customer) {
  copy_field(writer, "_id", customer, "id");
  copy_field(writer, "name", customer, "name");
  json::key(writer, "mobile");
  const Value& phone = at(customer, "phone");
  if (phone.IsString()) {
    json::string(writer, vendor_mobile({phone.GetString(), phone.GetStringLength()}));
  } else {
    writer.Null();
  }
  copy_field(writer, "email", customer, "email");
  copy_field(writer, "segment", customer, "segment");
  copy_field(writer, "created_at", customer, "createdAt");
  copy_field(writer, "updated_at", customer, "updatedAt");
}

// An order of ?include=orders: its number is TalkingShops' referenceId, its total the final
// amount, its order date the time it was placed.
void write_order(json::Writer& writer, const Value& order) {
  writer.StartObject();
  copy_field(writer, "_id", order, "id");
  copy_field(writer, "referenceId", order, "orderNumber");
  copy_field(writer, "status", order, "status");
  copy_field(writer, "final_amount", order, "total");
  copy_field(writer, "created_at", order, "orderDate");
  writer.EndObject();
}

// {success: true, message, ...}: the caller writes the rest and closes it.
void start_message(json::Writer& writer, const std::string& message) {
  start_success(writer);
  json::field(writer, "message", message);
}

}  // namespace

api::Reply customer_reply(const api::Reply& core) {
  const CoreData data(core);
  const Value& customer = data.root();
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartObject();
  write_customer_fields(writer, customer);
  json::key(writer, "orders");
  writer.StartArray();
  const Value& orders = at(customer, "orders");
  if (orders.IsArray()) {
    for (const auto& order : orders.GetArray()) write_order(writer, order);
  }
  writer.EndArray();
  const Value& metrics = at(customer, "metrics");
  json::key(writer, "metrics");
  writer.StartObject();
  copy_field(writer, "totalOrders", metrics, "orderCount");
  copy_field(writer, "totalSpent", metrics, "lifetimeValue");
  copy_field(writer, "averageOrderValue", metrics, "averageOrderValue");
  copy_field(writer, "firstOrderDate", metrics, "firstOrderAt");
  copy_field(writer, "lastOrderDate", metrics, "lastOrderAt");
  writer.EndObject();
  writer.EndObject();
  return vendor_reply(core, buffer);
}

api::Reply list_reply(const api::Reply& listing, const api::Reply& stats, const std::string& sort) {
  const CoreData rows(listing);
  const CoreData meta(listing, CoreData::Part::kMeta);
  const CoreData figures(stats);
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartObject();
  json::key(writer, "customers");
  writer.StartArray();
  for (const auto& customer : rows.root().GetArray()) {
    writer.StartObject();
    write_customer_fields(writer, customer);
    const Value& metrics = at(customer, "metrics");
    json::key(writer, "metrics");
    writer.StartObject();
    copy_field(writer, "orderCount", metrics, "orderCount");
    copy_field(writer, "lifetimeValue", metrics, "lifetimeValue");
    writer.EndObject();
    writer.EndObject();
  }
  writer.EndArray();
  copy_field(writer, "total", meta.root(), "total");
  copy_field(writer, "totalPages", meta.root(), "totalPages");
  // Business-wide, as the page's example shows them beside the page (120 active of 125).
  copy_field(writer, "activeCount", figures.root(), "activeCount");
  copy_field(writer, "averageLifetimeValue", figures.root(), "averageLifetimeValue");
  json::key(writer, "meta");
  writer.StartObject();
  // Whether the business segments its customers: at least one has a segment.
  bool segmented = false;
  const Value& segments = at(figures.root(), "segmentDistribution");
  if (segments.IsObject()) {
    for (const auto& segment : segments.GetObject()) {
      const std::string_view name(segment.name.GetString(), segment.name.GetStringLength());
      if (name != "unsegmented" && segment.value.IsNumber() && segment.value.GetDouble() > 0) {
        segmented = true;
      }
    }
  }
  json::key(writer, "hasSegmentation");
  writer.Bool(segmented);
  copy_field(writer, "page", meta.root(), "page");
  copy_field(writer, "limit", meta.root(), "limit");
  json::field(writer, "sort", sort);
  writer.EndObject();
  writer.EndObject();
  return vendor_reply(listing, buffer);
}

api::Reply stats_reply(const api::Reply& core) {
  const CoreData data(core);
  const Value& stats = data.root();
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartObject();
  copy_field(writer, "totalCustomers", stats, "totalCustomers");
  copy_field(writer, "newCustomers", stats, "newCustomers");
  copy_field(writer, "averageOrderValue", stats, "averageOrderValue");
  copy_field(writer, "totalOrders", stats, "totalOrders");
  copy_field(writer, "revenue", stats, "revenue");
  copy_field(writer, "segmentDistribution", stats, "segmentDistribution");
  const Value& period = at(stats, "period");
  json::key(writer, "period");
  writer.StartObject();
  copy_field(writer, "start", period, "start");
  // The core's end is exclusive (the next month's first instant); the page prints the last
  // instant of the period (2023-06-30T23:59:59Z): the same period, one millisecond earlier.
  json::key(writer, "end");
  const Value& end = at(period, "end");
  const auto end_ms = end.IsString()
                          ? domain::parse_rfc3339({end.GetString(), end.GetStringLength()})
                          : std::nullopt;
  if (end_ms) {
    json::string(writer, domain::format_rfc3339_ms(*end_ms - 1));
  } else {
    end.Accept(writer);
  }
  writer.EndObject();
  writer.EndObject();
  return vendor_reply(core, buffer);
}

api::Reply done_reply(const api::Reply& core, const std::string& message) {
  json::Buffer buffer;
  json::Writer writer(buffer);
  start_message(writer, message);
  writer.EndObject();
  return vendor_reply(core, buffer);
}

api::Reply created_reply(const api::Reply& core) {
  const CoreData data(core);
  json::Buffer buffer;
  json::Writer writer(buffer);
  start_message(writer, "Customer created successfully");
  copy_field(writer, "customerId", data.root(), "id");
  writer.EndObject();
  return vendor_reply(core, buffer);
}

}  // namespace capi::dialects::talkingshops
