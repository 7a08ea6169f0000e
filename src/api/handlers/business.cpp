#include "api/handlers/business.hpp"

#include "api/error.hpp"
#include "json/writer.hpp"

namespace capi::api {

Reply BusinessHandler::get(const RequestContext& context) const {
  const auto business = businesses_.find(context.caller->business_id);
  if (!business) throw ApiError::not_found();

  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartObject();
  json::field(writer, "id", business->id);
  json::field(writer, "name", business->name);
  json::field(writer, "currency", business->currency);
  json::field(writer, "country", business->country);
  json::field(writer, "createdAt", business->created_at);
  writer.EndObject();

  Reply reply;
  reply.data = json::text(buffer);
  return reply;
}

}  // namespace capi::api
