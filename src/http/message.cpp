#include "http/message.hpp"

#include <charconv>
#include <limits>
#include <stdexcept>

namespace capi::http {

Params::Params(std::initializer_list<std::pair<std::string_view, std::string_view>> params) {
  for (const auto& [name, value] : params) add(name, value);
}

void Params::reserve(std::size_t count, std::size_t text_bytes) {
  entries_.reserve(count);
  text_.reserve(text_bytes);
}

void Params::add(std::string_view name, std::string_view value) {
  // FastCGI caps a record's params far below this; the check keeps the offsets honest.
  if (text_.size() + name.size() + value.size() > std::numeric_limits<std::uint32_t>::max()) {
    throw std::length_error("FastCGI params over 4 GiB");
  }
  entries_.push_back({static_cast<std::uint32_t>(text_.size()),
                      static_cast<std::uint32_t>(name.size()),
                      static_cast<std::uint32_t>(value.size())});
  text_.append(name).append(value);
}

std::optional<std::string_view> Params::find(std::string_view name) const {
  const std::string_view text(text_);
  for (const Entry& entry : entries_) {
    if (entry.name_size == name.size() && text.substr(entry.at, entry.name_size) == name) {
      return text.substr(entry.at + entry.name_size, entry.value_size);
    }
  }
  return std::nullopt;
}

std::size_t Request::content_length() const {
  const auto text = param("CONTENT_LENGTH");
  std::size_t length = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), length);
  if (ec != std::errc{} || ptr != text.data() + text.size()) return 0;
  return length;
}

std::string_view reason_phrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Payload Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Entity";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "Unknown";
  }
}

}  // namespace capi::http
