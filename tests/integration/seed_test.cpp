// `customer-api seed` against the real stack: what it loads is what the API would have stored
// (decryptable by the service, found by lookup and search, counted by the listing), its
// ids file points at real rows, and no plaintext personal data reaches the table.
#define BOOST_TEST_MODULE seed
#include <boost/test/unit_test.hpp>

#include <rapidjson/document.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "api_helpers.hpp"
#include "shared_stack.hpp"

using namespace capi::test;

using capi::test::SharedStack;
BOOST_TEST_GLOBAL_FIXTURE(SharedStack);

namespace {

constexpr int kCount = 500;

std::string url_encoded(const std::string& text) {
  std::string out;
  for (const char ch : text) {
    const auto byte = static_cast<unsigned char>(ch);
    if ((byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
        (byte >= '0' && byte <= '9') || byte == '-' || byte == '_' || byte == '.') {
      out += ch;
    } else {
      char escaped[4];
      std::snprintf(escaped, sizeof escaped, "%%%02X", byte);
      out += escaped;
    }
  }
  return out;
}

std::string hex_of(const std::string& text) {
  std::string out;
  for (const char ch : text) {
    char digits[3];
    std::snprintf(digits, sizeof digits, "%02x", static_cast<unsigned char>(ch));
    out += digits;
  }
  return out;
}

HttpResponse get(const std::string& path) {
  return stack().client().get(path, bearer(stack().key()));
}

// Seeds the stack's business once (the first test case to ask), and keeps the ids file.
const rapidjson::Document& seeded() {
  static rapidjson::Document ids = [] {
    const std::string path = stack().dir() + "/seed-ids.json";
    const auto result = stack().cli({"seed", "--business", stack().business_id(), "--count",
                                     std::to_string(kCount), "--seed", "7", "--ids-out", path});
    BOOST_TEST_REQUIRE(result.exit_code == 0, result.output);
    BOOST_TEST(result.output.find("seeded 500 customers") != std::string::npos, result.output);
    rapidjson::Document document;
    document.Parse(read_file(path).c_str());
    BOOST_TEST_REQUIRE(!document.HasParseError());
    return document;
  }();
  return ids;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_ids_file_describes_the_load) {
  const auto& ids = seeded();
  BOOST_TEST(std::string(ids["businessId"].GetString()) == stack().business_id());
  BOOST_TEST(ids["seed"].GetUint64() == 7u);
  BOOST_TEST(ids["rows"].GetInt() == kCount);
  const int active = ids["active"].GetInt();
  BOOST_TEST(active >= kCount * 80 / 100);
  BOOST_TEST(active < kCount);
  const auto& customers = ids["customers"];
  BOOST_TEST(customers.Size() > static_cast<unsigned>(kCount * 70 / 100));
  BOOST_TEST(customers.Size() <= static_cast<unsigned>(active));
  BOOST_TEST(ids["inactiveIds"].Size() == static_cast<unsigned>(kCount - active));
  BOOST_TEST(ids["nameFragments"].Size() >= 10u);
  BOOST_TEST(ids["emailWords"].Size() >= 5u);
}

BOOST_AUTO_TEST_CASE(a_seeded_customer_reads_back_decrypted) {
  const auto& customers = seeded()["customers"];
  for (rapidjson::SizeType i = 0; i < 10; ++i) {
    const auto& sample = customers[i * (customers.Size() / 10)];
    const std::string id = sample["id"].GetString();
    const auto response = get("/v1/customers/" + id);
    BOOST_TEST_REQUIRE(response.status == 200, response.body);
    const auto json = response.json();
    const auto& data = json["data"];
    BOOST_TEST(std::string(data["id"].GetString()) == id);
    BOOST_TEST(std::string(data["email"].GetString()) == sample["email"].GetString());
    BOOST_TEST(std::string(data["phone"].GetString()) == sample["phone"].GetString());
    BOOST_TEST(std::string(data["name"].GetString()) == sample["name"].GetString());
    BOOST_TEST(data["isActive"].IsTrue());
    // Every sealed field opened: none is reported unreadable.
    BOOST_TEST(response.body.find("unreadable") == std::string::npos, response.body);
  }
}

BOOST_AUTO_TEST_CASE(lookup_finds_seeded_customers_by_email_and_phone) {
  const auto& customers = seeded()["customers"];
  for (rapidjson::SizeType i = 0; i < 10; ++i) {
    const auto& sample = customers[i * 7];
    const std::string id = sample["id"].GetString();
    const auto by_email =
        get("/v1/customers/lookup?email=" + url_encoded(sample["email"].GetString()));
    BOOST_TEST_REQUIRE(by_email.status == 200, by_email.body);
    BOOST_TEST(data_string(by_email, "id") == id);
    const auto by_phone =
        get("/v1/customers/lookup?phone=" + url_encoded(sample["phone"].GetString()));
    BOOST_TEST_REQUIRE(by_phone.status == 200, by_phone.body);
    BOOST_TEST(data_string(by_phone, "id") == id);
  }
}

BOOST_AUTO_TEST_CASE(search_finds_rows_by_name_fragment_and_email_word) {
  const auto& ids = seeded();
  for (const auto& fragment : ids["nameFragments"].GetArray()) {
    const std::string text = fragment.GetString();
    const auto response = get("/v1/customers/search?q=" + url_encoded(text));
    BOOST_TEST_REQUIRE(response.status == 200, response.body);
    BOOST_TEST(response.json()["meta"]["count"].GetInt() >= 1, text);
  }
  const std::string word = ids["emailWords"][0].GetString();
  const auto response = get("/v1/customers/search?q=" + url_encoded(word) + "&limit=100");
  BOOST_TEST_REQUIRE(response.status == 200, response.body);
  BOOST_TEST(response.json()["meta"]["count"].GetInt() >= 10, word);
}

BOOST_AUTO_TEST_CASE(the_listing_counts_the_active_ones) {
  const auto& ids = seeded();
  const int active = ids["active"].GetInt();
  const auto listed = get("/v1/customers?limit=1");
  BOOST_TEST_REQUIRE(listed.status == 200, listed.body);
  BOOST_TEST(listed.json()["meta"]["total"].GetInt() == active);
  const auto inactive = get("/v1/customers?status=inactive&limit=1");
  BOOST_TEST(inactive.json()["meta"]["total"].GetInt() == kCount - active);
  const std::string gone = ids["inactiveIds"][0].GetString();
  const auto response = get("/v1/customers/" + gone);
  BOOST_TEST_REQUIRE(response.status == 200, response.body);
  BOOST_TEST(response.json()["data"]["isActive"].IsFalse());
}

BOOST_AUTO_TEST_CASE(no_plaintext_personal_data_reaches_the_table) {
  const auto& customers = seeded()["customers"];
  const std::string table = stack().postgres().psql("SELECT c::text FROM customers c");
  BOOST_TEST_REQUIRE(table.size() > static_cast<std::size_t>(kCount) * 500);
  for (rapidjson::SizeType i = 0; i < customers.Size(); i += 5) {
    const std::string email = customers[i]["email"].GetString();
    const std::string phone = customers[i]["phone"].GetString();
    BOOST_TEST_REQUIRE(table.find(email) == std::string::npos, email);
    BOOST_TEST_REQUIRE(table.find(hex_of(email)) == std::string::npos, email);
    BOOST_TEST_REQUIRE(table.find(phone) == std::string::npos, phone);
  }
}

BOOST_AUTO_TEST_CASE(a_second_load_of_the_same_data_is_refused_whole) {
  const int active = seeded()["active"].GetInt();
  const std::string path = stack().dir() + "/seed-again.json";
  const auto again = stack().cli({"seed", "--business", stack().business_id(), "--count", "20",
                                  "--seed", "7", "--ids-out", path});
  BOOST_TEST(again.exit_code == 1, again.output);
  BOOST_TEST(again.output.find("taken") != std::string::npos, again.output);
  BOOST_TEST(access(path.c_str(), F_OK) != 0);  // no ids file for a failed load
  BOOST_TEST(get("/v1/customers?limit=1").json()["meta"]["total"].GetInt() == active);
}

BOOST_AUTO_TEST_CASE(bad_arguments_are_usage_errors) {
  const std::string business = stack().other_business_id();
  BOOST_TEST(stack().cli({"seed", "--business", business, "--count", "0"}).exit_code == 2);
  BOOST_TEST(stack().cli({"seed", "--business", "nope", "--count", "5"}).exit_code == 2);
  BOOST_TEST(stack().cli({"seed", "--count", "5"}).exit_code == 2);
  BOOST_TEST(stack()
                 .cli({"seed", "--business", business, "--count", "5", "--ids-out",
                       "/nonexistent/dir/ids.json"})
                 .exit_code == 2);
  const auto unknown =
      stack().cli({"seed", "--business", "0123456789abcdef01234567", "--count", "5"});
  BOOST_TEST(unknown.exit_code == 1, unknown.output);
  const auto other = stack().client().get("/v1/customers?limit=1", bearer(stack().other_key()));
  BOOST_TEST(other.json()["meta"]["total"].GetInt() == 0);
}
