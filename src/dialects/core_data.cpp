#include "dialects/core_data.hpp"

#include <stdexcept>

namespace capi::dialects {

CoreData::CoreData(const api::Reply& reply, Part part) {
  // In place: no copy of each string of the answer, one of the whole text.
  text_ = part == Part::kData ? reply.data : reply.meta;
  document_.ParseInsitu<rapidjson::kParseFullPrecisionFlag>(text_.data());
  if (document_.HasParseError()) {
    throw std::logic_error("a core answer's data is not JSON");  // the core writes it
  }
}

const rapidjson::Value& CoreData::member(const rapidjson::Value& object, std::string_view name) {
  static const rapidjson::Value null_value;
  if (!object.IsObject()) return null_value;
  const auto found = object.FindMember(
      rapidjson::StringRef(name.data(), static_cast<rapidjson::SizeType>(name.size())));
  return found == object.MemberEnd() ? null_value : found->value;
}

void start_success(json::Writer& writer) {
  writer.StartObject();
  json::key(writer, "success");
  writer.Bool(true);
}

void copy_field(json::Writer& writer, std::string_view vendor_name, const rapidjson::Value& object,
                std::string_view core_name) {
  json::key(writer, vendor_name);
  CoreData::member(object, core_name).Accept(writer);
}

void write_renamed(json::Writer& writer, const rapidjson::Value& value, RenameKey rename) {
  if (value.IsObject()) {
    writer.StartObject();
    for (const auto& member : value.GetObject()) {
      const std::string_view name(member.name.GetString(), member.name.GetStringLength());
      json::key(writer, rename(name));
      if (name == "metadata") {
        member.value.Accept(writer);
      } else {
        write_renamed(writer, member.value, rename);
      }
    }
    writer.EndObject();
  } else if (value.IsArray()) {
    writer.StartArray();
    for (const auto& item : value.GetArray()) write_renamed(writer, item, rename);
    writer.EndArray();
  } else {
    value.Accept(writer);
  }
}

api::Reply vendor_reply(const api::Reply& core, std::string body) {
  api::Reply reply;
  reply.status = core.status;
  reply.headers = core.headers;
  reply.customer_id = core.customer_id;
  reply.raw_content_type = "application/json; charset=utf-8";
  reply.raw_body = std::move(body);
  return reply;
}

api::Reply vendor_reply(const api::Reply& core, const json::Buffer& body) {
  return vendor_reply(core, json::text(body));
}

}  // namespace capi::dialects
