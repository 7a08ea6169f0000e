// The request line as a worker reads it: "METHOD /path?query" (a method alone on the line
// means GET). The path goes through the service's own route table (api::ApiRoutes, built
// with handler objects whose database connection never connects), the query string through
// parse_query and then the listing's and search's parameter rules (filters, sort, page,
// limit, cursor, search text), which answer only ApiError (4xx) for bad values.
#include <cstdint>
#include <string>
#include <string_view>

#include "api/api_routes.hpp"
#include "api/customers/customer_query.hpp"
#include "domain/object_id.hpp"
#include "fuzz_support.hpp"
#include "http/query.hpp"
#include "records/customer_records.hpp"

namespace {

using namespace capi;

class NoPool final : public server::PoolView {
 public:
  int workers_alive() const override { return 0; }
  int workers_configured() const override { return 0; }
};

struct Service {
  store::Connection db{"host=/nonexistent dbname=fuzz connect_timeout=1"};
  NoPool pool;
  api::ApiRoutes api{{db, fuzz::keyring(), nullptr, pool}};
  const api::Routes& routes = api.routes();
  records::CustomerRecords records{fuzz::keyring()};
  records::Sealer cursors{fuzz::keyring()};
};

const Service& service() {
  static const Service instance;
  return instance;
}

bool clean_text(const std::string& text) {
  for (const char ch : text) {
    const auto byte = static_cast<unsigned char>(ch);
    if (byte < 0x20 || byte == 0x7f) return false;
  }
  return true;
}

void route(std::string_view method, std::string_view path) {
  const auto match = service().routes.find(method, path);
  if (match.route == nullptr) {
    for (const auto& allowed : match.allow) CAPI_FUZZ_CHECK(allowed != method);
    return;
  }
  const auto& found = *match.route;
  CAPI_FUZZ_CHECK(found.method == method || (method == "HEAD" && found.method == "GET"));
  CAPI_FUZZ_CHECK(match.allow.empty());
  std::size_t parameters = 0;
  for (const auto& segment : found.segments) {
    if (segment.front() == '{') ++parameters;
  }
  CAPI_FUZZ_CHECK(match.params.values.size() == parameters);
  for (const auto& [name, value] : match.params.values) {
    CAPI_FUZZ_CHECK(!value.empty() && value.find('/') == std::string::npos);
    // What a handler does first with an {id}: anything but an object id is 404.
    if (name == "id") (void)domain::is_object_id(value);
  }
}

void query(std::string_view text) {
  const auto params = http::parse_query(text);
  if (!params) return;  // 400
  for (const auto& [key, value] : params->pairs()) {
    CAPI_FUZZ_CHECK(clean_text(key) && clean_text(value));
  }
  const std::string business_id = "65f1a2b3c4d5e6f708192a3b";
  const std::string country = "GB";
  const auto& s = service();
  try {
    const auto request =
        api::parse_list_request(*params, {business_id, country, s.records, s.cursors});
    CAPI_FUZZ_CHECK(request.page.limit >= 1 && request.page.limit <= api::kMaxLimit);
    CAPI_FUZZ_CHECK(request.page.offset >= 0 && request.page.offset < api::kMaxPagedMatches);
  } catch (const api::ApiError& error) {
    CAPI_FUZZ_CHECK(error.status() >= 400 && error.status() < 500);
  }
  api::ApiError::Details errors;
  const int limit = api::parse_limit(params->get("limit"), api::kDefaultLimit, errors);
  if (errors.empty()) CAPI_FUZZ_CHECK(limit >= 1 && limit <= api::kMaxLimit);
  if (const auto q = params->get("q")) {
    store::ListFilter filter;
    api::apply_search_text(*q, business_id, country, s.records, filter);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view line = fuzz::as_text(data, size);
  std::string_view method = "GET";
  if (const auto space = line.find(' '); space != std::string_view::npos) {
    method = line.substr(0, space);
    line.remove_prefix(space + 1);
  }
  // As read_request_head splits REQUEST_URI (nginx passes the part after '?' as QUERY_STRING).
  const auto question = line.find('?');
  route(method, line.substr(0, question));
  query(question == std::string_view::npos ? std::string_view{} : line.substr(question + 1));
  return 0;
}
