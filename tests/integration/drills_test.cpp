// Worker and database drills in the manner of php-fpm's own: crashes and hangs of a worker
// under load, reload storms, a worker that ignores SIGTERM, a POST whose worker dies after
// committing (nginx must not replay it), retryable database errors, a killed backend.
// The worker faults come from the test build's fault switch (X-Capi-Fault,
// src/api/fault_injection.hpp); without it (a build without CAPI_FAULT_INJECTION) those
// cases are skipped.
#define BOOST_TEST_MODULE drills
#include <boost/test/unit_test.hpp>

#include <signal.h>

#include <algorithm>
#include <chrono>
#include <future>
#include <set>
#include <string>
#include <thread>

#include "api_helpers.hpp"
#include "load.hpp"
#include "stack.hpp"

using namespace capi::test;
using namespace std::chrono_literals;

namespace {

Headers with_fault(const std::string& key, const std::string& fault) {
  return {{"Authorization", "Bearer " + key}, {"X-Capi-Fault", fault}};
}

// True once the pool has `count` workers and none of `gone` among them.
bool back_to_size(const Stack& stack, std::size_t count, const std::set<pid_t>& gone,
                  int timeout_ms) {
  return eventually(
      [&] {
        const auto now = as_set(stack.worker_pids());
        return now.size() == count && std::none_of(now.begin(), now.end(),
                                                   [&](pid_t pid) { return gone.count(pid) != 0; });
      },
      timeout_ms);
}

}  // namespace

#ifdef CAPI_FAULT_INJECTION

