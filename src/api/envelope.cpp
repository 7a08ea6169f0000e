#include "api/envelope.hpp"

#include "json/writer.hpp"

namespace capi::api {

std::string success_body(const Reply& reply) {
  // Sized for the whole envelope at once: grown step by step, a customer's body was copied
  // half a dozen times on its way in.
  json::Buffer buffer(nullptr, reply.data.size() + reply.meta.size() + reply.message.size() + 64);
  json::Writer writer(buffer);
  writer.StartObject();
  json::key(writer, "success");
  writer.Bool(true);
  json::key(writer, "data");
  writer.RawValue(reply.data.data(), reply.data.size(), rapidjson::kObjectType);
  if (!reply.message.empty()) json::field(writer, "message", reply.message);
  if (!reply.meta.empty()) {
    json::key(writer, "meta");
    writer.RawValue(reply.meta.data(), reply.meta.size(), rapidjson::kObjectType);
  }
  writer.EndObject();
  return json::text(buffer);
}

void write_error(json::Writer& writer, const ApiError& error) {
  writer.StartObject();
  json::field(writer, "code", error.code());
  json::field(writer, "message", error.message());
  if (!error.details().empty()) {
    json::key(writer, "details");
    writer.StartObject();
    for (const auto& [name, value] : error.details()) json::field(writer, name, value);
    writer.EndObject();
  }
  writer.EndObject();
}

std::string error_body(const ApiError& error, const std::string& request_id) {
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartObject();
  json::key(writer, "success");
  writer.Bool(false);
  json::key(writer, "error");
  write_error(writer, error);
  json::field(writer, "requestId", request_id);
  writer.EndObject();
  return json::text(buffer);
}

http::Response reply_response(const Reply& reply) {
  http::Response response;
  response.status = reply.status;
  if (reply.raw_content_type.empty()) {
    response.body = success_body(reply);
  } else {
    response.content_type = reply.raw_content_type;
    response.body = reply.raw_body;
    response.stream = reply.raw_stream;
  }
  for (const auto& [name, value] : reply.headers) response.set_header(name, value);
  return response;
}

http::Response error_response(const ApiError& error, const std::string& request_id,
                              std::string (*body)(const ApiError&, const std::string&)) {
  http::Response response;
  response.status = error.status();
  response.body = body != nullptr ? body(error, request_id) : error_body(error, request_id);
  for (const auto& [name, value] : error.headers()) response.set_header(name, value);
  return response;
}

}  // namespace capi::api
