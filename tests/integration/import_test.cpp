// POST /v1/customers/import: each row answered as the single create (or update) would answer
// it, each row all-or-nothing, valid rows written whatever the others do; upsert by email,
// then phone; dryRun writes nothing; the request's own limits; and export -> import into
// another business -> export gives the same records.
#define BOOST_TEST_MODULE import
#include <boost/test/unit_test.hpp>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "api_helpers.hpp"
#include "stack.hpp"
#include "stats_figures.hpp"

using namespace capi::test;

namespace {

Stack& shared() {
  static Stack stack({.workers = 3});
  return stack;
}

std::string psql(const std::string& sql) {
  std::string out = shared().postgres().psql(sql);
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

long customers_of(const std::string& business_id) {
  return std::stol(
      psql("SELECT count(*) FROM customers WHERE business_id = '" + business_id + "'"));
}

// Every row of the business: a write changes it.
std::string fingerprint() {
  return business_rows_fingerprint(shared(), shared().business_id());
}

HttpResponse import(const std::string& query, const std::string& body,
                    const std::string& content_type = "application/json",
                    const std::string& key = shared().key()) {
  return shared().client().request(
      "POST", "/v1/customers/import" + query,
      {{"Authorization", "Bearer " + key}, {"Content-Type", content_type}}, body);
}

HttpResponse create(const std::string& body) {
  return shared().client().request("POST", "/v1/customers", json_headers(shared().key()), body);
}

std::string created_id(const std::string& body) {
  const auto made = create(body);
  BOOST_TEST_REQUIRE(made.status == 201, made.body);
  return data_string(made, "id");
}

// The error object of an error envelope, as compact JSON.
std::string error_json(const rapidjson::Value& error) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  error.Accept(writer);
  return buffer.GetString();
}

struct ImportAnswer {
  rapidjson::Document json;
  const rapidjson::Value& result(std::size_t index) const {
    return json["data"]["results"][static_cast<rapidjson::SizeType>(index)];
  }
  std::string outcome(std::size_t index) const { return result(index)["outcome"].GetString(); }
  std::string id(std::size_t index) const {
    const auto& id = result(index)["id"];
    return id.IsString() ? id.GetString() : "";
  }
  std::string error(std::size_t index) const {
    const auto& error = result(index)["error"];
    return error.IsNull() ? "" : error_json(error);
  }
  long total(const char* outcome) const { return json["data"]["totals"][outcome].GetInt64(); }
};

ImportAnswer answer_of(const HttpResponse& response) {
  BOOST_TEST_REQUIRE(response.status == 200, response.body);
  ImportAnswer answer;
  answer.json.Parse(response.body.c_str());
  BOOST_TEST_REQUIRE(answer.json["data"]["results"].IsArray());
  return answer;
}

// The error a single create gives for `body`, as the import's rows must give it.
std::string single_create_error(const std::string& body) {
  const auto refused = create(body);
  BOOST_TEST_REQUIRE(refused.status / 100 == 4, refused.body);
  const auto json = refused.json();
  return error_json(json["error"]);
}

}  // namespace

