#include "store/columns.hpp"

namespace capi::store {

std::string fill_template(const char* pattern, std::string_view with) {
  std::string text(pattern);
  const auto at = text.find('@');
  if (at != std::string::npos) text.replace(at, 1, with);
  return text;
}

std::vector<Param> as_params(const std::vector<std::optional<std::string>>& values) {
  std::vector<Param> params;
  params.reserve(values.size());
  for (const auto& value : values) {
    params.push_back(value ? Param(*value) : std::nullopt);
  }
  return params;
}

}  // namespace capi::store
