// Contact write bodies: JSON parsed as the routes parse it, then the contact rules
// (domain/contact_input) for a create, an update and a replacement (PUT), with and without a
// phone region.
#include <cstdint>
#include <string>

#include "domain/contact_input.hpp"
#include "fuzz_support.hpp"
#include "http/json_body.hpp"

namespace {

using namespace capi::domain;
using capi::fuzz::characters;

void run(const rapidjson::Value& document, Mode mode, std::string_view region) {
  const auto input = parse_contact(document, mode, region);
  CAPI_FUZZ_CHECK(input.errors.size() <= kMaxFieldErrors);
  for (const auto& [path, message] : input.errors) {
    CAPI_FUZZ_CHECK(!path.empty() && !message.empty());
  }
  if (!input.errors.empty()) return;
  const auto& draft = input.draft;
  if (mode == Mode::kCreate) {
    CAPI_FUZZ_CHECK(draft.name.has_value());
  } else {
    CAPI_FUZZ_CHECK(draft.name.state != Field<std::string>::kNull);
  }
  if (draft.name.has_value()) {
    CAPI_FUZZ_CHECK(!draft.name.value.empty() &&
                    characters(draft.name.value) <= kMaxContactNameLength);
  }
  if (draft.title.has_value()) {
    CAPI_FUZZ_CHECK(!draft.title.value.empty() &&
                    characters(draft.title.value) <= kMaxContactTitleLength);
  }
  if (draft.phone.has_value()) CAPI_FUZZ_CHECK(draft.phone.value.front() == '+');
  if (draft.email.has_value()) {
    CAPI_FUZZ_CHECK(draft.email.value.find('@') != std::string::npos);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  capi::http::JsonBody body;
  if (capi::http::parse_json_body(capi::fuzz::as_text(data, size), body)) return 0;
  if (!body.document.IsObject()) return 0;  // the route answers 400 before the rules
  run(body.document, Mode::kCreate, "DE");
  run(body.document, Mode::kUpdate, "US");
  run(body.document, Mode::kCreate, "");
  // PUT: the rules of a create, and nothing left absent but the name and the primary flag.
  const auto replacement = parse_contact_replacement(body.document, "GB");
  CAPI_FUZZ_CHECK(replacement.errors.size() <= kMaxFieldErrors);
  if (replacement.errors.empty()) {
    const auto& draft = replacement.draft;
    CAPI_FUZZ_CHECK(draft.name.has_value() && draft.is_primary.has_value());
    CAPI_FUZZ_CHECK(draft.title.given() && draft.email.given() && draft.phone.given());
  }
  return 0;
}
