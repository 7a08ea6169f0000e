#include "domain/email.hpp"

#include <algorithm>

#include "domain/text.hpp"

namespace capi::domain {
namespace {

bool is_ascii_letter(char ch) {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}
bool is_ascii_digit(char ch) {
  return ch >= '0' && ch <= '9';
}

// RFC 5322 atext.
bool is_atext(char ch) {
  constexpr std::string_view kSpecials = "!#$%&'*+-/=?^_`{|}~";
  return is_ascii_letter(ch) || is_ascii_digit(ch) || kSpecials.find(ch) != std::string_view::npos;
}

bool is_valid_local_part(std::string_view local) {
  if (local.empty() || local.size() > kMaxEmailLocalLength) return false;
  if (local.front() == '.' || local.back() == '.') return false;
  if (local.find("..") != std::string_view::npos) return false;
  return std::all_of(local.begin(), local.end(), [](char ch) { return ch == '.' || is_atext(ch); });
}

bool is_valid_label(std::string_view label) {
  if (label.empty() || label.size() > kMaxEmailLabelLength) return false;
  if (label.front() == '-' || label.back() == '-') return false;
  return std::all_of(label.begin(), label.end(), [](char ch) {
    return is_ascii_letter(ch) || is_ascii_digit(ch) || ch == '-';
  });
}

bool is_valid_top_level_label(std::string_view label) {
  // An IDNA A-label: its letters-and-digits form is checked by is_valid_label already.
  if (label.size() > 4 && label.substr(0, 4) == "xn--") return true;
  return label.size() >= 2 && std::all_of(label.begin(), label.end(), is_ascii_letter);
}

bool is_valid_domain(std::string_view domain) {
  std::size_t label_count = 0;
  std::string_view last_label;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = domain.find('.', start);
    const std::string_view label =
        domain.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (!is_valid_label(label)) return false;
    ++label_count;
    last_label = label;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return label_count >= 2 && is_valid_top_level_label(last_label);
}

}  // namespace

std::optional<std::string> normalize_email(std::string_view input) {
  std::string email = ascii_lower(trim(input));
  if (email.size() > kMaxEmailLength) return std::nullopt;
  const std::size_t at = email.find('@');
  if (at == std::string::npos || email.find('@', at + 1) != std::string::npos) return std::nullopt;
  const std::string_view view(email);
  if (!is_valid_local_part(view.substr(0, at)) || !is_valid_domain(view.substr(at + 1))) {
    return std::nullopt;
  }
  return email;
}

std::vector<std::string> email_tokens(std::string_view normalized_email) {
  constexpr std::string_view kSeparators = "@._-+";
  std::vector<std::string> tokens;
  std::size_t start = 0;
  while (start <= normalized_email.size()) {
    std::size_t end = normalized_email.find_first_of(kSeparators, start);
    if (end == std::string_view::npos) end = normalized_email.size();
    std::string token = ascii_lower(normalized_email.substr(start, end - start));
    if (!token.empty() && std::find(tokens.begin(), tokens.end(), token) == tokens.end()) {
      tokens.push_back(std::move(token));
    }
    start = end + 1;
  }
  return tokens;
}

}  // namespace capi::domain
