// The operator's commands against a real database: migrations (idempotent, checksummed,
// refusing unknown history), business and key management, config errors.
#define BOOST_TEST_MODULE cli
#include <boost/test/unit_test.hpp>

#include <cctype>
#include <string>

#include "shared_stack.hpp"

using namespace capi::test;

using capi::test::SharedStack;
BOOST_TEST_GLOBAL_FIXTURE(SharedStack);

BOOST_AUTO_TEST_CASE(migrate_twice_applies_nothing_the_second_time) {
  const auto again = stack().cli({"migrate"});
  BOOST_TEST(again.exit_code == 0, again.output);
  BOOST_TEST(again.output.find("up to date") != std::string::npos, again.output);
  const std::string applied =
      stack().postgres().psql("SELECT string_agg(name, ',' ORDER BY name) FROM schema_migrations");
  BOOST_TEST(applied.find("001_businesses_and_keys.sql,002_customers.sql") == 0u, applied);
}

BOOST_AUTO_TEST_CASE(an_edited_applied_migration_is_refused) {
  auto& pg = stack().postgres();
  const std::string original =
      pg.psql("SELECT checksum FROM schema_migrations WHERE name = '001_businesses_and_keys.sql'");
  pg.psql(
      "UPDATE schema_migrations SET checksum = 'edited' WHERE name = "
      "'001_businesses_and_keys.sql'");
  const auto refused = stack().cli({"migrate"});
  pg.psql("UPDATE schema_migrations SET checksum = '" + original.substr(0, 64) +
          "' WHERE name = '001_businesses_and_keys.sql'");
  BOOST_TEST(refused.exit_code == 1);
  BOOST_TEST(refused.output.find("001_businesses_and_keys.sql was changed") != std::string::npos,
             refused.output);
  BOOST_TEST(stack().cli({"migrate"}).exit_code == 0);
}

BOOST_AUTO_TEST_CASE(a_database_newer_than_the_binary_is_refused) {
  auto& pg = stack().postgres();
  pg.psql("INSERT INTO schema_migrations (name, checksum) VALUES ('999_future.sql', 'x')");
  const auto refused = stack().cli({"migrate"});
  pg.psql("DELETE FROM schema_migrations WHERE name = '999_future.sql'");
  BOOST_TEST(refused.exit_code == 1);
  BOOST_TEST(refused.output.find("999_future.sql") != std::string::npos, refused.output);
}

BOOST_AUTO_TEST_CASE(readyz_is_503_until_every_migration_is_applied) {
  auto& pg = stack().postgres();
  // The newest migration looks unapplied while it carries another name.
  std::string latest = pg.psql("SELECT max(name) FROM schema_migrations");
  while (!latest.empty() && std::isspace(static_cast<unsigned char>(latest.back())))
    latest.pop_back();
  BOOST_TEST_REQUIRE(latest.size() > 4u);
  pg.psql("UPDATE schema_migrations SET name = 'renamed' WHERE name = '" + latest + "'");
  const auto not_ready = stack().client().get("/readyz");
  pg.psql("UPDATE schema_migrations SET name = '" + latest + "' WHERE name = 'renamed'");
  BOOST_TEST(not_ready.status == 503);
  BOOST_TEST(stack().client().get("/readyz").status == 200);
}

BOOST_AUTO_TEST_CASE(business_create_validates_codes_and_prints_the_id) {
  const auto made = stack().cli(
      {"business", "create", "--name", "Tokyo KK", "--currency", "JPY", "--country", "JP"});
  BOOST_TEST(made.exit_code == 0, made.output);
  BOOST_TEST(made.output.size() == 25u);  // 24 hex and a newline
  BOOST_TEST(stack()
                 .cli({"business", "create", "--name", "X", "--currency", "XYZ", "--country", "KE"})
                 .exit_code == 2);
  BOOST_TEST(stack()
                 .cli({"business", "create", "--name", "X", "--currency", "KES", "--country", "ZZ"})
                 .exit_code == 2);
  BOOST_TEST(stack().cli({"business", "create", "--name", "X"}).exit_code == 2);
  const auto listed = stack().cli({"business", "list"});
  BOOST_TEST(listed.output.find("Tokyo KK") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(key_commands_refuse_unknown_businesses_and_keys) {
  BOOST_TEST(stack().cli({"key", "create", "--business", "ffffffffffffffffffffffff"}).exit_code ==
             1);
  BOOST_TEST(stack().cli({"key", "create", "--business", "nope"}).exit_code == 2);
  BOOST_TEST(stack().cli({"key", "revoke", "capi_nothing"}).exit_code == 1);
}

BOOST_AUTO_TEST_CASE(read_only_and_rate_limit_flags_are_stored) {
  const std::string key = stack().cli_line(
      {"key", "create", "--business", stack().business_id(), "--read-only", "--rate-limit", "7"});
  const auto listed = stack().cli({"key", "list", "--business", stack().business_id()});
  const auto line_at = listed.output.find(key.substr(0, 12));
  BOOST_TEST_REQUIRE(line_at != std::string::npos);
  const std::string line =
      listed.output.substr(line_at, listed.output.find('\n', line_at) - line_at);
  BOOST_TEST(line.find("read_only") != std::string::npos, line);
  BOOST_TEST(line.find("\t7\t") != std::string::npos, line);
}

BOOST_AUTO_TEST_CASE(check_config_masks_secrets_and_bad_config_is_one_line_exit_2) {
  const auto shown = run_command({CAPI_BINARY, "--config", stack().config_path(), "check-config"},
                                 {{"CUSTOMER_API_DATABASE_URL", "postgresql://u:hunter2@db/x"}});
  BOOST_TEST(shown.exit_code == 0, shown.output);
  BOOST_TEST(shown.output.find("hunter2") == std::string::npos);
  BOOST_TEST(shown.output.find("workers = ") != std::string::npos);

  const auto bad = run_command({CAPI_BINARY, "--config", stack().config_path(), "check-config"},
                               {{"CUSTOMER_API_WORKERS", "lots"}});
  BOOST_TEST(bad.exit_code == 2);
  BOOST_TEST(bad.output.find("workers") != std::string::npos);
  BOOST_TEST(bad.output.find('\n') == bad.output.size() - 1, bad.output);

  const auto missing = run_command({CAPI_BINARY, "--config", "/nonexistent.conf", "serve"});
  BOOST_TEST(missing.exit_code == 2);
  BOOST_TEST(missing.output.find("/nonexistent.conf") != std::string::npos, missing.output);
}
