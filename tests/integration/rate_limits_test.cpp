// Per-key rate limits (API.md, "Rate limits"): a token bucket per key shared by every worker
// of the host, X-RateLimit-* on every authenticated answer, 429 with Retry-After over budget,
// a refused request without effect; buckets that survive worker crashes and reloads; a budget
// changed without restart; each of N hosts enforcing its share. A window of an hour makes
// the refill negligible where a test counts; the refill test has a window of seconds.
#define BOOST_TEST_MODULE rate_limits
#include <boost/test/unit_test.hpp>

#include <signal.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <thread>

#include "api_helpers.hpp"
#include "load.hpp"
#include "stack.hpp"

using namespace capi::test;
using namespace std::chrono_literals;

namespace {

// A key of the stack's business with its own budget.
std::string key_with_budget(const Stack& stack, int budget) {
  return stack.cli_line(
      {"key", "create", "--business", stack.business_id(), "--rate-limit", std::to_string(budget)});
}

long header_number(const HttpResponse& response, const std::string& name) {
  const std::string value = response.header(name);
  return value.empty() ? -1 : std::stol(value);
}

Stack& hourly() {
  static Stack stack({.workers = 3, .extra_config = "rate_limit_window = 60m\n"});
  return stack;
}

}  // namespace

BOOST_AUTO_TEST_CASE(one_key_over_four_connections_gets_exactly_its_budget) {
  const std::string key = key_with_budget(hourly(), 100);
  const auto result = run_load(hourly().base_url(), "/v1/business", bearer(key), 150, 4);
  BOOST_TEST(result.count(200) == 100, result.summary());
  BOOST_TEST(result.count(429) == 50, result.summary());
}

BOOST_AUTO_TEST_CASE(every_authenticated_answer_carries_the_budget) {
  const std::string key = key_with_budget(hourly(), 5);
  auto http = hourly().client();
  const auto first = http.get("/v1/business", bearer(key));
  BOOST_TEST(first.status == 200);
  BOOST_TEST(header_number(first, "x-ratelimit-limit") == 5);
  BOOST_TEST(header_number(first, "x-ratelimit-remaining") == 4);
  BOOST_TEST(header_number(first, "x-ratelimit-reset") == 720);  // one token of 5 an hour
  // Errors after authentication carry them too, and cost a token.
  const auto missing = http.get("/v1/customers/000000000000000000000000", bearer(key));
  BOOST_TEST(missing.status == 404);
  BOOST_TEST(header_number(missing, "x-ratelimit-remaining") == 3);
  const auto invalid = http.request("POST", "/v1/customers", json_headers(key), R"({"name":""})");
  BOOST_TEST(invalid.status == 422);
  BOOST_TEST(header_number(invalid, "x-ratelimit-remaining") == 2);
  // Answers without a key carry none.
  BOOST_TEST(http.get("/v1/business", bearer("capi_nope")).header("x-ratelimit-limit").empty());
  BOOST_TEST(http.get("/healthz").header("x-ratelimit-limit").empty());
  http.get("/v1/business", bearer(key));
  http.get("/v1/business", bearer(key));
  const auto refused = http.get("/v1/business", bearer(key));
  BOOST_TEST(refused.status == 429, refused.body);
  BOOST_TEST(error_code_of(refused) == "rate_limited");
  BOOST_TEST(header_number(refused, "retry-after") == 720);
  BOOST_TEST(header_number(refused, "x-ratelimit-remaining") == 0);
  BOOST_TEST(header_number(refused, "x-ratelimit-limit") == 5);
}

BOOST_AUTO_TEST_CASE(a_refused_request_has_no_effect) {
  const std::string key = key_with_budget(hourly(), 2);
  auto http = hourly().client();
  BOOST_TEST(http.get("/v1/business", bearer(key)).status == 200);
  BOOST_TEST(http.get("/v1/business", bearer(key)).status == 200);
  const auto refused = http.request("POST", "/v1/customers", json_headers(key),
                                    R"({"name":"Over Budget","email":"over.budget@example.com"})");
  BOOST_TEST(refused.status == 429);
  BOOST_TEST(hourly().postgres().psql(
                 "SELECT count(*) FROM customers WHERE name = 'Over Budget'") == "0\n");
}

