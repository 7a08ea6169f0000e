// GET /v1/customers/export and `customer-api export`: every match of the listing's filters,
// decrypted, as NDJSON or CSV, streamed in batches (a worker's memory stays flat however many
// customers there are); the command line gives operators the same bytes.
#define BOOST_TEST_MODULE export
#include <boost/test/unit_test.hpp>

#include <rapidjson/document.h>

#include <string>
#include <utility>
#include <vector>

#include "api_helpers.hpp"
#include "stack.hpp"

using namespace capi::test;

namespace {

std::vector<std::string> lines_of(const std::string& text, const std::string& separator) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (auto end = text.find(separator); end != std::string::npos;
       end = text.find(separator, start)) {
    lines.push_back(text.substr(start, end - start));
    start = end + separator.size();
  }
  BOOST_TEST(start == text.size(), "the text does not end with a separator");
  return lines;
}

Stack& shared() {
  static Stack stack({.workers = 2});
  return stack;
}

std::string create(const std::string& body) {
  auto http = shared().client();
  const auto made = http.request("POST", "/v1/customers", json_headers(shared().key()), body);
  BOOST_TEST_REQUIRE(made.status == 201, made.body);
  return data_string(made, "id");
}

}  // namespace

BOOST_AUTO_TEST_CASE(ndjson_is_every_active_match_oldest_first_decrypted) {
  const std::string first = create(
      R"({"name":"Export One","email":"one@export.example","segment":"exp","phone":"0712000001"})");
  const std::string second = create(
      R"({"name":"Export Two","email":"two@export.example","segment":"exp","creditLimit":12.5})");
  const std::string gone =
      create(R"({"name":"Export Gone","email":"gone@export.example","segment":"exp"})");
  auto http = shared().client();
  BOOST_TEST_REQUIRE(
      http.request("DELETE", "/v1/customers/" + gone, bearer(shared().key())).status == 200);

  const auto exported = http.get("/v1/customers/export?segment=exp", bearer(shared().key()));
  BOOST_TEST_REQUIRE(exported.status == 200, exported.body);
  BOOST_TEST(exported.header("content-type") == "application/x-ndjson");
  BOOST_TEST(exported.header("content-disposition") == "attachment; filename=\"customers.ndjson\"");
  const auto lines = lines_of(exported.body, "\n");
  BOOST_TEST_REQUIRE(lines.size() == 2u, exported.body);
  rapidjson::Document one;
  one.Parse(lines[0].c_str());
  BOOST_TEST_REQUIRE(one.IsObject());
  BOOST_TEST(one["id"].GetString() == first);
  BOOST_TEST(one["email"].GetString() == std::string("one@export.example"));
  BOOST_TEST(one["phone"].GetString() == std::string("+254712000001"));
  // The same object the listing shows.
  const auto listed = http.get("/v1/customers?segment=exp&sort=createdAt", bearer(shared().key()));
  rapidjson::Document page;
  page.Parse(listed.body.c_str());
  rapidjson::Document two;
  two.Parse(lines[1].c_str());
  const bool same_first = page["data"][0] == static_cast<const rapidjson::Value&>(one);
  const bool same_second = page["data"][1] == static_cast<const rapidjson::Value&>(two);
  BOOST_TEST(same_first);
  BOOST_TEST(same_second);
  BOOST_TEST(two["id"].GetString() == second);

  const auto everything =
      http.get("/v1/customers/export?segment=exp&status=all", bearer(shared().key()));
  BOOST_TEST(lines_of(everything.body, "\n").size() == 3u);
  // Nothing personal is in the table it was read from.
  BOOST_TEST(shared().postgres().psql("SELECT count(*) FROM customers WHERE email_enc::text LIKE "
                                      "'%export.example%'") == "0\n");
}

