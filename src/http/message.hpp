// An HTTP request as the FastCGI server handed it over, and the response we write back.
// Owned copies: nothing here points into libfcgi's buffers.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace capi::http {

// A request's FastCGI params in the order they came, the first of a repeated name winning.
// nginx sends about thirty and a request looks up a handful: one buffer for their text and
// one list of where each sits cost two allocations, where a hash table of strings cost sixty
// on every request, and a scan over thirty short names is as quick as hashing one.
class Params {
 public:
  Params() = default;
  Params(std::initializer_list<std::pair<std::string_view, std::string_view>> params);

  // Room for `count` params whose names and values add up to `text_bytes`.
  void reserve(std::size_t count, std::size_t text_bytes);
  void add(std::string_view name, std::string_view value);
  std::optional<std::string_view> find(std::string_view name) const;
  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::uint32_t at;  // where the name starts in text_; the value follows it
    std::uint32_t name_size;
    std::uint32_t value_size;
  };
  std::string text_;
  std::vector<Entry> entries_;
};

struct Request {
  std::string method;        // "GET"
  std::string path;          // "/v1/customers/65f..." (no query string, not decoded)
  std::string query_string;  // "limit=10&q=acme"
  Params params;             // every FastCGI param
  std::string body;

  // A FastCGI param such as "HTTP_AUTHORIZATION"; empty when absent.
  std::string_view param(std::string_view name) const { return params.find(name).value_or(""); }
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
