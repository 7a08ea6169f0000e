#include "http/router.hpp"

namespace capi::http {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> segments;
  if (path.empty() || path.front() != '/') {
    segments.emplace_back(path);  // never matches a pattern, which always starts with '/'
    segments.emplace_back();
    return segments;
  }
  if (path == "/") return segments;
  std::size_t start = 1;
  while (true) {
    const auto slash = path.find('/', start);
    if (slash == std::string_view::npos) {
      segments.push_back(path.substr(start));
      break;
    }
    segments.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return segments;
}

std::optional<unsigned long> match_score(const std::vector<std::string>& pattern_segments,
                                         const std::vector<std::string_view>& path_segments,
                                         PathParams* params) {
  if (pattern_segments.size() != path_segments.size()) return std::nullopt;
  unsigned long score = 0;
  for (std::size_t i = 0; i < pattern_segments.size(); ++i) {
    const auto& pattern = pattern_segments[i];
    const auto segment = path_segments[i];
    score <<= 1;
    const bool is_param = pattern.size() > 2 && pattern.front() == '{' && pattern.back() == '}';
    if (is_param) {
      if (segment.empty()) return std::nullopt;
      if (params != nullptr) {
        params->values.emplace_back(pattern.substr(1, pattern.size() - 2), std::string(segment));
      }
    } else {
      if (pattern != segment) return std::nullopt;
      score |= 1;
    }
  }
  return score;
}

}  // namespace capi::http
