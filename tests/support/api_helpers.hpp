// Small helpers for tests that speak JSON to the API.
#pragma once

#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <atomic>
#include <set>
#include <string>

#include "http_client.hpp"

namespace capi::test {

// Authorization plus Content-Type: application/json.
inline Headers json_headers(const std::string& key, Headers more = {}) {
  more.emplace_back("Authorization", "Bearer " + key);
  more.emplace_back("Content-Type", "application/json");
  return more;
}

// The string member `name` of `data` in a success envelope ("" when absent or not a string).
inline std::string data_string(const HttpResponse& response, const char* name) {
  const auto json = response.json();
  if (json.HasParseError() || !json.IsObject() || !json.HasMember("data")) return {};
  const auto& data = json["data"];
  if (!data.IsObject() || !data.HasMember(name) || !data[name].IsString()) return {};
  return data[name].GetString();
}

// The error code of an error envelope ("" when not one).
inline std::string error_code_of(const HttpResponse& response) {
  const auto json = response.json();
  if (json.HasParseError() || !json.IsObject() || !json.HasMember("error")) return {};
  return json["error"]["code"].GetString();
}

// The message for `path` in error.details ("" when absent).
inline std::string error_detail(const HttpResponse& response, const char* path) {
  const auto json = response.json();
  if (json.HasParseError() || !json.IsObject() || !json.HasMember("error")) return {};
  const auto& error = json["error"];
  if (!error.HasMember("details") || !error["details"].HasMember(path)) return {};
  return error["details"][path].GetString();
}

// An email address no other call of this test process gave: `local`, a counter and the pid.
inline std::string fresh_email(const std::string& local = "person") {
  static std::atomic<int> counter{0};
  return local + std::to_string(counter++) + "." + std::to_string(getpid()) + "@example.com";
}

// The member names of a JSON object.
inline std::set<std::string> names_of(const rapidjson::Value& object) {
  std::set<std::string> names;
  for (const auto& member : object.GetObject()) names.insert(member.name.GetString());
  return names;
}

}  // namespace capi::test