BOOST_AUTO_TEST_CASE(create_mode_answers_each_row_as_a_single_create) {
  const std::string taken = created_id(R"({"name":"Imp Taken","email":"taken@imp.example"})");
  const long before = customers_of(shared().business_id());
  const std::string invalid = R"({"name":"","email":"not-an-email","tags":"x"})";
  const std::string holds_taken = R"({"name":"Imp Second","email":"Taken@imp.example"})";
  const auto response = import(
      "", "[" +
              std::string(R"({"name":"Imp A","email":"a@imp.example","phone":"0712300001",)"
                          R"("contacts":[{"name":"Kin","email":"kin@imp.example"}]},)") +
              invalid + "," + holds_taken + "," +
              R"({"name":"Imp Again","email":"A@IMP.example"},)"
              R"(42,)"
              R"({"name":"Imp B","email":"b@imp.example","creditLimit":12.5,"tags":["x"]}])");
  const auto answer = answer_of(response);
  BOOST_TEST(answer.json["data"]["results"].Size() == 6u);
  for (std::size_t i = 0; i < 6; ++i) {
    BOOST_TEST(answer.result(i)["index"].GetUint64() == i);
  }
  BOOST_TEST(answer.outcome(0) == "created");
  BOOST_TEST(answer.error(0).empty());
  // Exactly the error a create of the same body gives.
  BOOST_TEST(answer.outcome(1) == "failed");
  BOOST_TEST(answer.id(1).empty());
  BOOST_TEST(answer.error(1) == single_create_error(invalid));
  BOOST_TEST(answer.error(2) == single_create_error(holds_taken));
  BOOST_TEST(answer.error(2).find(taken) != std::string::npos, answer.error(2));
  // An earlier row's email: the 409 a create after that row gives, naming its customer.
  BOOST_TEST(answer.outcome(3) == "failed");
  BOOST_TEST(answer.error(3) ==
             single_create_error(R"({"name":"Imp Again","email":"a@imp.example"})"));
  BOOST_TEST(answer.error(3).find(answer.id(0)) != std::string::npos, answer.error(3));
  BOOST_TEST(answer.error(4).find("\"code\":\"bad_request\"") != std::string::npos);
  BOOST_TEST(answer.outcome(5) == "created");
  BOOST_TEST(answer.total("created") == 2);
  BOOST_TEST(answer.total("failed") == 4);
  BOOST_TEST(answer.total("updated") == 0);
  BOOST_TEST(answer.total("unchanged") == 0);
  BOOST_TEST(customers_of(shared().business_id()) == before + 2);

  // What was written is what a create writes: read back, decrypted, with its contact.
  auto http = shared().client();
  const auto a = http.get("/v1/customers/" + answer.id(0), bearer(shared().key()));
  BOOST_TEST_REQUIRE(a.status == 200, a.body);
  const auto a_json = a.json();
  BOOST_TEST(a_json["data"]["email"].GetString() == std::string("a@imp.example"));
  BOOST_TEST(a_json["data"]["phone"].GetString() == std::string("+254712300001"));
  BOOST_TEST(a_json["data"]["version"].GetInt() == 1);
  BOOST_TEST(a_json["data"]["contacts"].Size() == 1u);
  BOOST_TEST(a_json["data"]["contacts"][0]["email"].GetString() == std::string("kin@imp.example"));
  const auto b = http.get("/v1/customers/lookup?email=b@imp.example", bearer(shared().key()));
  BOOST_TEST_REQUIRE(b.status == 200, b.body);
  BOOST_TEST(data_string(b, "id") == answer.id(5));
  BOOST_TEST(b.json()["data"]["creditLimit"].GetDouble() == 12.5);
  // Found by search like any customer (blind tokens written).
  const auto found = http.get("/v1/customers/search?q=imp", bearer(shared().key()));
  BOOST_TEST(found.body.find(answer.id(0)) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(ndjson_rows_stand_alone) {
  const long before = customers_of(shared().business_id());
  const auto answer =
      answer_of(import("",
                       "{\"name\":\"Nd One\",\"email\":\"one@nd.example\"}\n"
                       "\n   \n"
                       "{\"name\":\"Nd Broken\",\n"
                       "{\"name\":\"Nd Two\",\"email\":\"two@nd.example\"}\r\n"
                       "{\"name\":\"Nd Twice\",\"name\":\"x\",\"email\":\"x@nd.example\"}",
                       "application/x-ndjson"));
  BOOST_TEST_REQUIRE(answer.json["data"]["results"].Size() == 4u);  // blank lines are no rows
  BOOST_TEST(answer.outcome(0) == "created");
  BOOST_TEST(answer.outcome(1) == "failed");
  BOOST_TEST(answer.error(1).find("\"code\":\"bad_request\"") != std::string::npos);
  BOOST_TEST(answer.outcome(2) == "created");
  BOOST_TEST(answer.outcome(3) == "failed");  // a key given twice, as a single request
  BOOST_TEST(answer.error(3).find("given twice") != std::string::npos, answer.error(3));
  BOOST_TEST(answer.json["meta"]["rows"].GetInt() == 4);
  BOOST_TEST(customers_of(shared().business_id()) == before + 2);
}

BOOST_AUTO_TEST_CASE(upsert_matches_by_email_then_phone_and_writes_only_changes) {
  const std::string u1 =
      created_id(R"({"name":"Up One","email":"u1@up.example","phone":"0712400100","notes":"old"})");
  const std::string u2 = created_id(
      R"({"name":"Up Two","email":"u2@up.example","tags":["b","a"],"metadata":{"k":"v","j":"w"},)"
      R"("billingAddress":{"line1":"1 Road","city":"Nairobi"},"creditLimit":100})");
  const std::string u3 = created_id(R"({"name":"Up Three","phone":"0712400300"})");
  const std::string u4 = created_id(R"({"name":"Up Four","email":"u4@up.example"})");
  const std::string u5 = created_id(R"({"name":"Up Five","phone":"0712400500"})");
  const auto answer = answer_of(import(
      "?mode=upsert",
      R"([{"email":"U1@up.example","notes":"new"},)"
      R"({"name":"Up Two","email":"u2@up.example","tags":["b","a"],"metadata":{"j":"w","k":"v"},)"
      R"("billingAddress":{"line1":"1 Road","city":"Nairobi"},"creditLimit":100.00},)"
      R"({"phone":"+254712400300","name":"Up Three Renamed"},)"
      R"({"name":"Up New","email":"new@up.example"},)"
      R"({"email":"nobody@up.example"},)"
      R"({"email":"u4@up.example","phone":"0712400500"}])"));
  BOOST_TEST(answer.outcome(0) == "updated");
  BOOST_TEST(answer.id(0) == u1);
  BOOST_TEST(answer.outcome(1) == "unchanged", answer.error(1));
  BOOST_TEST(answer.id(1) == u2);
  BOOST_TEST(answer.outcome(2) == "updated");
  BOOST_TEST(answer.id(2) == u3);
  BOOST_TEST(answer.outcome(3) == "created");
  // No customer with that email, so the row is a create, and a create needs a name.
  BOOST_TEST(answer.outcome(4) == "failed");
  BOOST_TEST(answer.error(4) == single_create_error(R"({"email":"nobody@up.example"})"));
  // Four's change would take Five's phone: the 409 an update gives.
  BOOST_TEST(answer.outcome(5) == "failed");
  BOOST_TEST(answer.error(5).find(u5) != std::string::npos, answer.error(5));
  BOOST_TEST(answer.total("updated") == 2);
  BOOST_TEST(answer.total("unchanged") == 1);
  BOOST_TEST(answer.total("created") == 1);
  BOOST_TEST(answer.total("failed") == 2);

  auto http = shared().client();
  const auto read = [&](const std::string& id) {
    const auto got = http.get("/v1/customers/" + id, bearer(shared().key()));
    BOOST_TEST_REQUIRE(got.status == 200, got.body);
    rapidjson::Document json;
    json.Parse(got.body.c_str());
    return json;
  };
  const auto one = read(u1);
  BOOST_TEST(one["data"]["notes"].GetString() == std::string("new"));
  BOOST_TEST(one["data"]["name"].GetString() == std::string("Up One"));  // a PATCH: kept
  BOOST_TEST(one["data"]["phone"].GetString() == std::string("+254712400100"));
  BOOST_TEST(one["data"]["version"].GetInt() == 2);
  BOOST_TEST(read(u2)["data"]["version"].GetInt() == 1);  // unchanged: not written
  BOOST_TEST(read(u3)["data"]["name"].GetString() == std::string("Up Three Renamed"));
  BOOST_TEST(read(u4)["data"]["version"].GetInt() == 1);
  BOOST_TEST(read(u4)["data"]["phone"].IsNull());
  // The stats figures moved with the import's creates and updates.
  BOOST_TEST(psql(kStatsFiguresDrift) == "0");
}

BOOST_AUTO_TEST_CASE(dry_run_decides_every_row_and_writes_nothing) {
  const std::string d1 = created_id(R"({"name":"Dry One","email":"d1@dry.example"})");
  const std::string rows =
      R"([{"email":"d1@dry.example","notes":"changed"},)"
      R"({"name":"Dry New","email":"dnew@dry.example"},)"
      R"({"name":"Dry Bad","email":"bad"},)"
      R"({"name":"Dry Kin","email":"dkin@dry.example","contacts":[{"name":"Kin","email":"kin@dry.example"}]}])";
  const std::string before = fingerprint();
  const auto dry = answer_of(import("?mode=upsert&dryRun=true", rows));
  BOOST_TEST(fingerprint() == before);
  BOOST_TEST(dry.json["meta"]["dryRun"].GetBool());
  BOOST_TEST(dry.outcome(0) == "updated");
  BOOST_TEST(dry.id(0) == d1);
  BOOST_TEST(dry.outcome(1) == "created");
  BOOST_TEST(dry.outcome(2) == "failed");
  BOOST_TEST(dry.outcome(3) == "created");  // with its contact: none written either
  // The real run decides the same.
  const auto real = answer_of(import("?mode=upsert&dryRun=false", rows));
  BOOST_TEST(fingerprint() != before);
  for (std::size_t i = 0; i < 4; ++i) BOOST_TEST(real.outcome(i) == dry.outcome(i));
  BOOST_TEST(real.error(2) == dry.error(2));
}

BOOST_AUTO_TEST_CASE(the_request_itself_is_checked_before_any_row) {
  const std::string before = fingerprint();
  const std::string row = R"({"name":"Limit","email":"limit@imp.example"})";
  // 10,001 rows: 422 for the whole request, nothing written.
  std::string too_many = "[";
  for (int i = 0; i <= 10'000; ++i) {
    if (i > 0) too_many += ",";
    too_many += R"({"name":"Too Many )" + std::to_string(i) + R"(","email":"many)" +
                std::to_string(i) + R"(@imp.example"})";
  }
  too_many += "]";
  const auto many = import("", too_many);
  BOOST_TEST(many.status == 422, many.body);
  BOOST_TEST(error_detail(many, "body").find("10000") != std::string::npos, many.body);
  std::string many_lines;
  for (int i = 0; i <= 10'000; ++i) many_lines += "{}\n";
  BOOST_TEST(import("", many_lines, "application/x-ndjson").status == 422);
  // Over 16 MiB: the app's 413.
  const std::string big = "[" + std::string(16 * 1024 * 1024, ' ') + row + "]";
  const auto too_big = import("", big);
  BOOST_TEST(too_big.status == 413, too_big.body);
  BOOST_TEST(error_code_of(too_big) == "payload_too_large");

  const auto status_of = [&](const std::string& query, const std::string& body,
                             const std::string& type = "application/json") {
    return import(query, body, type).status;
  };
  BOOST_TEST(status_of("?mode=merge", "[" + row + "]") == 422);
  BOOST_TEST(status_of("?dryRun=yes", "[" + row + "]") == 422);
  BOOST_TEST(status_of("", "[" + row + "]", "text/csv") == 415);
  BOOST_TEST(status_of("", row) == 400);                 // an object, not an array
  BOOST_TEST(status_of("", "[" + row + ",") == 400);     // not JSON
  BOOST_TEST(status_of("", "[" + row + "] []") == 400);  // two values
  BOOST_TEST(status_of("", "") == 400);
  std::string deep = "[";
  for (int i = 0; i < 40; ++i) deep += "[";
  BOOST_TEST(status_of("", deep + std::string(40, ']') + "]") == 400);
  // Read-only and unknown keys write nothing either.
  BOOST_TEST(import("", "[" + row + "]", "application/json", shared().read_only_key()).status ==
             403);
  const auto unknown = import("", "[" + row + "]", "application/json", "ck_live_unknown");
  BOOST_TEST(unknown.status == 401, unknown.body);
  BOOST_TEST(error_code_of(unknown) == "authentication_error");
  BOOST_TEST(fingerprint() == before);

  const auto empty = answer_of(import("", "[]"));
  BOOST_TEST(empty.json["data"]["results"].Size() == 0u);
  BOOST_TEST(empty.total("created") == 0);
}

