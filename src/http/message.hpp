// An HTTP request as the FastCGI server handed it over, and the response we write back.
// Owned copies: nothing here points into libfcgi's buffers.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace capi::http {

struct Request {
  std::string method;        // "GET"
  std::string path;          // "/v1/customers/65f..." (no query string, not decoded)
  std::string query_string;  // "limit=10&q=acme"
  std::unordered_map<std::string, std::string> params;  // every FastCGI param
  std::string body;

  // A FastCGI param such as "HTTP_AUTHORIZATION"; empty when absent.
  std::string_view param(const std::string& name) const {
    const auto it = params.find(name);
    return it == params.end() ? std::string_view{} : std::string_view(it->second);
  }
  // The declared body length (CONTENT_LENGTH); 0 when absent or unreadable.
  std::size_t content_length() const;
};

// A body made while it is sent (an export): called once, after the head, with a sink that
// takes each piece as it is ready, so that nothing holds the whole body.
using BodySink = std::function<void(std::string_view piece)>;
using BodyStream = std::function<void(const BodySink& sink)>;

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  BodyStream stream;  // when set: the body, written without Content-Length; `body` unused

  void set_header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
};

// "OK", "Not Found", ... for the Status line.
std::string_view reason_phrase(int status);

}  // namespace capi::http