BOOST_AUTO_TEST_CASE(two_keys_do_not_share_a_budget) {
  const std::string spent = key_with_budget(hourly(), 3);
  const std::string fresh = key_with_budget(hourly(), 3);
  auto http = hourly().client();
  for (int i = 0; i < 3; ++i) BOOST_TEST(http.get("/v1/business", bearer(spent)).status == 200);
  BOOST_TEST(http.get("/v1/business", bearer(spent)).status == 429);
  const auto other = http.get("/v1/business", bearer(fresh));
  BOOST_TEST(other.status == 200);
  BOOST_TEST(header_number(other, "x-ratelimit-remaining") == 2);
}

BOOST_AUTO_TEST_CASE(crashes_and_reloads_neither_reset_nor_corrupt_the_buckets) {
  Stack& stack = hourly();
  const std::string key = key_with_budget(stack, 4);
  auto http = stack.client();
  for (int i = 0; i < 4; ++i) BOOST_TEST(http.get("/v1/business", bearer(key)).status == 200);
  BOOST_TEST(http.get("/v1/business", bearer(key)).status == 429);
  const auto before = as_set(stack.worker_pids());
  for (const pid_t pid : before) kill(pid, SIGKILL);
  BOOST_TEST_REQUIRE(eventually(
      [&] {
        const auto now = as_set(stack.worker_pids());
        return now.size() == before.size() && std::none_of(now.begin(), now.end(), [&](pid_t pid) {
                 return before.count(pid) != 0;
               });
      },
      5000));
  BOOST_TEST(http.get("/v1/business", bearer(key)).status == 429);
  const auto reloaded = as_set(stack.worker_pids());
  kill(stack.master_pid(), SIGHUP);
  BOOST_TEST_REQUIRE(eventually([&] { return as_set(stack.worker_pids()) != reloaded; }, 5000));
  BOOST_TEST(http.get("/v1/business", bearer(key)).status == 429);
  // Other keys' buckets are as they were.
  const std::string other = key_with_budget(stack, 4);
  BOOST_TEST(header_number(http.get("/v1/business", bearer(other)), "x-ratelimit-remaining") == 3);
}

BOOST_AUTO_TEST_CASE(a_budget_changed_from_the_command_line_applies_without_restart) {
  Stack& stack = hourly();
  const std::string key = key_with_budget(stack, 2);
  auto http = stack.client();
  BOOST_TEST(http.get("/v1/business", bearer(key)).status == 200);
  BOOST_TEST(http.get("/v1/business", bearer(key)).status == 200);
  BOOST_TEST(http.get("/v1/business", bearer(key)).status == 429);
  const auto changed = stack.cli({"key", "set-rate-limit", key.substr(0, 12), "100"});
  BOOST_TEST_REQUIRE(changed.exit_code == 0, changed.output);
  // Every worker reads the key again within 2 s; what was spent stays spent (two tokens of
  // the old budget: an hour's worth), so the new budget shows but grants nothing yet...
  BOOST_TEST(eventually(
      [&] {
        return header_number(http.get("/v1/business", bearer(key)), "x-ratelimit-limit") == 100;
      },
      4000));
  // ...until it is raised over what was spent; then requests pass again.
  BOOST_TEST(stack.cli({"key", "set-rate-limit", key.substr(0, 12), "default"}).exit_code == 0);
  BOOST_TEST(eventually([&] { return http.get("/v1/business", bearer(key)).status == 200; }, 4000));
  BOOST_TEST(stack.cli({"key", "set-rate-limit", key.substr(0, 12), "0"}).exit_code == 2);
}

// rate_limits = off (bench/run's "without bookkeeping" rows): no bucket is charged, so a key
// with a budget of 2 gets every request answered, and no answer carries X-RateLimit-*. The
// failed-key limit per address stays.
BOOST_AUTO_TEST_CASE(rate_limits_off_charges_nothing_and_sends_no_headers) {
  Stack stack(
      {.workers = 2,
       .extra_config = "rate_limits = off\nrate_limit_window = 60m\nfailed_key_limit = 3\n"});
  const std::string key = key_with_budget(stack, 2);
  const auto result = run_load(stack.base_url(), "/v1/business", bearer(key), 20, 2);
  BOOST_TEST(result.count(200) == 20, result.summary());
  auto http = stack.client();
  const auto answer = http.get("/v1/business", bearer(key));
  BOOST_TEST(answer.status == 200);
  BOOST_TEST(answer.header("x-ratelimit-limit").empty());
  BOOST_TEST(answer.header("x-ratelimit-remaining").empty());
  BOOST_TEST(answer.header("x-ratelimit-reset").empty());
  int limited = 0;
  for (int i = 0; i < 6; ++i) {
    limited += http.get("/v1/business", bearer("capi_random_" + std::to_string(i))).status == 429;
  }
  BOOST_TEST(limited == 3);
}

