// Bodies shaped to cost a worker as much as possible: each is answered with its 4xx, the
// worker that read it carries on, and what it cost stays bounded (API.md "Limits"; issue 11).
#define BOOST_TEST_MODULE hostile_input
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <string>

#include "api_helpers.hpp"
#include "process.hpp"
#include "stack.hpp"

using namespace capi::test;

namespace {

constexpr std::size_t kBodyLimit = 1024 * 1024;

// The peak resident set of a process so far, in kB (VmHWM).
long peak_rss_kb(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

// `head`, then `item` repeated (comma-separated) as long as the body stays within the limit,
// then `tail`.
std::string fill(const std::string& head, const std::string& item, const std::string& tail) {
  std::string body = head;
  while (body.size() + item.size() + 1 + tail.size() <= kBodyLimit) {
    if (body.size() > head.size()) body += ',';
    body += item;
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

}  // namespace

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
      {"object of many keys", fill("{", "\"k\":1", "}"), 422},
      // Arrays walked in full before their size was checked, errors scanned per error.
      {"tags of numbers", fill(R"({"name":"T","email":"t@example.com","tags":[)", "1", "]}"), 422},
      {"tags of strings", fill(R"({"name":"T","email":"t@example.com","tags":[)", "\"a\"", "]}"),
       422},
      {"contacts",
       fill(R"({"name":"C","email":"c@example.com","contacts":[)", "{\"name\":1}", "]}"), 422},
      {"metadata", fill(R"({"name":"M","email":"m@example.com","metadata":{)", "\"k\":1", "}}"),
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
