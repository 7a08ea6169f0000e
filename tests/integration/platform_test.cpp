// The platform through nginx: authentication in every form, the error envelope for each
// platform status, request ids, limits, health and metrics.
#define BOOST_TEST_MODULE platform
#include <boost/test/unit_test.hpp>

#include <string>
#include <thread>

#include "shared_stack.hpp"

using capi::test::bearer;
using capi::test::Headers;
using capi::test::HttpResponse;
using capi::test::stack;

using capi::test::SharedStack;
BOOST_TEST_GLOBAL_FIXTURE(SharedStack);

namespace {

// Checks the error envelope of API.md and returns its code.
std::string error_code(const HttpResponse& response) {
  const auto json = response.json();
  BOOST_TEST_REQUIRE(!json.HasParseError(), "not JSON: " << response.body);
  BOOST_TEST_REQUIRE(json.IsObject());
  BOOST_TEST(json["success"].IsFalse());
  BOOST_TEST_REQUIRE(json.HasMember("error"));
  BOOST_TEST(json["error"]["message"].IsString());
  BOOST_TEST(json["requestId"].IsString());
  BOOST_TEST(json["requestId"].GetString() == response.header("x-request-id"));
  return json["error"]["code"].GetString();
}

const Headers kJson = {{"Content-Type", "application/json"}};

}  // namespace

BOOST_AUTO_TEST_SUITE(health)

BOOST_AUTO_TEST_CASE(healthz_needs_no_key) {
  auto http = stack().client();
  const auto response = http.get("/healthz");
  BOOST_TEST(response.status == 200);
  BOOST_TEST(response.json()["data"]["status"].GetString() == std::string("ok"));
  BOOST_TEST(response.header("content-type") == "application/json; charset=utf-8");
}

BOOST_AUTO_TEST_CASE(readyz_reports_database_and_schema) {
  auto http = stack().client();
  const auto response = http.get("/readyz");
  BOOST_TEST(response.status == 200);
  BOOST_TEST(response.json()["data"]["status"].GetString() == std::string("ready"));
}