BOOST_AUTO_TEST_CASE(concurrent_imports_of_the_same_emails_create_each_once) {
  // Four imports of the same 300 new customers at once, while single creates race them for
  // some of the emails: every email ends up on exactly one customer, and the answers add up.
  constexpr int kRows = 300;
  std::string rows = "[";
  for (int i = 0; i < kRows; ++i) {
    if (i > 0) rows += ",";
    rows += R"({"name":"Race )" + std::to_string(i) + R"(","email":"race)" + std::to_string(i) +
            R"(@race.example"})";
  }
  rows += "]";
  std::atomic<long> created{0};
  std::atomic<long> failed{0};
  std::atomic<int> refused{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      const auto response = import("", rows);
      if (response.status != 200) {
        ++refused;
        return;
      }
      rapidjson::Document json;
      json.Parse(response.body.c_str());
      created += json["data"]["totals"]["created"].GetInt64();
      failed += json["data"]["totals"]["failed"].GetInt64();
    });
  }
  std::atomic<long> single{0};
  threads.emplace_back([&] {
    for (int i = 0; i < kRows; i += 10) {
      const auto made = create(R"({"name":"Single )" + std::to_string(i) + R"(","email":"race)" +
                               std::to_string(i) + R"(@race.example"})");
      if (made.status == 201) ++single;
    }
  });
  for (auto& thread : threads) thread.join();
  BOOST_TEST(refused.load() == 0);
  BOOST_TEST(created.load() + single.load() == kRows);
  BOOST_TEST(failed.load() == 4 * kRows - created.load());
  const std::string business = "'" + shared().business_id() + "'";
  BOOST_TEST(
      psql("SELECT count(*), count(DISTINCT email_index) FROM customers WHERE business_id = " +
           business + " AND name LIKE 'Race %' OR (business_id = " + business +
           " AND name LIKE 'Single %')") == std::to_string(kRows) + "|" + std::to_string(kRows));
}