BOOST_AUTO_TEST_CASE(csv_has_a_header_and_rfc_4180_quoting) {
  create(R"({"name":"Quote \"Me\", Please","email":"csv@export.example","segment":"csvseg",)"
         R"("notes":"line one\nline two","tags":["a","b"],"creditLimit":1000.05})");
  auto http = shared().client();
  const auto exported =
      http.get("/v1/customers/export?format=csv&segment=csvseg", bearer(shared().key()));
  BOOST_TEST_REQUIRE(exported.status == 200, exported.body);
  BOOST_TEST(exported.header("content-type") == "text/csv; charset=utf-8; header=present");
  BOOST_TEST(exported.body.rfind("id,type,name,companyName,email,phone,taxId,", 0) == 0);
  BOOST_TEST(exported.body.find(",\"Quote \"\"Me\"\", Please\",") != std::string::npos,
             exported.body);
  BOOST_TEST(exported.body.find("\"line one\nline two\"") != std::string::npos);
  BOOST_TEST(exported.body.find(",csv@export.example,") != std::string::npos);
  BOOST_TEST(exported.body.find(",1000.05,100005,") != std::string::npos);
  BOOST_TEST(exported.body.ends_with("\r\n"));
}

BOOST_AUTO_TEST_CASE(paging_and_unknown_formats_are_refused) {
  auto http = shared().client();
  for (const char* query : {"format=xml", "limit=10", "page=2", "sort=name", "cursor=abc"}) {
    const auto refused =
        http.get(std::string("/v1/customers/export?") + query, bearer(shared().key()));
    BOOST_TEST(refused.status == 422, query << ": " << refused.body);
  }
  BOOST_TEST(http.get("/v1/customers/export?format=csv", bearer(shared().read_only_key())).status ==
             200);
}

BOOST_AUTO_TEST_CASE(the_command_line_writes_the_same_bytes) {
  auto http = shared().client();
  for (const char* format : {"ndjson", "csv"}) {
    const auto api = http.get(std::string("/v1/customers/export?status=all&format=") + format,
                              bearer(shared().key()));
    const auto cli = shared().cli(
        {"export", "--business", shared().business_id(), "--format", format, "--status", "all"});
    BOOST_TEST_REQUIRE(cli.exit_code == 0, cli.output);
    // stdout and stderr come together here: the summary line is stderr's, at the end.
    BOOST_TEST(cli.output.rfind(api.body, 0) == 0, format);
    BOOST_TEST(cli.output.find("customer-api: exported ") == api.body.size(), format);
  }
}

// 20,000 customers through one worker: all of them, in order, and the worker's peak memory
// grows by far less than the export's size.
BOOST_AUTO_TEST_CASE(a_large_export_streams_without_holding_it_in_memory) {
  Stack stack({.workers = 1});
  const auto seeded =
      stack.cli({"seed", "--business", stack.business_id(), "--count", "20000", "--seed", "3"});
  BOOST_TEST_REQUIRE(seeded.exit_code == 0, seeded.output);
  const std::string active = stack.postgres().psql(
      "SELECT count(*) FROM customers WHERE deleted_at IS NULL AND business_id = '" +
      stack.business_id() + "'");
  auto http = stack.client();
  BOOST_TEST_REQUIRE(http.get("/v1/customers/export?limit", bearer(stack.key())).status == 422);
  const pid_t worker = stack.worker_pids().front();
  const long before = peak_rss_kb(worker);
  const auto exported = http.get("/v1/customers/export", bearer(stack.key()));
  BOOST_TEST_REQUIRE(exported.status == 200);
  const auto lines = lines_of(exported.body, "\n");
  BOOST_TEST(std::to_string(lines.size()) + "\n" == active);
  // Oldest first: createdAt, then id.
  std::pair<std::string, std::string> previous;
  for (const auto& line : lines) {
    const auto at = line.find("\"createdAt\":\"") + 13;
    const std::pair<std::string, std::string> key{line.substr(at, 24), line.substr(7, 24)};
    BOOST_TEST_REQUIRE((key > previous), "out of order at " << key.second);
    previous = key;
  }
  const long grown = peak_rss_kb(worker) - before;
  BOOST_TEST_MESSAGE("export of " << exported.body.size() / 1024 << " kB; worker peak RSS grew by "
                                  << grown << " kB");
#ifndef CAPI_SANITIZED
  BOOST_TEST(grown < 10 * 1024, "peak RSS grew by " << grown << " kB");
  BOOST_TEST(static_cast<std::size_t>(grown) * 1024 < exported.body.size() / 2);
#endif
}

