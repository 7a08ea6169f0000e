// The pool under faults, through nginx: a worker killed mid-load, PostgreSQL stopped and
// restarted, a reload and a stop under load, a stuck request, recycling. Each case has its
// own stack. Counts and correctness only: nothing here asserts speed.
#define BOOST_TEST_MODULE pool
#include <boost/test/unit_test.hpp>

#include <signal.h>

#include <algorithm>
#include <chrono>
#include <future>
#include <set>
#include <sstream>
#include <string>
#include <thread>

#include "load.hpp"
#include "stack.hpp"

using namespace capi::test;
using namespace std::chrono_literals;

namespace {

// Holds an exclusive lock on `table` for `seconds` from a background psql, so that requests
// reading it block; returns once the lock is held.
std::unique_ptr<ChildProcess> hold_lock(Stack& stack, const std::string& table, double seconds) {
  auto holder = std::make_unique<ChildProcess>(
      stack.postgres().psql_argv("BEGIN; LOCK TABLE " + table +
                                 " IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(" +
                                 std::to_string(seconds) + "); COMMIT;"),
      stack.dir() + "/lock.log");
  const bool held = eventually(
      [&] {
        return stack.postgres()
                   .psql("SELECT count(*) FROM pg_locks WHERE relation = '" + table +
                         "'::regclass AND mode = 'AccessExclusiveLock' AND granted")
                   .find('1') == 0;
      },
      5000);
  BOOST_TEST_REQUIRE(held);
  return holder;
}

}  // namespace