BOOST_AUTO_TEST_CASE(export_import_export_gives_the_same_records) {
  // 10,000 varied customers (the most one request takes), made by an import into A.
  constexpr int kCount = 10'000;
  std::string rows;
  for (int i = 0; i < kCount; ++i) {
    const std::string n = std::to_string(i);
    rows += R"({"name":"Round Trip )" + n + R"(","email":"rt)" + n + R"(@trip.example")";
    if (i % 2 == 0) rows += R"(,"phone":"+2547139)" + std::string(5 - n.size(), '0') + n + "\"";
    if (i % 3 == 0) rows += R"(,"type":"business","companyName":"Trip Co )" + n + "\"";
    if (i % 4 == 0)
      rows +=
          R"(,"tags":["t)" + std::to_string(i % 7) + R"(","all"],"notes":"line 1\nline \"2\", ok")";
    if (i % 5 == 0) {
      rows += R"(,"billingAddress":{"line1":")" + n +
              R"( Main St","city":"Nairobi","country":"KE"},"taxId":"P05)" + n + "\"";
    }
    if (i % 6 == 0) rows += R"(,"country":"US","currency":"USD","creditLimit":1234.56)";
    if (i % 7 == 0)
      rows += R"(,"metadata":{"source":"shop","n":")" + n + R"("},"discountRate":12.5)";
    if (i % 8 == 0)
      rows += R"(,"customerSince":"2020-01-0)" + std::to_string(1 + i % 9) + R"(T10:00:00Z")";
    rows += R"(,"segment":"trip","paymentTerms":"net_15"})"
            "\n";
  }
  const auto made = answer_of(import("", rows, "application/x-ndjson"));
  BOOST_TEST_REQUIRE(made.total("created") == kCount,
                     made.json["data"]["results"][0]["error"].IsNull());

  auto http = shared().client();
  const auto first = http.get("/v1/customers/export?segment=trip", bearer(shared().key()));
  BOOST_TEST_REQUIRE(first.status == 200);
  const auto into_b =
      answer_of(import("", first.body, "application/x-ndjson", shared().other_key()));
  BOOST_TEST_REQUIRE(into_b.total("created") == kCount);
  const auto second = http.get("/v1/customers/export?segment=trip", bearer(shared().other_key()));
  BOOST_TEST_REQUIRE(second.status == 200);

  // The same records, apart from what identifies and dates the copy (compared sorted: rows
  // made in the same instant are exported in id order, and ids are the business's own).
  const auto records = [](const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (auto end = text.find('\n'); end != std::string::npos; end = text.find('\n', start)) {
      rapidjson::Document record;
      record.Parse(text.c_str() + start, end - start);
      for (const char* name : {"id", "createdAt", "updatedAt"}) record.RemoveMember(name);
      out.push_back(error_json(record));
      start = end + 1;
    }
    return out;
  };
  auto a_records = records(first.body);
  auto b_records = records(second.body);
  std::sort(a_records.begin(), a_records.end());
  std::sort(b_records.begin(), b_records.end());
  BOOST_TEST_REQUIRE(a_records.size() == static_cast<std::size_t>(kCount));
  BOOST_TEST_REQUIRE(b_records.size() == a_records.size());
  int different = 0;
  for (std::size_t i = 0; i < a_records.size(); ++i) {
    if (a_records[i] != b_records[i] && different++ < 3) {
      BOOST_ERROR("record " << i << " differs:\n" << a_records[i] << "\n" << b_records[i]);
    }
  }
  BOOST_TEST(different == 0);
  const bool all_distinct =
      std::adjacent_find(a_records.begin(), a_records.end()) == a_records.end();
  BOOST_TEST(all_distinct);
}
