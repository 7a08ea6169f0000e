#include "http/json_body.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <charconv>
#include <cstdlib>
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

// Forwards SAX events to the document while enforcing the depth limit and keeping the
// text and dotted path of each number.
class LimitingHandler {
 public:
  LimitingHandler(rapidjson::Document& document, JsonBody& body)
      : document_(document), body_(body) {}

  bool Null() { return value() && document_.Null(); }
  bool Bool(bool b) { return value() && document_.Bool(b); }
  bool Int(int i) { return value() && document_.Int(i); }
  bool Uint(unsigned u) { return value() && document_.Uint(u); }
  bool Int64(int64_t i) { return value() && document_.Int64(i); }
  bool Uint64(uint64_t u) { return value() && document_.Uint64(u); }
  bool Double(double d) { return value() && document_.Double(d); }

  bool RawNumber(const char* text, rapidjson::SizeType length, bool /*copy*/) {
    if (!value()) return false;
    const std::string_view digits(text, length);
    body_.number_texts.emplace(path(), digits);
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
    // Only for the document's numeric view; exact consumers read number_texts.
    return document_.Double(std::strtod(std::string(digits).c_str(), nullptr));
  }

  bool String(const char* text, rapidjson::SizeType length, bool copy) {
    if (has_surrogate(text, length)) return fail("a string holds an unpaired surrogate");
    return value() && document_.String(text, length, copy);
  }

  bool StartObject() { return open(false) && document_.StartObject(); }
  bool Key(const char* text, rapidjson::SizeType length, bool copy) {
    if (has_surrogate(text, length)) return fail("a key holds an unpaired surrogate");
    frames_.back().key.assign(text, length);
    return document_.Key(text, length, copy);
  }
  bool EndObject(rapidjson::SizeType members) {
    frames_.pop_back();
    return document_.EndObject(members);
  }
  bool StartArray() { return open(true) && document_.StartArray(); }
  bool EndArray(rapidjson::SizeType elements) {
    frames_.pop_back();
    return document_.EndArray(elements);
  }

  const std::string& failure() const { return failure_; }

 private:
  struct Frame {
    bool is_array;
    long index;  // for arrays: the index of the latest element
    std::string key;
  };

  // Called before each value: advances the array index of the enclosing array.
  bool value() {
    if (!frames_.empty() && frames_.back().is_array) ++frames_.back().index;
    return true;
  }

  bool open(bool is_array) {
    value();
    if (static_cast<int>(frames_.size()) >= kMaxJsonDepth) {
      return fail("nesting is deeper than " + std::to_string(kMaxJsonDepth) + " levels");
    }
    frames_.push_back(Frame{is_array, -1, {}});
    return true;
  }

  bool fail(std::string why) {
    failure_ = std::move(why);
    return false;
  }

  std::string path() const {
    std::string out;
    for (const auto& frame : frames_) {
      if (frame.is_array) {
        out += '[' + std::to_string(frame.index) + ']';
      } else {
        if (!out.empty()) out += '.';
        out += frame.key;
      }
    }
    return out;
  }

  rapidjson::Document& document_;
  JsonBody& body_;
  std::vector<Frame> frames_;
  std::string failure_;
};

}  // namespace

std::optional<std::string_view> JsonBody::number_text(std::string_view path) const {
  const auto it = number_texts.find(path);
  if (it == number_texts.end()) return std::nullopt;
  return std::string_view(it->second);
}

std::optional<JsonError> parse_json_body(std::string_view text, JsonBody& out) {
  constexpr unsigned kFlags = rapidjson::kParseValidateEncodingFlag |
                              rapidjson::kParseNumbersAsStringsFlag |
                              rapidjson::kParseIterativeFlag;
  out.number_texts.clear();
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
  if (!result.IsError()) return std::nullopt;
  if (!failure.empty()) return JsonError{"Body is not acceptable JSON: " + failure};
  return JsonError{std::string("Body is not valid JSON: ") +
                   rapidjson::GetParseError_En(result.Code()) + " (at offset " +
                   std::to_string(result.Offset()) + ")"};
}

}  // namespace capi::http