BOOST_AUTO_TEST_CASE(worker_killed_mid_load_loses_at_most_its_request) {
  Stack stack({.workers = 4});
  BOOST_TEST_REQUIRE(eventually([&] { return stack.worker_pids().size() == 4u; }, 2000));
  pid_t victim = 0;
  bool restored = false;
  const auto result =
      run_load_during(stack.base_url(), "/v1/business", bearer(stack.key()), 500, 8, 4, [&] {
        std::this_thread::sleep_for(100ms);
        victim = stack.worker_pids().front();
        kill(victim, SIGKILL);
        restored = eventually(
            [&] {
              const auto pids = as_set(stack.worker_pids());
              return pids.size() == 4u && pids.count(victim) == 0;
            },
            2000);
      });
  BOOST_TEST(restored, "the pool was not back to 4 workers within 2 s");
  BOOST_TEST(result.total == 500);
  const int lost = result.count(502) + result.count(503);
  BOOST_TEST(result.count(200) + lost == 500, result.summary());
  BOOST_TEST(lost <= 1, result.summary());
  BOOST_TEST(stack.service_log().find("on signal 9") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(database_restart_gives_503_then_recovers_without_worker_crash) {
  Stack stack({.workers = 3});
  BOOST_TEST_REQUIRE(eventually([&] { return stack.worker_pids().size() == 3u; }, 2000));
  const auto workers_before = as_set(stack.worker_pids());
  bool recovered = false;
  const auto result =
      run_load_during(stack.base_url(), "/v1/business", bearer(stack.key()), 1200, 4, 10, [&] {
        std::this_thread::sleep_for(300ms);
        stack.postgres().stop();
        std::this_thread::sleep_for(1500ms);
        stack.postgres().start();
        HttpClient http(stack.base_url());
        recovered = eventually(
            [&] { return http.get("/v1/business", bearer(stack.key())).status == 200; }, 2000);
      });
  BOOST_TEST(recovered, "no 200 within 2 s of the database coming back");
  BOOST_TEST(result.count(503) > 0, result.summary());
  BOOST_TEST(result.with_retry_after_503 == result.count(503));
  BOOST_TEST(result.count(200) + result.count(503) == result.total, result.summary());
  BOOST_TEST(as_set(stack.worker_pids()) == workers_before, "a worker died");
  // Ready again, and every worker answers (each reconnected on its own).
  BOOST_TEST(stack.wait_ready(2000));
  const auto after = run_load(stack.base_url(), "/v1/business", bearer(stack.key()), 60, 6);
  BOOST_TEST(after.count(200) == 60, after.summary());
}

BOOST_AUTO_TEST_CASE(readyz_is_503_while_the_database_is_down) {
  Stack stack({.workers = 2});
  HttpClient http(stack.base_url());
  stack.postgres().stop();
  const auto down = http.get("/readyz");
  BOOST_TEST(down.status == 503);
  BOOST_TEST(!down.header("retry-after").empty());
  BOOST_TEST(http.get("/healthz").status == 200);  // alive all the same
  stack.postgres().start();
  BOOST_TEST(stack.wait_ready(2000));
}

BOOST_AUTO_TEST_CASE(sighup_reload_under_load_fails_no_request) {
  Stack stack({.workers = 3});
  BOOST_TEST_REQUIRE(eventually([&] { return stack.worker_pids().size() == 3u; }, 2000));
  const auto before = as_set(stack.worker_pids());
  bool replaced = false;
  const auto result =
      run_load_during(stack.base_url(), "/v1/business", bearer(stack.key()), 800, 8, 3, [&] {
        std::this_thread::sleep_for(150ms);
        kill(stack.master_pid(), SIGHUP);
        replaced = eventually(
            [&] {
              const auto now = as_set(stack.worker_pids());
              return now.size() == 3u && std::none_of(now.begin(), now.end(), [&](pid_t pid) {
                       return before.count(pid) != 0;
                     });
            },
            5000);
      });
  BOOST_TEST(replaced, "the old generation did not retire");
  BOOST_TEST(result.count(200) == 800, result.summary());
}

BOOST_AUTO_TEST_CASE(sighup_with_a_broken_config_keeps_the_running_pool) {
  Stack stack({.workers = 2});
  BOOST_TEST_REQUIRE(eventually([&] { return stack.worker_pids().size() == 2u; }, 2000));
  const auto before = as_set(stack.worker_pids());
  const std::string good = read_file(stack.config_path());
  write_file(stack.config_path(), good + "workers = none\n");
  kill(stack.master_pid(), SIGHUP);
  std::this_thread::sleep_for(500ms);
  BOOST_TEST(as_set(stack.worker_pids()) == before);
  const auto result = run_load(stack.base_url(), "/v1/business", bearer(stack.key()), 50, 4);
  BOOST_TEST(result.count(200) == 50, result.summary());
  write_file(stack.config_path(), good);
}

BOOST_AUTO_TEST_CASE(sigterm_lets_in_flight_requests_finish_then_exits_zero) {
  Stack stack({.workers = 3});
  BOOST_TEST_REQUIRE(eventually([&] { return stack.worker_pids().size() == 3u; }, 2000));
  const auto lock = hold_lock(stack, "businesses", 1.5);
  std::vector<std::future<HttpResponse>> in_flight;
  for (int i = 0; i < 3; ++i) {
    in_flight.push_back(std::async(std::launch::async, [&] {
      HttpClient http(stack.base_url());
      return http.get("/v1/business", bearer(stack.key()));
    }));
  }
  std::this_thread::sleep_for(400ms);  // all three are now blocked inside workers
  stack.service().signal(SIGTERM);
  for (auto& request : in_flight) {
    const auto response = request.get();
    BOOST_TEST(response.status == 200, response.body);
  }
  const auto code = stack.service().wait(10000);
  BOOST_TEST_REQUIRE(code.has_value(), "the master did not exit");
  BOOST_TEST(*code == 0);
  BOOST_TEST(stack.worker_pids().empty());
}

BOOST_AUTO_TEST_CASE(stuck_request_past_request_timeout_is_killed_and_replaced) {
  // No database limits: the lock below holds the request past request_timeout.
  Stack stack({.workers = 2,
               .request_timeout = "1s",
               .extra_config = "db_statement_timeout = 0\ndb_lock_timeout = 0\n"});
  BOOST_TEST_REQUIRE(eventually([&] { return stack.worker_pids().size() == 2u; }, 2000));
  const auto lock = hold_lock(stack, "businesses", 4);
  HttpClient http(stack.base_url());
  const auto started = std::chrono::steady_clock::now();
  const auto response = http.get("/v1/business", bearer(stack.key()));
  const auto waited = std::chrono::steady_clock::now() - started;
  BOOST_TEST((response.status == 503 || response.status == 502), response.body);
  BOOST_TEST(!response.header("retry-after").empty());
  BOOST_TEST(waited < 3500ms);
  BOOST_TEST(eventually([&] { return stack.worker_pids().size() == 2u; }, 2000));
  BOOST_TEST(stack.service_log().find("request_timeout") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_statement_held_by_a_lock_answers_503_within_the_bound_and_frees_its_worker) {
  Stack stack({.workers = 1, .extra_config = "db_lock_timeout = 500ms\n"});
  BOOST_TEST_REQUIRE(eventually([&] { return stack.worker_pids().size() == 1u; }, 2000));
  const auto worker = stack.worker_pids();
  const auto lock = hold_lock(stack, "businesses", 6);
  HttpClient http(stack.base_url());
  const auto blocked = http.get("/v1/business", bearer(stack.key()));
  BOOST_TEST(blocked.status == 503, blocked.body);
  BOOST_TEST(blocked.body.find("\"unavailable\"") != std::string::npos, blocked.body);
  BOOST_TEST(!blocked.header("retry-after").empty());
  // Answered by the worker at the lock limit while the lock is still held (not when it was
  // released, nor by the master's kill): the same worker serves the next request.
  BOOST_TEST(stack.postgres()
                 .psql("SELECT count(*) FROM pg_locks WHERE relation = 'businesses'::regclass"
                       " AND mode = 'AccessExclusiveLock' AND granted")
                 .find('1') == 0);
  BOOST_TEST(http.get("/healthz").status == 200);
  BOOST_TEST(stack.worker_pids() == worker);
  BOOST_TEST(stack.service_log().find("55P03") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(no_process_of_the_pool_can_dump_core_and_keys_are_locked_in_memory) {
  Stack stack({.workers = 2});
  BOOST_TEST_REQUIRE(eventually([&] { return stack.worker_pids().size() == 2u; }, 2000));
  auto pids = stack.worker_pids();
  pids.push_back(stack.master_pid());
  for (const pid_t pid : pids) {
    const std::string proc = "/proc/" + std::to_string(pid);
    const std::string limits = read_file(proc + "/limits");
    const auto core = limits.find("Max core file size");
    BOOST_TEST_REQUIRE(core != std::string::npos);
    std::istringstream line(limits.substr(core + 18, limits.find('\n', core) - core - 18));
    std::string soft, hard;
    line >> soft >> hard;
    BOOST_TEST(soft == "0");
    BOOST_TEST(hard == "0");
#ifndef CAPI_SANITIZED  // AddressSanitizer turns mlock into a no-op
    const std::string status = read_file(proc + "/status");
    const auto locked = status.find("VmLck:");
    BOOST_TEST_REQUIRE(locked != std::string::npos);
    BOOST_TEST(std::stol(status.substr(locked + 6)) > 0, status.substr(locked, 30));
#endif
  }
}

BOOST_AUTO_TEST_CASE(workers_recycle_after_max_requests) {
  Stack stack({.workers = 2, .max_requests = 10});
  BOOST_TEST_REQUIRE(eventually([&] { return stack.worker_pids().size() == 2u; }, 2000));
  const auto before = as_set(stack.worker_pids());
  const auto result = run_load(stack.base_url(), "/v1/business", bearer(stack.key()), 100, 2);
  BOOST_TEST(result.count(200) == 100, result.summary());
  BOOST_TEST(eventually([&] { return stack.worker_pids().size() == 2u; }, 2000));
  const auto after = as_set(stack.worker_pids());
  BOOST_TEST(
      std::none_of(after.begin(), after.end(), [&](pid_t pid) { return before.count(pid) != 0; }));
}
