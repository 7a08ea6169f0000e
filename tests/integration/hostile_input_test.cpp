// Bodies shaped to cost a worker as much as possible: each is answered with its 4xx, the
// worker that read it carries on, and what it cost stays bounded (API.md "Limits"; issue 11).
#define BOOST_TEST_MODULE hostile_input
#include <boost/test/unit_test.hpp>

#include <rapidjson/document.h>
#include <fstream>
#include <string>

#include "api_helpers.hpp"
#include "process.hpp"
#include "stack.hpp"

using namespace capi::test;

namespace {

constexpr std::size_t kBodyLimit = 1024 * 1024;

// `head`, then `item` repeated (comma-separated) as long as the body stays within the limit,
// then `tail`. An '#' in `item` becomes the item's number (distinct keys).
std::string fill(const std::string& head, const std::string& item, const std::string& tail) {
  std::string body = head;
  for (long number = 0;; ++number) {
    std::string next = item;
    if (const auto at = next.find('#'); at != std::string::npos) {
      next.replace(at, 1, std::to_string(number));
    }
    if (body.size() + next.size() + 1 + tail.size() > kBodyLimit) break;
    if (body.size() > head.size()) body += ',';
    body += next;
  }
  return body + tail;
}

// A lock on one customer row held by another session for `seconds`.
std::unique_ptr<ChildProcess> hold_row_lock(Stack& stack, const std::string& id, int seconds) {
  auto holder = std::make_unique<ChildProcess>(
      stack.postgres().psql_argv("BEGIN; SELECT 1 FROM customers WHERE id = '" + id +
                                 "' FOR UPDATE; SELECT pg_sleep(" + std::to_string(seconds) +
                                 "); COMMIT;"),
      stack.dir() + "/row-lock.log");
  BOOST_TEST_REQUIRE(eventually(
      [&] {
        return stack.postgres()
                   .psql(
                       "SELECT count(*) FROM pg_locks WHERE relation = 'customers'::regclass"
                       " AND mode = 'RowShareLock' AND granted")
                   .find('1') == 0;
      },
      5000));
  return holder;
}

// `item` `count` times, separated by `sep`.
std::string repeated(const rapidjson::Value& spec, const char* item, const char* count,
                     const char* sep = nullptr) {
  std::string out;
  if (!spec.HasMember(item)) return out;
  const std::string piece = spec[item].GetString();
  const std::string separator = sep != nullptr && spec.HasMember(sep) ? spec[sep].GetString() : "";
  const auto times = spec[count].GetInt64();
  out.reserve(static_cast<std::size_t>(times) * (piece.size() + separator.size()));
  for (std::int64_t i = 0; i < times; ++i) {
    if (i > 0) out += separator;
    out += piece;
  }
  return out;
}

std::string from_hex(const std::string& hex) {
  std::string bytes;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  }
  return bytes;
}

// One case of data/hostile_corpus.ndjson as a request.
struct HostileRequest {
  std::string name, method, path, body;
  Headers headers;
  long status = 0;
};

HostileRequest request_of(const rapidjson::Value& spec, const std::string& key) {
  HostileRequest request;
  request.name = spec["name"].GetString();
  request.method = spec["method"].GetString();
  request.status = spec["status"].GetInt();
  if (spec.HasMember("path_fill")) {
    const auto& fill = spec["path_fill"];
    request.path = std::string(fill["head"].GetString()) + repeated(fill, "item", "count");
  } else {
    request.path = spec["path"].GetString();
  }
  if (spec.HasMember("body")) request.body = spec["body"].GetString();
  if (spec.HasMember("body_hex")) request.body = from_hex(spec["body_hex"].GetString());
  if (spec.HasMember("repeat")) {
    const auto& r = spec["repeat"];
    request.body = std::string(r["head"].GetString()) + repeated(r, "item", "count", "sep") +
                   r["tail"].GetString() + repeated(r, "tail_item", "tail_count");
  }
  request.headers.emplace_back("Authorization", "Bearer " + key);
  const std::string type =
      spec.HasMember("content_type") ? spec["content_type"].GetString() : "application/json";
  if (!type.empty()) request.headers.emplace_back("Content-Type", type);
  if (spec.HasMember("header_fill")) {
    const auto& fill = spec["header_fill"];
    request.headers.emplace_back(fill["name"].GetString(), repeated(fill, "item", "count"));
  }
  return request;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_case_of_the_hostile_corpus_gets_its_documented_answer) {
  Stack stack({.workers = 2});
  BOOST_TEST_REQUIRE(eventually([&] { return stack.worker_pids().size() == 2u; }, 2000));
  const auto workers = stack.worker_pids();
  auto http = stack.client();
  std::ifstream corpus(std::string(CAPI_SOURCE_DIR) +
                       "/tests/integration/data/hostile_corpus.ndjson");
  BOOST_TEST_REQUIRE(corpus.good());
  std::string line;
  int cases = 0;
  while (std::getline(corpus, line)) {
    if (line.empty()) continue;
    rapidjson::Document spec;
    spec.Parse(line.c_str());
    BOOST_TEST_REQUIRE(!spec.HasParseError(), line.substr(0, 80));
    const HostileRequest hostile = request_of(spec, stack.key());
    const auto response = http.request(hostile.method, hostile.path, hostile.headers, hostile.body);
    BOOST_TEST(response.status == hostile.status,
               hostile.name << ": " << response.status << " " << response.body.substr(0, 300));
    // Every answer is the envelope; none is a 5xx.
    BOOST_TEST(response.status < 500, hostile.name);
    if (response.status >= 400) BOOST_TEST(!error_code_of(response).empty(), hostile.name);
    ++cases;
  }
  BOOST_TEST(cases > 50);
  // No worker died on any of them.
  BOOST_TEST(stack.worker_pids() == workers);
  BOOST_TEST(http.get("/v1/business", bearer(stack.key())).status == 200);
}

