#include "api/preconditions.hpp"

#include "api/error.hpp"

namespace capi::api {
namespace {

std::string_view trim_quotes(std::string_view tag) {
  if (tag.rfind("W/", 0) == 0) tag.remove_prefix(2);
  if (tag.size() >= 2 && tag.front() == '"' && tag.back() == '"') {
    tag = tag.substr(1, tag.size() - 2);
  }
  return tag;
}

}  // namespace

std::string etag(int version) {
  std::string tag = std::to_string(version);  // built by appending: GCC 12 -Wrestrict misfires
  tag.insert(tag.begin(), '"');               // on `"\"" + std::string` at -O3
  tag.push_back('"');
  return tag;
}

void check_if_match(const RequestContext& context, int version) {
  const auto header = context.request.param("HTTP_IF_MATCH");
  if (header.empty()) return;
  const std::string current = std::to_string(version);
  std::size_t start = 0;
  while (start <= header.size()) {
    auto end = header.find(',', start);
    if (end == std::string_view::npos) end = header.size();
    std::string_view tag = header.substr(start, end - start);
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    if (tag == "*" || trim_quotes(tag) == current) return;
    start = end + 1;
  }
  throw ApiError::precondition_failed("If-Match does not match the current version (ETag \"" +
                                      current + "\")");
}

}  // namespace capi::api
