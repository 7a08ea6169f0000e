#include "http/query.hpp"

#include <algorithm>

#include "domain/text.hpp"

namespace capi::http {
namespace {

int hex_value(char ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
  return -1;
}

bool has_control_char(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char ch) {
    const auto byte = static_cast<unsigned char>(ch);
    return byte < 0x20 || byte == 0x7f;
  });
}

}  // namespace

std::optional<std::string> QueryParams::get(std::string_view key) const {
  for (const auto& [k, v] : pairs_) {
    if (k == key) return v;
  }
  return std::nullopt;
}

std::vector<std::string> QueryParams::all(std::string_view key) const {
  std::vector<std::string> values;
  for (const auto& [k, v] : pairs_) {
    if (k == key) values.push_back(v);
  }
  return values;
}

std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (ch == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      const int high = hex_value(text[i + 1]);
      const int low = hex_value(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      out += static_cast<char>(high * 16 + low);
      i += 2;
    } else if (ch == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += ch;
    }
  }
  return out;
}

std::optional<QueryParams> parse_query(std::string_view query) {
  std::vector<QueryParams::Pair> pairs;
  std::size_t start = 0;
  while (start <= query.size()) {
    auto end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    const auto part = query.substr(start, end - start);
    if (!part.empty()) {
      const auto eq = part.find('=');
      const auto raw_key = part.substr(0, eq);
      const auto raw_value =
          eq == std::string_view::npos ? std::string_view{} : part.substr(eq + 1);
      auto key = percent_decode(raw_key, true);
      auto value = percent_decode(raw_value, true);
      if (!key || !value || key->empty()) return std::nullopt;
      if (!domain::is_valid_utf8(*key) || !domain::is_valid_utf8(*value)) return std::nullopt;
      if (has_control_char(*key) || has_control_char(*value)) return std::nullopt;
      pairs.emplace_back(std::move(*key), std::move(*value));
    }
    start = end + 1;
  }
  return QueryParams(std::move(pairs));
}

}  // namespace capi::http