#ifdef CAPI_FAULT_INJECTION
// The database fails after the head and the first rows were sent: the worker cannot change
// the status any more, so it cuts the connection. nginx then answers 503 itself if it had not
// begun the answer yet (it buffers what the worker sends), or cuts the client's transfer short:
// never an export that looks whole. The worker carries on.
BOOST_AUTO_TEST_CASE(an_export_that_fails_part_way_ends_as_a_broken_transfer) {
  create(R"({"name":"Cut Short","email":"cut@export.example","segment":"cut"})");
  auto http = shared().client();
  const auto cut =
      http.get("/v1/customers/export?format=csv&segment=cut",
               {{"Authorization", "Bearer " + shared().key()}, {"X-Capi-Fault", "fail-stream"}});
  if (cut.status == 0) {
    BOOST_TEST(!cut.transport_error.empty());
  } else {
    BOOST_TEST(cut.status == 503, cut.body);
    BOOST_TEST(error_code_of(cut) == "unavailable");
    BOOST_TEST(cut.body.find("cut@export.example") == std::string::npos);
  }
  BOOST_TEST(eventually(
      [] {
        return shared().service_log().find("a streamed answer stopped part-way") !=
               std::string::npos;
      },
      3000));
  const auto whole =
      http.get("/v1/customers/export?format=csv&segment=cut", bearer(shared().key()));
  BOOST_TEST(whole.status == 200);
  BOOST_TEST(whole.body.find("cut@export.example") != std::string::npos);
}
#endif

namespace {

// A pool whose requests may run 1 s (the database's limits below it, as the service
// requires), for the drills of a stream that outlives it.
const StackOptions kOneSecondRequests = {
    .workers = 2,
    .request_timeout = "1s",
    .extra_config = "db_statement_timeout = 900ms\ndb_lock_timeout = 500ms\n"};

// 1,600 customers, four batches of an export, imported into the stack's business.
void import_four_batches(Stack& stack, const std::string& stem) {
  std::string rows;
  for (int i = 0; i < 1600; ++i) {
    rows += R"({"name":")" + stem + " " + std::to_string(i) + R"(","email":")" + stem +
            std::to_string(i) + "@export.example\"}\n";
  }
  const auto imported = stack.client().request(
      "POST", "/v1/customers/import",
      {{"Authorization", "Bearer " + stack.key()}, {"Content-Type", "application/x-ndjson"}}, rows);
  BOOST_TEST_REQUIRE(imported.status == 200, imported.body.substr(0, 300));
}

}  // namespace

#ifdef CAPI_FAULT_INJECTION
// A stream that stops moving is killed by the master after request_timeout, part-way through
// the body: the client sees a broken transfer, never an export that looks whole (nginx's
// export location keeps FastCGI's end of request as the end of the answer).
BOOST_AUTO_TEST_CASE(a_stalled_stream_killed_part_way_ends_as_a_broken_transfer) {
  Stack stack(kOneSecondRequests);
  auto http = stack.client();
  import_four_batches(stack, "stall");
  Headers stalled = bearer(stack.key());
  stalled.emplace_back("X-Capi-Fault", "stall-stream");
  const auto exported = http.get("/v1/customers/export", stalled);
  BOOST_TEST(!exported.transport_error.empty(), "the cut-off export looked whole: status "
                                                    << exported.status << ", "
                                                    << exported.body.size() << " bytes");
  BOOST_TEST(eventually(
      [&] { return stack.service_log().find("past request_timeout") != std::string::npos; }, 3000));
  // The next export is whole.
  const auto whole = http.get("/v1/customers/export", bearer(stack.key()));
  BOOST_TEST(whole.status == 200);
  BOOST_TEST(lines_of(whole.body, "\n").size() == 1600u);
}
#endif

BOOST_AUTO_TEST_CASE(a_stream_that_keeps_moving_outlives_request_timeout) {
  // request_timeout is 1 s; the export sends 4 batches of 500 rows, 700 ms apart (2.8 s in
  // all): each batch restarts the deadline, so the worker is not killed and every row
  // arrives. A request that stops moving is still killed (drills_test).
  Stack stack(kOneSecondRequests);
  auto http = stack.client();
  import_four_batches(stack, "slow");
  const auto workers = stack.worker_pids();
  Headers slow = bearer(stack.key());
  slow.emplace_back("X-Capi-Fault", "slow-stream");
  const auto exported = http.get("/v1/customers/export", slow);
  BOOST_TEST(exported.status == 200);
  BOOST_TEST(lines_of(exported.body, "\n").size() == 1600u);
  BOOST_TEST(stack.worker_pids() == workers, "a worker was killed mid-stream");
  BOOST_TEST(stack.service_log().find("past request_timeout") == std::string::npos);
}
