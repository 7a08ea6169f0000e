// Cursors (api/customers/customer_query): the first byte picks what the rest is.
//  0: a cursor parameter as a client sends it (base64url of a sealed text), for decode_cursor;
//     nothing but what the server sealed opens, so this covers the length and base64 checks.
//  1: the text inside the seal, for parse_cursor_json: the part an attacker cannot reach
//     without the key, fuzzed for robustness all the same (the seal is the only defence).
//  2: a cursor the server makes (sort, direction, value NUL id): encode_cursor then
//     decode_cursor must give it back (or nullopt for a value the sort cannot hold), and
//     another business's copy must not open.
#include <cstdint>
#include <string>

#include "api/customers/customer_query.hpp"
#include "fuzz_support.hpp"
#include "records/sealer.hpp"
#include "store/customer_listing.hpp"

namespace {

using namespace capi;

const records::Sealer& sealer() {
  static const records::Sealer instance(fuzz::keyring());
  return instance;
}

const std::string kBusiness = "65f1a2b3c4d5e6f708192a3b";
const std::string kOtherBusiness = "65f1a2b3c4d5e6f708192a3c";

void check(const api::Cursor& cursor) {
  CAPI_FUZZ_CHECK(store::is_sort_value(cursor.key, cursor.value));
}

void round_trip(std::string_view rest, std::uint8_t choice) {
  const auto nul = rest.find('\0');
  api::Cursor made{
      static_cast<store::SortKey>(choice % 5), (choice & 0x80) != 0,
      std::string(rest.substr(0, nul)),
      nul == std::string_view::npos ? std::string() : std::string(rest.substr(nul + 1))};
  const std::string text = api::encode_cursor(sealer(), kBusiness, made);
  const auto decoded = api::decode_cursor(sealer(), kBusiness, text);
  if (!store::is_sort_value(made.key, made.value) || text.size() > 4096) {
    CAPI_FUZZ_CHECK(!decoded);
  } else {
    CAPI_FUZZ_CHECK(decoded.has_value());
    CAPI_FUZZ_CHECK(decoded->key == made.key && decoded->descending == made.descending &&
                    decoded->value == made.value && decoded->id == made.id);
  }
  CAPI_FUZZ_CHECK(!api::decode_cursor(sealer(), kOtherBusiness, text));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view rest = fuzz::as_text(data + 1, size - 1);
  switch (data[0] % 3) {
    case 0:
      if (const auto cursor = api::decode_cursor(sealer(), kBusiness, std::string(rest))) {
        check(*cursor);
      }
      break;
    case 1:
      if (const auto cursor = api::parse_cursor_json(rest)) check(*cursor);
      break;
    default:
      round_trip(rest, data[0] / 3);
      break;
  }
  return 0;
}
