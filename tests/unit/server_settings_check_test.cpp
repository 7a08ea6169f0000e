#include <boost/test/unit_test.hpp>

#include <string>

#include "server/settings_check.hpp"

namespace {

using capi::server::find_settings_problem;
using capi::server::kMaxWorkers;
using capi::server::PoolSettings;

std::string problem_with(const PoolSettings& settings) {
  return find_settings_problem(settings).value_or("");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(server_settings_check)

BOOST_AUTO_TEST_CASE(the_defaults_pass) {
  BOOST_TEST(!find_settings_problem(PoolSettings{}));
}

BOOST_AUTO_TEST_CASE(each_problem_names_its_setting) {
  PoolSettings settings;
  settings.listen = "localhost";
  BOOST_TEST(problem_with(settings).starts_with("listen = \"localhost\": "));

  settings = PoolSettings{};
  settings.workers = 0;
  BOOST_TEST(problem_with(settings).starts_with("workers = 0: "));
  settings.workers = kMaxWorkers + 1;
  BOOST_TEST(problem_with(settings).starts_with("workers = "));
  settings.workers = kMaxWorkers;
  BOOST_TEST(!find_settings_problem(settings));

  settings = PoolSettings{};
  settings.max_requests = -1;
  BOOST_TEST(problem_with(settings).starts_with("max_requests = -1: "));

  settings = PoolSettings{};
  settings.request_timeout = std::chrono::milliseconds(-5);
  BOOST_TEST(problem_with(settings).starts_with("request_timeout = -5 ms: "));

  settings = PoolSettings{};
  settings.shutdown_timeout = std::chrono::milliseconds(-1);
  BOOST_TEST(problem_with(settings).starts_with("shutdown_timeout = "));

  settings = PoolSettings{};
  settings.listen_backlog = 0;
  BOOST_TEST(problem_with(settings).starts_with("listen_backlog = 0: "));

  settings = PoolSettings{};
  settings.listen_mode = 010000;
  BOOST_TEST(problem_with(settings).starts_with("listen_mode = "));
}

BOOST_AUTO_TEST_CASE(zero_means_no_limit_and_never) {
  PoolSettings settings;
  settings.max_requests = 0;
  settings.request_timeout = std::chrono::milliseconds(0);
  settings.shutdown_timeout = std::chrono::milliseconds(0);
  BOOST_TEST(!find_settings_problem(settings));
}

BOOST_AUTO_TEST_SUITE_END()