// Two hosts share each budget: this one enforces half. A token every second of a 4 s window
// (budget 8 over 2 hosts: 4 per host).
BOOST_AUTO_TEST_CASE(each_host_enforces_its_share_and_the_bucket_refills_continuously) {
  Stack stack({.workers = 2, .extra_config = "rate_limit_window = 4s\nrate_limit_hosts = 2\n"});
  const std::string key = key_with_budget(stack, 8);
  auto http = stack.client();
  const auto first = http.get("/v1/business", bearer(key));
  BOOST_TEST(header_number(first, "x-ratelimit-limit") == 4);
  int allowed = first.status == 200 ? 1 : 0;
  for (int i = 0; i < 5; ++i) allowed += http.get("/v1/business", bearer(key)).status == 200;
  BOOST_TEST(allowed == 4);
  const auto refused = http.get("/v1/business", bearer(key));
  BOOST_TEST(refused.status == 429);
  BOOST_TEST(header_number(refused, "retry-after") == 1);
  std::this_thread::sleep_for(1200ms);  // one token back, the next at 2 s
  BOOST_TEST(http.get("/v1/business", bearer(key)).status == 200);
  BOOST_TEST(http.get("/v1/business", bearer(key)).status == 429);
}

// A stream of random keys from one address costs the database a bounded number of lookups:
// after failed_key_limit unknown keys, that address gets 429 before any lookup. A key the
// worker already knows valid keeps working from that address (a client behind the same NAT
// as whoever tries random keys is not locked out).
BOOST_AUTO_TEST_CASE(unknown_keys_from_one_address_are_cut_off_before_the_database) {
  Stack stack({.workers = 1, .extra_config = "rate_limit_window = 60m\nfailed_key_limit = 10\n"});
  auto http = stack.client();
  BOOST_TEST(http.get("/v1/business", bearer(stack.key())).status == 200);
  int unauthenticated = 0;
  int limited = 0;
  for (int i = 0; i < 40; ++i) {
    const auto answer = http.get("/v1/business", bearer("capi_random_" + std::to_string(i)));
    if (answer.status == 401) ++unauthenticated;
    if (answer.status == 429) {
      ++limited;
      BOOST_TEST(error_code_of(answer) == "rate_limited");
      BOOST_TEST(header_number(answer, "retry-after") >= 1);
      BOOST_TEST(answer.header("x-ratelimit-limit").empty());
    }
  }
  BOOST_TEST(unauthenticated == 10);
  BOOST_TEST(limited == 30);
  std::this_thread::sleep_for(2100ms);  // past the worker's 2 s memory of the key
  BOOST_TEST(http.get("/v1/business", bearer(stack.key())).status == 200);
  // A key this worker has not seen yet waits for the address's budget like any unknown one.
  BOOST_TEST(http.get("/v1/business", bearer(stack.read_only_key())).status == 429);
}

// Requests without any key are metered per address by nginx itself (50 a second, bursts of
// 100), answered with the JSON envelope; the health probe is not metered.
BOOST_AUTO_TEST_CASE(keyless_floods_are_metered_by_nginx) {
  Stack& stack = hourly();
  auto http = stack.client();
  int limited = 0;
  HttpResponse refused;
  for (int i = 0; i < 300; ++i) {
    const auto answer = http.get("/v1/customers");
    BOOST_TEST_REQUIRE((answer.status == 401 || answer.status == 429), answer.body);
    if (answer.status == 429) {
      ++limited;
      refused = answer;
    }
  }
  BOOST_TEST(limited > 0);
  BOOST_TEST(error_code_of(refused) == "rate_limited");
  BOOST_TEST(refused.header("retry-after") == "1");
  BOOST_TEST(!refused.header("x-request-id").empty());
  for (int i = 0; i < 150; ++i) BOOST_TEST_REQUIRE(http.get("/healthz").status == 200);
}
