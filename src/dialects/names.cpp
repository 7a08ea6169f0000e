#include "dialects/names.hpp"

namespace capi::dialects {

std::string snake_case(std::string_view camel) {
  std::string snake;
  snake.reserve(camel.size() + 4);
  for (const char ch : camel) {
    if (ch >= 'A' && ch <= 'Z') {
      if (!snake.empty()) snake += '_';
      snake += static_cast<char>(ch - 'A' + 'a');
    } else {
      snake += ch;
    }
  }
  return snake;
}

std::string camel_case(std::string_view snake) {
  std::string camel;
  camel.reserve(snake.size());
  bool upper = false;
  for (const char ch : snake) {
    if (ch == '_' && !camel.empty()) {
      upper = true;
    } else if (upper && ch >= 'a' && ch <= 'z') {
      camel += static_cast<char>(ch - 'a' + 'A');
      upper = false;
    } else {
      camel += ch;
      upper = false;
    }
  }
  return camel;
}

}  // namespace capi::dialects
