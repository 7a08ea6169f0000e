// Reading a core answer to reshape it: the Reply's `data` parsed back (numbers at full
// precision), and the few moves every dialect makes from it.
#pragma once

#include <rapidjson/document.h>

#include <string>
#include <string_view>

#include "api/context.hpp"
#include "dialects/core.hpp"
#include "json/writer.hpp"

namespace capi::dialects {

class CoreData {
 public:
  // Which part of the core's answer to read: `data`, or `meta` (a listing's total and pages).
  enum class Part { kData, kMeta };

  explicit CoreData(const api::Reply& reply, Part part = Part::kData);

  CoreData(const CoreData&) = delete;  // the document points into its own text
  CoreData& operator=(const CoreData&) = delete;

  const rapidjson::Value& root() const { return document_; }
  // Member `name` of object `object`; null when the object has no such member.
  static const rapidjson::Value& member(const rapidjson::Value& object, std::string_view name);

 private:
  std::string text_;  // the answer's JSON, parsed in place: the document's strings point here
  rapidjson::Document document_;
};

// Opens an answer object with `"success": true` (Finora's and Cashfin's envelopes); the caller
// writes the rest and closes it.
void start_success(json::Writer& writer);

// Writes key `vendor_name` with the value of `object`'s member `core_name` (null if absent).
void copy_field(json::Writer& writer, std::string_view vendor_name, const rapidjson::Value& object,
                std::string_view core_name);

// Writes `value` (of a core answer) with every object key at any depth through `rename`,
// except inside `metadata`, whose keys are the client's own.
void write_renamed(json::Writer& writer, const rapidjson::Value& value, RenameKey rename);

// A dialect's answer: `body` sent as it is (application/json), with the core reply's status,
// headers (ETag) and customer (so that erasure reaches a stored Idempotency-Key answer).
api::Reply vendor_reply(const api::Reply& core, std::string body);
api::Reply vendor_reply(const api::Reply& core, const json::Buffer& body);

}  // namespace capi::dialects