BOOST_AUTO_TEST_CASE(a_worker_that_crashes_under_load_loses_only_its_own_request) {
  Stack stack({.workers = 3});
  BOOST_TEST_REQUIRE(eventually([&] { return stack.worker_pids().size() == 3u; }, 2000));
  HttpResponse crashed;
  bool restored = false;
  const auto result =
      run_load_during(stack.base_url(), "/v1/business", bearer(stack.key()), 600, 6, 3, [&] {
        std::this_thread::sleep_for(100ms);
        const auto before = as_set(stack.worker_pids());
        crashed = stack.client().get("/v1/business", with_fault(stack.key(), "segv"));
        // The crashed worker is the one missing from the pool.
        restored = eventually(
            [&] {
              const auto now = as_set(stack.worker_pids());
              return now.size() == 3u && now != before;
            },
            2000);
      });
  BOOST_TEST(crashed.status == 503, crashed.body);
  BOOST_TEST(!crashed.header("retry-after").empty());
  BOOST_TEST(restored, "the pool was not back to 3 workers within 2 s");
  BOOST_TEST(result.count(200) == 600, result.summary());
  BOOST_TEST(stack.service_log().find("exited on signal 11 (SIGSEGV") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_hung_handler_is_killed_after_request_timeout_and_replaced) {
  Stack stack({.workers = 2,
               .request_timeout = "1s",
               .extra_config = "db_statement_timeout = 500ms\ndb_lock_timeout = 500ms\n"});
  BOOST_TEST_REQUIRE(eventually([&] { return stack.worker_pids().size() == 2u; }, 2000));
  const auto before = as_set(stack.worker_pids());
  const auto hung = stack.client().get("/v1/business", with_fault(stack.key(), "hang"));
  BOOST_TEST(hung.status == 503, hung.body);
  BOOST_TEST(eventually(
      [&] {
        const auto now = as_set(stack.worker_pids());
        return now.size() == 2u && now != before;
      },
      2000));
  BOOST_TEST(stack.service_log().find("request_timeout") != std::string::npos);
  BOOST_TEST(stack.client().get("/v1/business", bearer(stack.key())).status == 200);
}

BOOST_AUTO_TEST_CASE(a_worker_ignoring_sigterm_is_killed_after_the_stop_timeout) {
  Stack stack({.workers = 2, .shutdown_timeout = "1s"});
  BOOST_TEST_REQUIRE(eventually([&] { return stack.worker_pids().size() == 2u; }, 2000));
  auto ignoring_term = std::async(std::launch::async, [&] {
    return stack.client().get("/v1/business", with_fault(stack.key(), "ignore-term"));
  });
  std::this_thread::sleep_for(300ms);  // the request is in its worker, SIGTERM blocked
  kill(stack.master_pid(), SIGTERM);
  // The fault keeps its worker 30 s; the master kills it once the 1 s of grace is over.
  const auto code = stack.service().wait(10000);
  BOOST_TEST_REQUIRE(code.has_value(), "the master did not stop within 10 s");
  BOOST_TEST(stack.worker_pids().empty());
  BOOST_TEST(ignoring_term.get().status != 200);
  BOOST_TEST(stack.service_log().find("on signal 9") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(reloads_in_a_row_and_a_storm_of_sighups_fail_no_request) {
  Stack stack({.workers = 3});
  BOOST_TEST_REQUIRE(eventually([&] { return stack.worker_pids().size() == 3u; }, 2000));
  bool settled = true;
  const auto result =
      run_load_during(stack.base_url(), "/v1/business", bearer(stack.key()), 2000, 6, 2, [&] {
        for (int i = 0; i < 10; ++i) {
          const auto before = as_set(stack.worker_pids());
          kill(stack.master_pid(), SIGHUP);
          settled = back_to_size(stack, 3, before, 5000) && settled;
        }
        const auto before_storm = as_set(stack.worker_pids());
        for (int i = 0; i < 25; ++i) {
          kill(stack.master_pid(), SIGHUP);
          std::this_thread::sleep_for(1ms);
        }
        settled = back_to_size(stack, 3, before_storm, 10000) && settled;
      });
  BOOST_TEST(settled, "a reload did not finish");
  BOOST_TEST(result.count(200) == 2000, result.summary());
  BOOST_TEST(stack.worker_pids().size() == 3u);
}

BOOST_AUTO_TEST_CASE(nginx_never_replays_a_post_whose_worker_died) {
  Stack stack({.workers = 3});
  const auto died =
      stack.client().request("POST", "/v1/customers",
                             {{"Authorization", "Bearer " + stack.key()},
                              {"Content-Type", "application/json"},
                              {"X-Capi-Fault", "crash-after-commit"}},
                             R"({"name":"Replay Probe","email":"replay.probe@example.com"})");
  BOOST_TEST(died.status == 503, died.body);
  // Committed once, answered never, and not sent to another worker a second time.
  BOOST_TEST(stack.postgres().psql("SELECT count(*) FROM customers WHERE name = 'Replay Probe'") ==
             "1\n");
}

BOOST_AUTO_TEST_CASE(retryable_database_errors_are_retried_a_bounded_number_of_times) {
  Stack stack({.workers = 1});
  auto http = stack.client();
  const auto recovered = http.get("/v1/business", with_fault(stack.key(), "retryable:2"));
  BOOST_TEST(recovered.status == 200, recovered.body);
  const auto given_up = http.get("/v1/business", with_fault(stack.key(), "retryable:3"));
  BOOST_TEST(given_up.status == 503, given_up.body);
  BOOST_TEST(!given_up.header("retry-after").empty());
  BOOST_TEST(error_code_of(given_up) == "unavailable");
  BOOST_TEST(stack.service_log().find("retrying after a retryable database error") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(with_every_worker_busy_a_queued_request_gets_503_after_a_bounded_wait) {
  Stack stack({.workers = 2,
               .request_timeout = "3s",
               .extra_config = "db_statement_timeout = 1s\ndb_lock_timeout = 1s\n"
                               "queue_timeout = 1s\n"});
  BOOST_TEST_REQUIRE(eventually([&] { return stack.worker_pids().size() == 2u; }, 2000));
  // Both workers hang until the master kills them at request_timeout...
  std::vector<std::future<HttpResponse>> hung;
  for (int i = 0; i < 2; ++i) {
    hung.push_back(std::async(std::launch::async, [&] {
      return stack.client().get("/v1/business", with_fault(stack.key(), "hang"));
    }));
  }
  std::this_thread::sleep_for(300ms);
  // ...so these creates wait in the socket's queue for longer than queue_timeout.
  const auto queued_at = std::chrono::steady_clock::now();
  std::vector<std::future<HttpResponse>> queued;
  for (int i = 0; i < 6; ++i) {
    queued.push_back(std::async(std::launch::async, [&, i] {
      return stack.client().request("POST", "/v1/customers", json_headers(stack.key()),
                                    R"({"name":"Queued )" + std::to_string(i) +
                                        R"(","email":"queued)" + std::to_string(i) +
                                        R"(@example.com"})");
    }));
  }
  for (auto& answer : queued) {
    const auto response = answer.get();
    BOOST_TEST(response.status == 503, response.body);
    BOOST_TEST(response.header("retry-after") == "1");
    BOOST_TEST(error_code_of(response) == "unavailable");
  }
  // Bounded: the hung workers' request_timeout, then their replacements answer at once.
  const auto waited = std::chrono::steady_clock::now() - queued_at;
  BOOST_TEST(
      waited < 6s, "the queue took "
                       << std::chrono::duration_cast<std::chrono::milliseconds>(waited).count()
                       << " ms to drain");
  for (auto& answer : hung) BOOST_TEST(answer.get().status == 503);
  // Nothing that was turned away ran, and the pool serves again at once.
  BOOST_TEST(stack.postgres().psql("SELECT count(*) FROM customers WHERE name LIKE 'Queued %'") ==
             "0\n");
  BOOST_TEST(stack.client().get("/v1/business", bearer(stack.key())).status == 200);
  BOOST_TEST(stack.client().get("/healthz").status == 200);
}

#endif  // CAPI_FAULT_INJECTION

BOOST_AUTO_TEST_CASE(with_no_database_connection_to_be_had_requests_get_503_at_once) {
  Stack stack({.workers = 2});
  auto& postgres = stack.postgres();
  const std::string role = postgres.service_role();
  // Every connection slot the service may have is taken: its role's limit is 0.
  postgres.psql("ALTER ROLE " + role + " CONNECTION LIMIT 0");
  postgres.psql("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = '" +
                role + "'");
  auto http = stack.client();
  for (int i = 0; i < 10; ++i) {
    const auto started = std::chrono::steady_clock::now();
    const auto refused = http.get("/v1/customers?limit=1", bearer(stack.key()));
    BOOST_TEST(refused.status == 503, refused.body);
    BOOST_TEST(!refused.header("retry-after").empty());
    BOOST_TEST(error_code_of(refused) == "unavailable");
    const bool at_once = std::chrono::steady_clock::now() - started < 2s;
    BOOST_TEST(at_once);
  }
  postgres.psql("ALTER ROLE " + role + " CONNECTION LIMIT -1");
  BOOST_TEST(eventually(
      [&] { return http.get("/v1/customers?limit=1", bearer(stack.key())).status == 200; }, 3000));
}

BOOST_AUTO_TEST_CASE(a_killed_database_backend_costs_at_most_a_503_and_statements_come_back) {
  Stack stack({.workers = 2});
  BOOST_TEST_REQUIRE(eventually([&] { return stack.worker_pids().size() == 2u; }, 2000));
  const auto workers = as_set(stack.worker_pids());
  int killed = 0;
  const auto result =
      run_load_during(stack.base_url(), "/v1/business", bearer(stack.key()), 600, 4, 3, [&] {
        for (int round = 0; round < 3; ++round) {
          std::this_thread::sleep_for(150ms);
          const auto count = stack.postgres().psql(
              "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
              " WHERE application_name = 'customer-api'");
          killed += std::stoi(count);
        }
      });
  BOOST_TEST(killed > 0);
  BOOST_TEST(result.count(200) + result.count(503) == 600, result.summary());
  BOOST_TEST(result.with_retry_after_503 == result.count(503));
  BOOST_TEST(result.count(200) > 0, result.summary());
  BOOST_TEST(as_set(stack.worker_pids()) == workers, "a worker died");
  // Every worker reconnected and prepared its statements again: a create and lookups (both
  // prepared) work on each.
  auto http = stack.client();
  const auto created = http.request("POST", "/v1/customers", json_headers(stack.key()),
                                    R"({"name":"After Kill","email":"after.kill@example.com"})");
  BOOST_TEST(created.status == 201, created.body);
  const auto after = run_load(stack.base_url(), "/v1/customers/lookup?email=after.kill@example.com",
                              bearer(stack.key()), 40, 4);
  BOOST_TEST(after.count(200) == 40, after.summary());
}
