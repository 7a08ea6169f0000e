// The route table: method + path pattern ("/v1/customers/{id}") -> handler. A path that no
// pattern matches is 404; a path that matches but not for this method is 405 with the methods
// that would do. A literal segment beats a parameter ("/v1/customers/search" over "{id}").
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace capi::http {

// Splits a pattern or a path on '/'; "/a/b" -> {"a", "b"}; "/" -> {}; "/a/" -> {"a", ""}.
std::vector<std::string_view> split_path(std::string_view path);

struct PathParams {
  std::vector<std::pair<std::string, std::string>> values;
  std::string_view get(std::string_view name) const {
    for (const auto& [k, v] : values) {
      if (k == name) return v;
    }
    return {};
  }
};

// How well `pattern_segments` matches `path_segments`: nullopt for no match, else a score
// where each literal segment counts more than any parameter after it.
std::optional<unsigned long> match_score(const std::vector<std::string>& pattern_segments,
                                         const std::vector<std::string_view>& path_segments,
                                         PathParams* params);

template <typename Handler>
class Router {
 public:
  struct Route {
    std::string method;
    std::string pattern;  // also the route's name in logs and metrics
    std::vector<std::string> segments;
    Handler handler;
  };

  struct Match {
    const Route* route = nullptr;  // set when found
    PathParams params;
    std::vector<std::string> allow;  // set when the path matched but not the method
  };

  void add(std::string method, std::string pattern, Handler handler) {
    std::vector<std::string> segments;
    for (const auto segment : split_path(pattern)) segments.emplace_back(segment);
    routes_.push_back(
        Route{std::move(method), std::move(pattern), std::move(segments), std::move(handler)});
  }

  // Finds the route for `method` and `path`; route == nullptr and allow empty means 404.
  Match find(std::string_view method, std::string_view path) const {
    const auto path_segments = split_path(path);
    std::optional<unsigned long> best;
    for (const auto& route : routes_) {
      const auto score = match_score(route.segments, path_segments, nullptr);
      if (score && (!best || *score > *best)) best = score;
    }
    Match match;
    if (!best) return match;
    for (const auto& route : routes_) {
      PathParams params;
      const auto score = match_score(route.segments, path_segments, &params);
      if (!score || *score != *best) continue;
      if (route.method == method || (method == "HEAD" && route.method == "GET")) {
        match.route = &route;
        match.params = std::move(params);
        match.allow.clear();
        return match;
      }
      if (std::find(match.allow.begin(), match.allow.end(), route.method) == match.allow.end()) {
        match.allow.push_back(route.method);
      }
    }
    return match;
  }

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace capi::http
