#include "domain/text.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>

namespace capi::domain {
namespace {

const std::uint8_t* bytes(std::string_view text) {
  return reinterpret_cast<const std::uint8_t*>(text.data());
}

bool is_white_space(UChar32 code_point) {
  // u_isUWhiteSpace is the Unicode White_Space property; it covers the ASCII ones too.
  return code_point >= 0 && u_isUWhiteSpace(code_point);
}

}  // namespace

std::size_t utf8_length(std::string_view text) {
  std::size_t count = 0;
  for (const char ch : text) {
    if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++count;
  }
  return count;
}

std::string_view trim(std::string_view text) {
  const auto length = static_cast<std::int32_t>(text.size());
  std::int32_t begin = 0;
  while (begin < length) {
    std::int32_t next = begin;
    UChar32 code_point = 0;
    U8_NEXT(bytes(text), next, length, code_point);
    if (!is_white_space(code_point)) break;
    begin = next;
  }
  std::int32_t end = length;
  while (end > begin) {
    std::int32_t previous = end;
    UChar32 code_point = 0;
    U8_PREV(bytes(text), begin, previous, code_point);
    if (!is_white_space(code_point)) break;
    end = previous;
  }
  return text.substr(static_cast<std::size_t>(begin), static_cast<std::size_t>(end - begin));
}

bool has_control_chars(std::string_view text, LineMode mode) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x20) {
      const bool line_break_or_tab = byte == '\t' || byte == '\n' || byte == '\r';
      if (mode == LineMode::kSingleLine || !line_break_or_tab) return true;
    } else if (byte == 0x7F) {
      return true;
    } else if (byte == 0xC2 && i + 1 < text.size()) {
      // U+0080..U+009F are encoded as C2 80..C2 9F.
      const auto second = static_cast<unsigned char>(text[i + 1]);
      if (second >= 0x80 && second <= 0x9F) return true;
    }
  }
  return false;
}

bool has_white_space(std::string_view text) {
  const auto length = static_cast<std::int32_t>(text.size());
  for (std::int32_t i = 0; i < length;) {
    UChar32 code_point = 0;
    U8_NEXT(bytes(text), i, length, code_point);
    if (is_white_space(code_point)) return true;
  }
  return false;
}

bool is_valid_utf8(std::string_view text) {
  const std::size_t end = text.size();
  for (std::size_t position = 0; position < end;) {
    UChar32 code_point = 0;
    // A negative code point: an ill-formed sequence (overlong, surrogate, above U+10FFFF,
    // a stray continuation byte or one cut short).
    U8_NEXT(bytes(text), position, end, code_point);
    if (code_point < 0) return false;
  }
  return true;
}

std::string replace_invalid_utf8(std::string_view text) {
  constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";  // U+FFFD
  const std::size_t end = text.size();
  std::string out;
  out.reserve(end);
  for (std::size_t position = 0; position < end;) {
    const std::size_t start = position;
    UChar32 code_point = 0;
    U8_NEXT(bytes(text), position, end, code_point);
    if (code_point >= 0) {
      out += text.substr(start, position - start);
    } else {
      // ICU skips the whole ill-formed prefix; going on from the next byte instead gives one
      // U+FFFD per bad byte, as the pool's log has always written them.
      out += kReplacementCharacter;
      position = start + 1;
    }
  }
  return out;
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& ch : out) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  }
  return out;
}

std::string ascii_upper(std::string_view text) {
  std::string out(text);
  for (char& ch : out) {
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
  }
  return out;
}

}  // namespace capi::domain
