#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "config/config.hpp"

using namespace capi::config;

BOOST_AUTO_TEST_SUITE(config)

namespace {

std::string temp_file(const std::string& text) {
  char name[] = "/tmp/capi-config-XXXXXX";
  const int fd = mkstemp(name);
  BOOST_TEST_REQUIRE(fd >= 0);
  ::close(fd);
  std::ofstream(name) << text;
  return name;
}

}  // namespace

BOOST_AUTO_TEST_CASE(defaults_without_file_or_environment) {
  char* env[] = {nullptr};
  const Config config = load("", env);
  BOOST_TEST(config.workers == 4);
  BOOST_TEST(config.max_requests == 10000);
  BOOST_TEST(config.request_timeout.count() == 30000);
  BOOST_TEST(config.rate_limit_default == 100);
  BOOST_TEST(config.rate_limits);
}

BOOST_AUTO_TEST_CASE(rate_limits_on_or_off) {
  std::string off = "CUSTOMER_API_RATE_LIMITS=off";
  char* env_off[] = {off.data(), nullptr};
  const Config without = load("", env_off);
  BOOST_TEST(!without.rate_limits);
  BOOST_TEST(describe(without).find("rate_limits = off\n") != std::string::npos);
  std::string on = "CUSTOMER_API_RATE_LIMITS=on";
  char* env_on[] = {on.data(), nullptr};
  BOOST_TEST(load("", env_on).rate_limits);
}

BOOST_AUTO_TEST_CASE(file_then_environment_overrides) {
  const auto path = temp_file(
      "# comment\nworkers = 8\nrequest_timeout = 500ms\nlisten = 127.0.0.1:9000\n"
      "db_statement_timeout = 400ms\ndb_lock_timeout = 0\n"
      "database_url = postgresql://app:secret@db/customers\n");
  std::string workers = "CUSTOMER_API_WORKERS=2";
  std::string other = "HOME=/root";
  char* env[] = {workers.data(), other.data(), nullptr};
  const Config config = load(path, env);
  std::remove(path.c_str());
  BOOST_TEST(config.workers == 2);
  BOOST_TEST(config.request_timeout.count() == 500);
  BOOST_TEST(config.db_statement_timeout.count() == 400);
  BOOST_TEST(config.db_lock_timeout.count() == 0);
  BOOST_TEST(config.listen == "127.0.0.1:9000");
  const std::string shown = describe(config);
  BOOST_TEST(shown.find("secret") == std::string::npos);
  BOOST_TEST(shown.find("postgresql://app:****@db/customers") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_owner_connection_falls_back_to_the_service_one_and_stays_masked) {
  char* none[] = {nullptr};
  const Config one_role = load("", none);
  BOOST_TEST(owner_url(one_role) == one_role.database_url);
  BOOST_TEST(one_role.queue_timeout.count() == 5000);

  std::string owner = "CUSTOMER_API_OWNER_DATABASE_URL=postgresql://owner:hunter2@db/customers";
  std::string queue = "CUSTOMER_API_QUEUE_TIMEOUT=0";
  char* env[] = {owner.data(), queue.data(), nullptr};
  const Config two_roles = load("", env);
  BOOST_TEST(owner_url(two_roles) == "postgresql://owner:hunter2@db/customers");
  BOOST_TEST(two_roles.database_url == "postgresql:///customer_api");
  BOOST_TEST(two_roles.queue_timeout.count() == 0);
  const std::string shown = describe(two_roles);
  BOOST_TEST(shown.find("hunter2") == std::string::npos);
  BOOST_TEST(shown.find("owner_database_url = postgresql://owner:****@db/customers") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(bad_values_name_the_key) {
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"workers = 0\n", "workers"},
      {"workers = many\n", "workers"},
      {"request_timeout = soon\n", "request_timeout"},
      // A statement limit must let the worker answer before request_timeout kills it.
      {"request_timeout = 5s\ndb_statement_timeout = 5s\n", "db_statement_timeout"},
      {"request_timeout = 5s\ndb_statement_timeout = 1s\ndb_lock_timeout = 10s\n",
       "db_lock_timeout"},
      {"listen_mode = 999\n", "listen_mode"},
      {"log_level = loud\n", "log_level"},
      {"rate_limits = no\n", "rate_limits"},
      {"colour = blue\n", "colour"},
      {"[section]\nworkers = 2\n", "section"},
      {"key_dir = /does/not/exist\n", "key_dir"},
  };
  for (const auto& [text, key] : bad) {
    const auto path = temp_file(text);
    char* env[] = {nullptr};
    try {
      load(path, env);
      BOOST_ERROR("accepted: " + text);
    } catch (const ConfigError& error) {
      BOOST_TEST(std::string(error.what()).find(key) != std::string::npos, error.what());
    }
    std::remove(path.c_str());
  }
}

BOOST_AUTO_TEST_CASE(unknown_environment_setting_is_an_error) {
  std::string typo = "CUSTOMER_API_WORKRES=2";
  char* env[] = {typo.data(), nullptr};
  BOOST_CHECK_THROW(load("", env), ConfigError);
  std::string config_path = "CUSTOMER_API_CONFIG=/etc/x.conf";
  char* env_with_config[] = {config_path.data(), nullptr};
  BOOST_CHECK_NO_THROW(load("", env_with_config));
}

BOOST_AUTO_TEST_CASE(missing_file_is_an_error) {
  char* env[] = {nullptr};
  BOOST_CHECK_THROW(load("/nonexistent/customer-api.conf", env), ConfigError);
}

BOOST_AUTO_TEST_CASE(durations) {
  BOOST_TEST(parse_duration("250ms").count() == 250);
  BOOST_TEST(parse_duration("30s").count() == 30000);
  BOOST_TEST(parse_duration("2m").count() == 120000);
  BOOST_TEST(parse_duration("5").count() == 5000);
  BOOST_CHECK_THROW(parse_duration("ms"), ConfigError);
  BOOST_CHECK_THROW(parse_duration("1h"), ConfigError);
  BOOST_CHECK_THROW(parse_duration("-1s"), ConfigError);
}

BOOST_AUTO_TEST_CASE(masks_passwords_in_both_conninfo_forms) {
  BOOST_TEST(mask_database_url("host=db password=hunter2 dbname=x") ==
             "host=db password=**** dbname=x");
  BOOST_TEST(mask_database_url("password = 'a b' host=db") == "password = **** host=db");
  BOOST_TEST(mask_database_url("postgresql://u:pw@h/db") == "postgresql://u:****@h/db");
  BOOST_TEST(mask_database_url("postgresql:///db?host=/run") == "postgresql:///db?host=/run");
}

BOOST_AUTO_TEST_SUITE_END()
