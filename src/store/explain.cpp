#include "store/explain.hpp"

#include <rapidjson/document.h>

namespace capi::store {

std::int64_t plan_rows(const Result& result) {
  if (result.empty()) return 0;
  const std::string_view plan = result.text(0, 0);
  rapidjson::Document document;
  document.Parse(plan.data(), plan.size());
  if (document.HasParseError() || !document.IsArray() || document.Empty()) return 0;
  const auto& top = document[0];
  if (!top.IsObject() || !top.HasMember("Plan") || !top["Plan"].IsObject()) return 0;
  const auto& rows = top["Plan"];
  if (!rows.HasMember("Plan Rows") || !rows["Plan Rows"].IsNumber()) return 0;
  return static_cast<std::int64_t>(rows["Plan Rows"].GetDouble());
}

}  // namespace capi::store
