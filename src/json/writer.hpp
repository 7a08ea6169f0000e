// Rendering JSON with RapidJSON's Writer: one alias and a few helpers used by every module
// that writes JSON (responses, log lines).
#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <optional>
#include <string>
#include <string_view>

namespace capi::json {

using Buffer = rapidjson::StringBuffer;
using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

inline void string(Writer& writer, std::string_view text) {
  writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

inline void key(Writer& writer, std::string_view name) {
  writer.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
}

inline void field(Writer& writer, std::string_view name, std::string_view value) {
  key(writer, name);
  string(writer, value);
}

inline void nullable_field(Writer& writer, std::string_view name,
                           const std::optional<std::string>& value) {
  key(writer, name);
  if (value) {
    string(writer, *value);
  } else {
    writer.Null();
  }
}

inline std::string text(const Buffer& buffer) {
  return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace capi::json