BOOST_AUTO_TEST_CASE(metrics_counts_requests_by_route_and_status) {
  auto http = stack().client();
  http.get("/v1/business", bearer(stack().key()));
  http.get("/v1/nothing-here");
  const auto response = http.get("/metrics");
  BOOST_TEST(response.status == 200);
  BOOST_TEST(response.header("content-type").find("text/plain") == 0u);
  BOOST_TEST(response.body.find("capi_requests_total{method=\"GET\",route=\"/v1/business\","
                                "status=\"200\"}") != std::string::npos);
  BOOST_TEST(response.body.find("route=\"(unmatched)\",status=\"404\"") != std::string::npos);
  BOOST_TEST(response.body.find("capi_workers_alive " + std::to_string(stack().workers())) !=
             std::string::npos);
  BOOST_TEST(response.body.find("capi_request_duration_seconds_bucket") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(authentication)

BOOST_AUTO_TEST_CASE(bearer_bare_and_tenant_header_all_work) {
  auto http = stack().client();
  const std::vector<Headers> forms = {
      {{"Authorization", "Bearer " + stack().key()}},
      {{"Authorization", "bearer " + stack().key()}},
      {{"Authorization", stack().key()}},
      {{"X-Tenant-Api-Key", stack().key()}},
  };
  for (const auto& headers : forms) {
    const auto response = http.get("/v1/business", headers);
    BOOST_TEST(response.status == 200, headers.front().first << ": " << response.body);
    const auto json = response.json();
    BOOST_TEST(json["success"].IsTrue());
    BOOST_TEST(json["data"]["id"].GetString() == stack().business_id());
    BOOST_TEST(json["data"]["name"].GetString() == std::string("Acme Ltd"));
    BOOST_TEST(json["data"]["currency"].GetString() == std::string("KES"));
    BOOST_TEST(json["data"]["country"].GetString() == std::string("KE"));
    BOOST_TEST(std::string(json["data"]["createdAt"].GetString()).size() == 24u);
  }
}

BOOST_AUTO_TEST_CASE(each_business_sees_only_itself) {
  auto http = stack().client();
  const auto response = http.get("/v1/business", bearer(stack().other_key()));
  BOOST_TEST(response.status == 200);
  BOOST_TEST(response.json()["data"]["id"].GetString() == stack().other_business_id());
}

BOOST_AUTO_TEST_CASE(missing_unknown_and_malformed_keys_are_401) {
  auto http = stack().client();
  const std::vector<Headers> rejected = {
      {},
      {{"Authorization", "Bearer capi_not-a-real-key"}},
      {{"Authorization", "Bearer "}},
      {{"Authorization", "Basic dXNlcjpwYXNz"}},
      {{"X-Tenant-Api-Key", "nope"}},
      {{"Authorization", "Bearer " + std::string(300, 'x')}},
  };
  for (const auto& headers : rejected) {
    const auto response = http.get("/v1/business", headers);
    BOOST_TEST(response.status == 401, response.body);
    BOOST_TEST(error_code(response) == "authentication_error");
  }
}

BOOST_AUTO_TEST_CASE(business_id_parameter_must_be_the_keys_business) {
  auto http = stack().client();
  const auto own =
      http.get("/v1/business?businessId=" + stack().business_id(), bearer(stack().key()));
  BOOST_TEST(own.status == 200);
  const auto other =
      http.get("/v1/business?businessId=" + stack().other_business_id(), bearer(stack().key()));
  BOOST_TEST(other.status == 403);
  BOOST_TEST(error_code(other) == "permission_denied");
}

BOOST_AUTO_TEST_CASE(read_only_key_reads) {
  auto http = stack().client();
  const auto response = http.get("/v1/business", bearer(stack().read_only_key()));
  BOOST_TEST(response.status == 200);
}

BOOST_AUTO_TEST_CASE(revoked_key_stops_working_within_five_seconds_on_every_worker) {
  const std::string key = stack().cli_line({"key", "create", "--business", stack().business_id()});
  auto http = stack().client();
  // Warm every worker's cache with the key.
  for (int i = 0; i < 4 * stack().workers(); ++i) {
    BOOST_TEST_REQUIRE(http.get("/v1/business", bearer(key)).status == 200);
  }
  const auto revoked = stack().cli({"key", "revoke", key.substr(0, 12)});
  BOOST_TEST_REQUIRE(revoked.exit_code == 0, revoked.output);
  std::this_thread::sleep_for(std::chrono::seconds(5));
  for (int i = 0; i < 4 * stack().workers(); ++i) {
    const auto response = http.get("/v1/business", bearer(key));
    BOOST_TEST(response.status == 401);
  }
}

BOOST_AUTO_TEST_CASE(key_list_shows_prefixes_never_keys) {
  const auto listed = stack().cli({"key", "list", "--business", stack().business_id()});
  BOOST_TEST_REQUIRE(listed.exit_code == 0);
  BOOST_TEST(listed.output.find(stack().key().substr(0, 12)) != std::string::npos);
  BOOST_TEST(listed.output.find(stack().key()) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(keys_are_stored_only_as_hashes) {
  const std::string stored = stack().postgres().psql("SELECT key_hash || prefix FROM api_keys");
  BOOST_TEST(stored.find(stack().key()) == std::string::npos);
  BOOST_TEST(stored.find(stack().key().substr(12)) == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(errors)

BOOST_AUTO_TEST_CASE(unknown_route_is_404_before_authentication) {
  auto http = stack().client();
  for (const std::string path : {"/v1/nope", "/", "/v1/business/extra", "/v2/business"}) {
    const auto response = http.get(path);
    BOOST_TEST(response.status == 404, path);
    BOOST_TEST(error_code(response) == "not_found");
  }
}

BOOST_AUTO_TEST_CASE(wrong_method_is_405_with_allow_before_authentication) {
  auto http = stack().client();
  const auto response = http.request("DELETE", "/v1/business");
  BOOST_TEST(response.status == 405);
  BOOST_TEST(response.header("allow") == "GET");
  BOOST_TEST(error_code(response) == "method_not_allowed");
  const auto post = http.request("POST", "/healthz", kJson, "{}");
  BOOST_TEST(post.status == 405);
}

BOOST_AUTO_TEST_CASE(head_is_answered_like_get_without_body) {
  auto http = stack().client();
  const auto response = http.request("HEAD", "/healthz");
  BOOST_TEST(response.status == 200);
  BOOST_TEST(response.body.empty());
}

BOOST_AUTO_TEST_CASE(malformed_query_string_is_400) {
  auto http = stack().client();
  for (const std::string query : {"?a=%zz", "?a=%", "?a=%ff%fe", "?=x", "?a=%00"}) {
    const auto response = http.get("/v1/business" + query, bearer(stack().key()));
    BOOST_TEST(response.status == 400, query);
    BOOST_TEST(error_code(response) == "bad_request");
  }
}

BOOST_AUTO_TEST_CASE(errors_keep_the_order_route_auth_permission_body) {
  auto http = stack().client();
  // No key and a bad query: authentication comes first.
  BOOST_TEST(http.get("/v1/business?a=%zz").status == 401);
  // Wrong business and a bad query parameter later on: still parsed first as syntax (400).
  BOOST_TEST(
      http.get("/v1/business?businessId=" + stack().other_business_id(), bearer(stack().key()))
          .status == 403);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(request_ids)

BOOST_AUTO_TEST_CASE(sane_client_request_id_is_echoed) {
  auto http = stack().client();
  const auto response = http.get("/healthz", {{"X-Request-ID", "client-id 42/abc"}});
  BOOST_TEST(response.header("x-request-id") == "client-id 42/abc");
  const auto error = http.get("/v1/business", {{"X-Request-ID", "trace-123"}});
  BOOST_TEST(error.header("x-request-id") == "trace-123");
  BOOST_TEST(error.json()["requestId"].GetString() == std::string("trace-123"));
}

BOOST_AUTO_TEST_CASE(insane_request_id_is_replaced) {
  auto http = stack().client();
  const std::string too_long(129, 'a');
  for (const std::string& sent : {too_long, std::string("bad\x01id")}) {
    const auto response = http.get("/healthz", {{"X-Request-ID", sent}});
    const std::string echoed = response.header("x-request-id");
    BOOST_TEST(!echoed.empty());
    BOOST_TEST(echoed != sent);
    BOOST_TEST(echoed.size() <= 128u);
  }
}

BOOST_AUTO_TEST_CASE(every_response_has_a_request_id) {
  auto http = stack().client();
  BOOST_TEST(!http.get("/healthz").header("x-request-id").empty());
  BOOST_TEST(!http.get("/nope").header("x-request-id").empty());
  BOOST_TEST(!http.get("/v1/business").header("x-request-id").empty());
}

BOOST_AUTO_TEST_CASE(access_log_has_route_template_and_no_secrets) {
  auto http = stack().client();
  http.get("/v1/business?businessId=" + stack().business_id(),
           {{"Authorization", "Bearer " + stack().key()}, {"X-Request-ID", "log-check-1"}});
  const bool logged = capi::test::eventually(
      [] { return stack().service_log().find("log-check-1") != std::string::npos; }, 3000);
  BOOST_TEST_REQUIRE(logged);
  const std::string log = stack().service_log();
  const auto line_start = log.rfind('\n', log.find("log-check-1")) + 1;
  const std::string line = log.substr(line_start, log.find('\n', line_start) - line_start);
  BOOST_TEST(line.find("\"route\":\"/v1/business\"") != std::string::npos, line);
  BOOST_TEST(line.find("\"status\":200") != std::string::npos, line);
  BOOST_TEST(line.find("\"method\":\"GET\"") != std::string::npos, line);
  BOOST_TEST(line.find("\"durationMs\":") != std::string::npos, line);
  BOOST_TEST(line.find("\"pid\":") != std::string::npos, line);
  BOOST_TEST(log.find(stack().key()) == std::string::npos);
  BOOST_TEST(log.find(stack().key().substr(5)) == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

// The service connects as a role that may only read and write data; migrations run as the
// database's owner (README, "Database roles"). The stack itself is built that way: its
// migrations made every table as the owner, and every other test runs as the service role.
BOOST_AUTO_TEST_SUITE(database_roles)

BOOST_AUTO_TEST_CASE(the_service_role_changes_data_but_never_the_schema) {
  auto& postgres = stack().postgres();
  const std::string service = postgres.service_role();
  const auto reads = postgres.psql_as(service, "SELECT count(*) >= 0 FROM customers");
  BOOST_TEST(reads.exit_code == 0, reads.output);
  const auto writes =
      postgres.psql_as(service, "BEGIN; UPDATE customers SET notes = notes WHERE false; ROLLBACK;");
  BOOST_TEST(writes.exit_code == 0, writes.output);
  for (const char* ddl :
       {"DROP TABLE customers", "ALTER TABLE customers ADD COLUMN spare integer",
        "TRUNCATE customers", "CREATE TABLE spare (x integer)", "CREATE INDEX ON customers (notes)",
        "DROP TABLE schema_migrations",
        "INSERT INTO schema_migrations (name, checksum) VALUES ('999_spare.sql', 'x')",
        "DELETE FROM schema_migrations", "UPDATE schema_migrations SET checksum = 'x'",
        "CREATE FUNCTION spare() RETURNS integer LANGUAGE sql AS 'SELECT 1'",
        "ALTER ROLE customer_api_app LOGIN", "CREATE SCHEMA spare"}) {
    const auto refused = postgres.psql_as(service, ddl);
    BOOST_TEST(refused.exit_code != 0, ddl << " was allowed");
    const bool denied = refused.output.find("permission denied") != std::string::npos ||
                        refused.output.find("must be owner") != std::string::npos;
    BOOST_TEST(denied, ddl << ": " << refused.output);
  }
  BOOST_TEST(postgres.psql("SELECT count(*) FROM schema_migrations WHERE name = '999_spare.sql'") ==
             "0\n");
}

BOOST_AUTO_TEST_CASE(the_migrations_ran_as_the_owner) {
  const auto owners = stack().postgres().psql(
      "SELECT string_agg(DISTINCT tableowner, ',') FROM pg_tables WHERE schemaname = 'public'");
  BOOST_TEST(owners == "capi_owner\n");
  const auto service_owns =
      stack().postgres().psql("SELECT count(*) FROM pg_tables WHERE tableowner = 'capi_service'");
  BOOST_TEST(service_owns == "0\n");
}

BOOST_AUTO_TEST_CASE(migrate_grants_the_service_role_every_table_whoever_made_it) {
  auto& postgres = stack().postgres();
  // A table the owner made outside the migrations: the next `migrate` grants it too.
  const auto made = postgres.psql_as("capi_owner", "CREATE TABLE later_table (x integer)");
  BOOST_TEST_REQUIRE(made.exit_code == 0, made.output);
  const auto before =
      postgres.psql_as(postgres.service_role(), "INSERT INTO later_table VALUES (1)");
  BOOST_TEST(before.exit_code != 0);
  const auto migrated = stack().cli({"migrate"});
  BOOST_TEST_REQUIRE(migrated.exit_code == 0, migrated.output);
  const auto after =
      postgres.psql_as(postgres.service_role(), "INSERT INTO later_table VALUES (2)");
  BOOST_TEST(after.exit_code == 0, after.output);
  BOOST_TEST(postgres.psql_as(postgres.service_role(), "TRUNCATE later_table").exit_code != 0);
  postgres.psql("DROP TABLE later_table");
}

BOOST_AUTO_TEST_SUITE_END()