BOOST_AUTO_TEST_CASE(a_1_mib_body_of_any_shape_costs_a_worker_at_most_30_mb) {
  // request_timeout bounds the time too: a worker still reading a body after it is killed.
  Stack stack({.workers = 1,
               .request_timeout = "5s",
               .extra_config = "db_statement_timeout = 2s\ndb_lock_timeout = 1s\n"});
  BOOST_TEST_REQUIRE(eventually([&] { return stack.worker_pids().size() == 1u; }, 2000));
  const pid_t worker = stack.worker_pids().front();
  auto http = stack.client();
  const auto headers = json_headers(stack.key());
  // Warm up: the statements, the keys, the ICU and phone data a create touches.
  const auto warm = http.request("POST", "/v1/customers", headers,
                                 R"({"name":"Warm","email":"warm@example.com","phone":"0712345678",
                                     "country":"KE","creditLimit":10.5})");
  BOOST_TEST_REQUIRE(warm.status == 201, warm.body);
  const long before = peak_rss_kb(worker);
  BOOST_TEST_REQUIRE(before > 0);

  struct Case {
    const char* what;
    std::string body;
    int status;
  };
  const std::string long_key(500'000, 'k');
  const Case cases[] = {
      // One long key over an array of many numbers (every number's path used to be kept).
      {"long key over decimals", fill("{\"" + long_key + "\":[", "1.5", "]}"), 422},
      {"array of integers", fill("[", "0", "]"), 400},
      {"object of many keys", fill("{", "\"k#\":1", "}"), 422},
      // Arrays walked in full before their size was checked, errors scanned per error.
      {"tags of numbers", fill(R"({"name":"T","email":"t@example.com","tags":[)", "1", "]}"), 422},
      {"tags of strings", fill(R"({"name":"T","email":"t@example.com","tags":[)", "\"a\"", "]}"),
       422},
      {"contacts",
       fill(R"({"name":"C","email":"c@example.com","contacts":[)", "{\"name\":1}", "]}"), 422},
      {"metadata", fill(R"({"name":"M","email":"m@example.com","metadata":{)", "\"k#\":1", "}}"),
       422},
      {"long strings",
       fill(R"({"name":"S","email":"s@example.com","notes":")", std::string(1000, 'n'), "\"}"),
       422},
  };
  for (const auto& hostile : cases) {
    BOOST_TEST_REQUIRE(hostile.body.size() <= kBodyLimit);
    const auto response = http.request("POST", "/v1/customers", headers, hostile.body);
    BOOST_TEST(response.status == hostile.status, hostile.what << ": " << response.body);
  }
  // The same worker read them all, and is still serving.
  BOOST_TEST(stack.worker_pids().front() == worker);
  BOOST_TEST(http.get("/v1/business", bearer(stack.key())).status == 200);
  const long grown = peak_rss_kb(worker) - before;
  BOOST_TEST_MESSAGE("peak RSS of the worker grew by " << grown << " kB");
#ifndef CAPI_SANITIZED
  BOOST_TEST(grown <= 30 * 1024, "peak RSS grew by " << grown << " kB");
#endif
}

BOOST_AUTO_TEST_CASE(an_update_body_is_checked_before_the_row_is_locked) {
  Stack stack({.workers = 1});
  auto http = stack.client();
  const auto headers = json_headers(stack.key());
  const auto created = http.request("POST", "/v1/customers", headers,
                                    R"({"name":"Locked","email":"l@example.com"})");
  BOOST_TEST_REQUIRE(created.status == 201, created.body);
  const std::string id = data_string(created, "id");
  const auto lock = hold_row_lock(stack, id, 8);

  // A bad body is refused without waiting for the lock (db_lock_timeout is 3 s by default:
  // a wait would have been a 503).
  const auto bad = http.request("PATCH", "/v1/customers/" + id, headers, R"({"email":"nope"})");
  BOOST_TEST(bad.status == 422, bad.body);
  BOOST_TEST(error_detail(bad, "email") == "must be a valid email address");
  // A good one waits for the lock, up to the limit.
  const auto good =
      http.request("PATCH", "/v1/customers/" + id, headers, R"({"email":"new@example.com"})");
  BOOST_TEST(good.status == 503, good.body);
  BOOST_TEST(!good.header("retry-after").empty());
}
