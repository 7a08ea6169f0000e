#include "http/json_body.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <functional>
#include <vector>

namespace capi::http {
namespace {

// UTF-8 of U+D800..U+DFFF is ED A0..BF xx; RapidJSON lets a lone low-surrogate escape
// through as such bytes, so strings and keys are checked for them.
bool has_surrogate(const char* text, rapidjson::SizeType length) {
  for (rapidjson::SizeType i = 0; i + 1 < length; ++i) {
    if (static_cast<unsigned char>(text[i]) == 0xed &&
        static_cast<unsigned char>(text[i + 1]) >= 0xa0) {
      return true;
    }
  }
  return false;
}

// Forwards SAX events to the document while enforcing the depth limit, and keeps the text
// of each number that the document holds as a double (in document order).
class LimitingHandler {
 public:
  LimitingHandler(rapidjson::Document& document, JsonBody& body)
      : document_(document), body_(body) {}

  bool Null() { return document_.Null(); }
  bool Bool(bool b) { return document_.Bool(b); }
  bool Int(int i) { return document_.Int(i); }
  bool Uint(unsigned u) { return document_.Uint(u); }
  bool Int64(int64_t i) { return document_.Int64(i); }
  bool Uint64(uint64_t u) { return document_.Uint64(u); }
  bool Double(double d) { return document_.Double(d); }

  bool RawNumber(const char* text, rapidjson::SizeType length, bool /*copy*/) {
    const std::string_view digits(text, length);
    const bool integral = digits.find_first_of(".eE") == std::string_view::npos;
    if (integral) {
      int64_t signed_value = 0;
      if (std::from_chars(text, text + length, signed_value).ec == std::errc{}) {
        return document_.Int64(signed_value);
      }
      uint64_t unsigned_value = 0;
      if (std::from_chars(text, text + length, unsigned_value).ec == std::errc{}) {
        return document_.Uint64(unsigned_value);
      }
    }
    body_.numbers.push_back({nullptr, static_cast<std::uint32_t>(body_.number_chars.size()),
                             static_cast<std::uint32_t>(length)});
    body_.number_chars.append(digits);
    // The document's numeric view only; exact consumers read number_text().
    return document_.Double(std::strtod(std::string(digits).c_str(), nullptr));
  }

  bool String(const char* text, rapidjson::SizeType length, bool copy) {
    if (has_surrogate(text, length)) return fail("a string holds an unpaired surrogate");
    return document_.String(text, length, copy);
  }

  bool StartObject() { return open() && document_.StartObject(); }
  bool Key(const char* text, rapidjson::SizeType length, bool copy) {
    if (has_surrogate(text, length)) return fail("a key holds an unpaired surrogate");
    return document_.Key(text, length, copy);
  }
  bool EndObject(rapidjson::SizeType members) {
    --depth_;
    return document_.EndObject(members);
  }
  bool StartArray() { return open() && document_.StartArray(); }
  bool EndArray(rapidjson::SizeType elements) {
    --depth_;
    return document_.EndArray(elements);
  }

  const std::string& failure() const { return failure_; }

 private:
  bool open() {
    if (depth_ >= kMaxJsonDepth) {
      return fail("nesting is deeper than " + std::to_string(kMaxJsonDepth) + " levels");
    }
    ++depth_;
    return true;
  }

  bool fail(std::string why) {
    failure_ = std::move(why);
    return false;
  }

  rapidjson::Document& document_;
  JsonBody& body_;
  int depth_ = 0;
  std::string failure_;
};

// Gives each kept number text its value, walking the document in the order it was parsed
// (which is the order the texts were kept in); returns the next text's index.
std::size_t attach_numbers(const rapidjson::Value& value, JsonBody& body, std::size_t next) {
  if (value.IsDouble()) {
    if (next < body.numbers.size()) body.numbers[next].value = &value;
    return next + 1;
  }
  if (value.IsArray()) {
    for (const auto& element : value.GetArray()) next = attach_numbers(element, body, next);
  } else if (value.IsObject()) {
    for (const auto& member : value.GetObject()) next = attach_numbers(member.value, body, next);
  }
  return next;
}

// The first name that an object of `value` holds twice, if any. A body with one is refused:
// parsers disagree on which of the two counts (first, last, both), and a proxy or a client
// library that reads the other one would see another request than the one served.
std::optional<std::string> duplicate_key(const rapidjson::Value& value) {
  if (value.IsArray()) {
    for (const auto& element : value.GetArray()) {
      if (auto found = duplicate_key(element)) return found;
    }
    return std::nullopt;
  }
  if (!value.IsObject()) return std::nullopt;
  std::vector<std::string_view> names;
  names.reserve(value.MemberCount());
  for (const auto& member : value.GetObject()) {
    names.emplace_back(member.name.GetString(), member.name.GetStringLength());
    if (auto found = duplicate_key(member.value)) return found;
  }
  std::sort(names.begin(), names.end());
  const auto twice = std::adjacent_find(names.begin(), names.end());
  if (twice == names.end()) return std::nullopt;
  return std::string(twice->substr(0, 64));
}

}  // namespace

std::optional<std::string_view> JsonBody::number_text(const rapidjson::Value& number) const {
  const auto found =
      std::lower_bound(numbers.begin(), numbers.end(), &number,
                       [](const NumberText& kept, const rapidjson::Value* wanted) {
                         return std::less<const rapidjson::Value*>()(kept.value, wanted);
                       });
  if (found == numbers.end() || found->value != &number) return std::nullopt;
  return std::string_view(number_chars).substr(found->offset, found->length);
}

std::optional<JsonError> parse_json_body(std::string_view text, JsonBody& out) {
  constexpr unsigned kFlags = rapidjson::kParseValidateEncodingFlag |
                              rapidjson::kParseNumbersAsStringsFlag |
                              rapidjson::kParseIterativeFlag;
  out.number_chars.clear();
  out.numbers.clear();
  rapidjson::ParseResult result;
  std::string failure;
  auto generator = [&](rapidjson::Document& document) {
    rapidjson::MemoryStream stream(text.data(), text.size());
    rapidjson::Reader reader;
    LimitingHandler handler(document, out);
    result = reader.Parse<kFlags>(stream, handler);
    failure = handler.failure();
    return !result.IsError();
  };
  out.document.Populate(generator);
  if (!result.IsError()) {
    if (const auto key = duplicate_key(out.document)) {
      return JsonError{"Body is not acceptable JSON: the key \"" + *key + "\" is given twice"};
    }
    attach_numbers(out.document, out, 0);
    std::sort(out.numbers.begin(), out.numbers.end(), [](const auto& a, const auto& b) {
      return std::less<const rapidjson::Value*>()(a.value, b.value);
    });
    return std::nullopt;
  }
  if (!failure.empty()) return JsonError{"Body is not acceptable JSON: " + failure};
  return JsonError{std::string("Body is not valid JSON: ") +
                   rapidjson::GetParseError_En(result.Code()) + " (at offset " +
                   std::to_string(result.Offset()) + ")"};
}

}  // namespace capi::http
