// Listing, search and lookup on a business of known customers: filters, sorts with id
// tie-breaks, page and cursor paging, totals, search ranking, lookup in any notation.
#define BOOST_TEST_MODULE customer_listing
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "api_helpers.hpp"
#include "crypto/random.hpp"
#include "shared_stack.hpp"

using namespace capi::test;

namespace {

struct Seeded : SharedStack {
  Seeded() {
    auto http = stack().client();
    const auto key = stack().key();
    // 30 customers named "Member 00".."Member 29", every third a business, segments by
    // parity, tag "gold" on multiples of five; and a few with distinctive names.
    for (int i = 0; i < 30; ++i) {
      char name[32];
      std::snprintf(name, sizeof name, "Member %02d", i);
      const std::string body =
          std::string(R"({"name":")") + name + R"(","email":"member)" + std::to_string(i) +
          R"(@members.example.com","type":")" + (i % 3 == 0 ? "business" : "individual") +
          R"(","segment":")" + (i % 2 == 0 ? "even" : "odd") + R"(","tags":[)" +
          (i % 5 == 0 ? R"("gold")" : "") + R"(],"country":")" + (i < 10 ? "KE" : "UG") + "\"}";
      const auto response = http.request("POST", "/v1/customers", json_headers(key), body);
      BOOST_TEST_REQUIRE(response.status == 201, response.body);
    }
    for (const std::string body :
         {R"({"name":"Acme Holdings","email":"finance@acme.com","companyName":"Acme"})",
          R"({"name":"Zed Acmeson","email":"zed@other.org"})",
          R"({"name":"Phone Only","phone":"+254 700 123 456"})",
          R"({"name":"Beta Works","email":"hello@beta.io","companyName":"Contains ACME Inc"})"}) {
      const auto response = http.request("POST", "/v1/customers", json_headers(key), body);
      BOOST_TEST_REQUIRE(response.status == 201, response.body);
    }
  }
};

std::vector<std::string> names(const HttpResponse& response) {
  std::vector<std::string> out;
  const auto json = response.json();
  for (const auto& row : json["data"].GetArray()) out.emplace_back(row["name"].GetString());
  return out;
}

HttpResponse get(const std::string& path) {
  return stack().client().get(path, bearer(stack().key()));
}

}  // namespace

BOOST_TEST_GLOBAL_FIXTURE(Seeded);

BOOST_AUTO_TEST_CASE(default_listing_is_by_name_with_meta) {
  const auto response = get("/v1/customers?limit=5");
  BOOST_TEST_REQUIRE(response.status == 200, response.body);
  const auto listed = names(response);
  BOOST_TEST(listed.size() == 5u);
  BOOST_TEST(listed[0] == "Acme Holdings");
  BOOST_TEST(listed[1] == "Beta Works");
  BOOST_TEST(listed[2] == "Member 00");
  const auto json = response.json();
  const auto& meta = json["meta"];
  BOOST_TEST(meta["total"].GetInt() == 34);
  BOOST_TEST(meta["totalExact"].IsTrue());
  BOOST_TEST(meta["page"].GetInt() == 1);
  BOOST_TEST(meta["limit"].GetInt() == 5);
  BOOST_TEST(meta["totalPages"].GetInt() == 7);
  BOOST_TEST(meta["hasMore"].IsTrue());
  BOOST_TEST(meta["nextCursor"].IsString());
}

BOOST_AUTO_TEST_CASE(pages_and_cursor_walk_the_same_order_without_gaps) {
  std::vector<std::string> by_page;
  for (int page = 1; page <= 4; ++page) {
    const auto listed = names(get("/v1/customers?limit=10&page=" + std::to_string(page)));
    by_page.insert(by_page.end(), listed.begin(), listed.end());
  }
  std::vector<std::string> by_cursor;
  std::string path = "/v1/customers?limit=7";
  for (int guard = 0; guard < 10; ++guard) {
    const auto response = get(path);
    BOOST_TEST_REQUIRE(response.status == 200, response.body);
    const auto listed = names(response);
    by_cursor.insert(by_cursor.end(), listed.begin(), listed.end());
    const auto json = response.json();
    if (!json["meta"]["hasMore"].GetBool()) break;
    path = std::string("/v1/customers?limit=7&cursor=") + json["meta"]["nextCursor"].GetString();
  }
  BOOST_TEST(by_page.size() == 34u);
  BOOST_TEST(by_cursor == by_page);
}

BOOST_AUTO_TEST_CASE(descending_sorts_and_cursor_keep_their_sort) {
  const auto first = get("/v1/customers?sort=-name&limit=3");
  BOOST_TEST(names(first)[0] == "Zed Acmeson");
  const std::string cursor = first.json()["meta"]["nextCursor"].GetString();
  const auto next = get("/v1/customers?cursor=" + cursor + "&limit=3");
  BOOST_TEST(names(next)[0] == "Member 28");  // after Zed Acmeson, Phone Only, Member 29
  BOOST_TEST(get("/v1/customers?cursor=" + cursor + "&sort=name").status == 400);
  BOOST_TEST(get("/v1/customers?cursor=garbage!").status == 400);
  BOOST_TEST(get("/v1/customers?cursor=QUJD").status == 400);  // base64url of "ABC"
  // Changed anywhere, or cut short: it does not open.
  for (const std::size_t at : {std::size_t{0}, cursor.size() / 2, cursor.size() - 2}) {
    std::string changed = cursor;
    changed[at] = changed[at] == 'A' ? 'B' : 'A';
    BOOST_TEST(get("/v1/customers?cursor=" + changed).status == 400, changed);
  }
  BOOST_TEST(get("/v1/customers?cursor=" + cursor.substr(0, cursor.size() - 4)).status == 400);
  // Another business cannot use it.
  const auto foreign =
      stack().client().get("/v1/customers?cursor=" + cursor, bearer(stack().other_key()));
  BOOST_TEST(foreign.status == 400, foreign.body);
  // Nothing of the last row's name shows through.
  const auto raw = capi::crypto::base64url_decode(cursor);
  BOOST_TEST_REQUIRE(raw.has_value());
  BOOST_TEST(raw->find("ember") == std::string::npos);

  const auto newest = get("/v1/customers?sort=-createdAt&limit=1");
  BOOST_TEST(names(newest)[0] == "Beta Works");
  std::vector<std::string> created;
  std::string path = "/v1/customers?sort=createdAt&limit=9";
  for (int guard = 0; guard < 10; ++guard) {
    const auto response = get(path);
    const auto listed = names(response);
    created.insert(created.end(), listed.begin(), listed.end());
    const auto json = response.json();
    if (!json["meta"]["hasMore"].GetBool()) break;
    path = std::string("/v1/customers?limit=9&cursor=") + json["meta"]["nextCursor"].GetString();
  }
  BOOST_TEST(created.size() == 34u);
  BOOST_TEST(created.front() == "Member 00");
  BOOST_TEST(created.back() == "Beta Works");
}

BOOST_AUTO_TEST_CASE(filters_combine) {
  BOOST_TEST(get("/v1/customers?type=business").json()["meta"]["total"].GetInt() == 10);
  BOOST_TEST(get("/v1/customers?segment=EVEN").json()["meta"]["total"].GetInt() == 15);
  BOOST_TEST(get("/v1/customers?tag=gold").json()["meta"]["total"].GetInt() == 6);
  BOOST_TEST(get("/v1/customers?country=Kenya").json()["meta"]["total"].GetInt() == 10);
  BOOST_TEST(get("/v1/customers?country=UGA&segment=odd").json()["meta"]["total"].GetInt() == 10);
  BOOST_TEST(get("/v1/customers?createdFrom=2000-01-01&createdTo=2999-01-01")
                 .json()["meta"]["total"]
                 .GetInt() == 34);
  BOOST_TEST(get("/v1/customers?endDate=2000-01-01").json()["meta"]["total"].GetInt() == 0);
  BOOST_TEST(get("/v1/customers?isActive=false").json()["meta"]["total"].GetInt() == 0);
  BOOST_TEST(get("/v1/customers?status=all").json()["meta"]["total"].GetInt() == 34);
}

BOOST_AUTO_TEST_CASE(bad_listing_parameters_are_422) {
  for (const std::string query :
       {"limit=0", "limit=101", "limit=x", "page=0", "sort=email", "status=gone", "type=robot",
        "country=Atlantis", "createdFrom=yesterday"}) {
    const auto response = get("/v1/customers?" + query);
    BOOST_TEST(response.status == 422, query << ": " << response.body);
    BOOST_TEST(error_code_of(response) == "validation_error");
  }
}

BOOST_AUTO_TEST_CASE(search_matches_and_ranks) {
  // Substring of name or company name, case-insensitive.
  const auto acme = get("/v1/customers/search?q=ACME");
  BOOST_TEST_REQUIRE(acme.status == 200, acme.body);
  const auto found = names(acme);
  BOOST_TEST_REQUIRE(found.size() == 3u, acme.body);
  BOOST_TEST(acme.json()["meta"]["count"].GetInt() == 3);
  // Name prefix first, then the rest by name.
  BOOST_TEST(found[0] == "Acme Holdings");
  BOOST_TEST(found[1] == "Beta Works");
  BOOST_TEST(found[2] == "Zed Acmeson");
  // Exact email first, whatever the name.
  const auto email = get("/v1/customers/search?q=zed@other.org");
  BOOST_TEST(names(email).at(0) == "Zed Acmeson");
  // A whole word of an email.
  const auto word = names(get("/v1/customers/search?q=members&limit=100"));
  BOOST_TEST(word.size() == 30u);
  // Exact phone in another notation.
  BOOST_TEST(names(get("/v1/customers/search?q=0700123456")).at(0) == "Phone Only");
  BOOST_TEST(names(get("/v1/customers/search?q=member%201&limit=3")).size() == 3u);
  BOOST_TEST(get("/v1/customers/search").status == 422);
  BOOST_TEST(get("/v1/customers/search?q=x&limit=500").status == 422);
  // The listing's q matches the same way.
  BOOST_TEST(get("/v1/customers?q=acme").json()["meta"]["total"].GetInt() == 3);
}

BOOST_AUTO_TEST_CASE(search_and_lookup_take_their_parameters_in_a_body_too) {
  auto http = stack().client();
  // A read-only key may: they change nothing.
  const auto headers = json_headers(stack().read_only_key());
  const auto found = http.request("POST", "/v1/customers/search", headers, R"({"q":"ACME"})");
  BOOST_TEST_REQUIRE(found.status == 200, found.body);
  BOOST_TEST(names(found).size() == 3u);
  const auto limited =
      http.request("POST", "/v1/customers/search", headers, R"({"q":"members","limit":2})");
  BOOST_TEST(names(limited).size() == 2u);
  const auto by_email =
      http.request("POST", "/v1/customers/lookup", headers, R"({"email":"FINANCE@acme.com"})");
  BOOST_TEST(data_string(by_email, "name") == "Acme Holdings");
  const auto by_mobile =
      http.request("POST", "/v1/customers/lookup", headers, R"({"mobile":"0700123456"})");
  BOOST_TEST(data_string(by_mobile, "name") == "Phone Only");
  BOOST_TEST(
      http.request("POST", "/v1/customers/lookup", headers, R"({"email":"no@acme.com"})").status ==
      404);
  // The body's rules: an object, JSON, the right types.
  for (const std::string bad : {R"({})", R"({"q":" "})", R"({"q":5})", R"({"q":"a","limit":"x"})",
                                R"({"q":"a","limit":1.5})", R"({"q":"a","limit":500})"}) {
    const auto response = http.request("POST", "/v1/customers/search", headers, bad);
    BOOST_TEST(response.status == 422, bad << ": " << response.body);
  }
  BOOST_TEST(http.request("POST", "/v1/customers/lookup", headers, R"({"phone":true})").status ==
             422);
  BOOST_TEST(http.request("POST", "/v1/customers/search", headers, "[]").status == 400);
  // The search text is bounded before any work (at most 254 characters), in every form.
  const std::string longest(254, 'a');
  const std::string too_long(255, 'a');
  BOOST_TEST(http.request("POST", "/v1/customers/search", headers, R"({"q":")" + longest + R"("})")
                 .status == 200);
  const auto long_body =
      http.request("POST", "/v1/customers/search", headers, R"({"q":")" + too_long + R"("})");
  BOOST_TEST(long_body.status == 422, long_body.body);
  BOOST_TEST(error_detail(long_body, "q") == "must be at most 254 characters");
  BOOST_TEST(get("/v1/customers/search?q=" + too_long).status == 422);
  BOOST_TEST(get("/v1/customers?q=" + too_long).status == 422);
  BOOST_TEST(get("/v1/customers?q=" + longest).status == 200);
  BOOST_TEST(
      http.request("POST", "/v1/customers/search",
                   {{"Authorization", "Bearer " + stack().key()}, {"Content-Type", "text/plain"}},
                   R"({"q":"acme"})")
          .status == 415);
  // Another business finds nothing of these.
  const auto foreign =
      http.request("POST", "/v1/customers/lookup", json_headers(stack().other_key()),
                   R"({"email":"finance@acme.com"})");
  BOOST_TEST(foreign.status == 404);
}

BOOST_AUTO_TEST_CASE(lookup_by_email_or_phone) {
  BOOST_TEST(data_string(get("/v1/customers/lookup?email=FINANCE@acme.com"), "name") ==
             "Acme Holdings");
  BOOST_TEST(data_string(get("/v1/customers/lookup?phone=0700%20123%20456"), "name") ==
             "Phone Only");
  BOOST_TEST(data_string(get("/v1/customers/lookup?mobile=%2B254700123456"), "name") ==
             "Phone Only");
  BOOST_TEST(get("/v1/customers/lookup?email=nobody@acme.com").status == 404);
  BOOST_TEST(get("/v1/customers/lookup").status == 422);
  BOOST_TEST(get("/v1/customers/lookup?email=not-an-email").status == 422);
  // Another business cannot find them.
  BOOST_TEST(stack()
                 .client()
                 .get("/v1/customers/lookup?email=finance@acme.com", bearer(stack().other_key()))
                 .status == 404);
}

BOOST_AUTO_TEST_CASE(totals_above_ten_thousand_are_estimates) {
  // A business of its own with 12,000 customers written straight into the table (PII-free
  // rows are enough for counting), then listed through the API.
  const std::string business = stack().cli_line(
      {"business", "create", "--name", "Big", "--currency", "KES", "--country", "KE"});
  const std::string key = stack().cli_line({"key", "create", "--business", business});
  stack().postgres().psql(
      "INSERT INTO customers (id, business_id, name, currency, customer_since) "
      "SELECT substr(md5('" +
      business + "' || i), 1, 24), '" + business +
      "', 'Bulk ' || i, 'KES', now() FROM generate_series(1, 12000) AS i; ANALYZE customers");
  HttpClient http(stack().base_url());
  const auto listed = http.get("/v1/customers?limit=100", bearer(key));
  BOOST_TEST_REQUIRE(listed.status == 200, listed.body);
  const auto document = listed.json();  // owns what `meta` refers to
  const auto& meta = document["meta"];
  BOOST_TEST(meta["totalExact"].IsFalse());
  const auto total = meta["total"].GetInt64();
  BOOST_TEST(total > 10001);  // the estimate, not the cap
  BOOST_TEST(total > 11000);
  BOOST_TEST(total < 13000);
  BOOST_TEST(meta["totalPages"].GetInt64() == (total + 99) / 100);
  // Page paging reaches the 10,000th match and no further; the cursor goes on.
  const auto last_page = http.get("/v1/customers?limit=100&page=100", bearer(key));
  BOOST_TEST(last_page.status == 200, last_page.body);
  const auto too_deep = http.get("/v1/customers?limit=100&page=101", bearer(key));
  BOOST_TEST(too_deep.status == 422, too_deep.body);
  BOOST_TEST(error_detail(too_deep, "page").find("cursor") != std::string::npos);
  BOOST_TEST(http.get("/v1/customers?limit=1&page=10001", bearer(key)).status == 422);
  BOOST_TEST(http.get("/v1/customers?limit=1&page=10000", bearer(key)).status == 200);
  const auto last_document = last_page.json();  // owns what the cursor refers to
  const auto& next = last_document["meta"]["nextCursor"];
  BOOST_TEST_REQUIRE(next.IsString());
  const auto beyond =
      http.get("/v1/customers?limit=100&cursor=" + std::string(next.GetString()), bearer(key));
  BOOST_TEST(beyond.status == 200, beyond.body);
  BOOST_TEST(beyond.json()["data"].Size() == 100u);
  // Below the cap a filtered total is exact again.
  const auto few = http.get("/v1/customers?q=bulk%201199", bearer(key));
  BOOST_TEST_REQUIRE(few.status == 200, few.body);
  BOOST_TEST(few.json()["meta"]["totalExact"].IsTrue());
  BOOST_TEST(few.json()["meta"]["total"].GetInt() == 11);  // 1199, 11990..11999
}

BOOST_AUTO_TEST_CASE(search_of_a_large_business_is_exact_every_way) {
  // 25,000 customers "Bulk 00000".."Bulk 24999": more names than search's bounded walk reads
  // (20,000); four "... Rarefrag" customers, one early in the name order and three late; and
  // 10,000 "Zz Latefrag 00000".. : many matches, all of them beyond the walk.
  const std::string business = stack().cli_line(
      {"business", "create", "--name", "Large", "--currency", "KES", "--country", "KE"});
  const std::string key = stack().cli_line({"key", "create", "--business", business});
  const auto insert = [&](const std::string& tag, const std::string& names) {
    return "INSERT INTO customers (id, business_id, name, currency, customer_since) "
           "SELECT substr(md5('" +
           business + tag + "' || n), 1, 24), '" + business + "', n, 'KES', now() FROM " + names +
           " AS t(n);";
  };
  stack().postgres().psql(
      insert("bulk", "(SELECT 'Bulk ' || lpad(i::text, 5, '0') FROM generate_series(0, 24999) i)") +
      insert("rare",
             "unnest(ARRAY['Aaron Rarefrag', 'Zora Rarefrag', 'Zuri Rarefrag', "
             "'Zygmunt Rarefrag'])") +
      insert("late",
             "(SELECT 'Zz Latefrag ' || lpad(i::text, 5, '0') FROM generate_series(0, 9999) i)") +
      " ANALYZE customers, customer_search");
  HttpClient http(stack().base_url());
  const auto search = [&](const std::string& q, int limit) {
    const auto response =
        http.get("/v1/customers/search?q=" + q + "&limit=" + std::to_string(limit), bearer(key));
    BOOST_TEST_REQUIRE(response.status == 200, response.body);
    return names(response);
  };
  const auto numbered = [](const std::string& prefix, int from, int to) {
    std::vector<std::string> out;
    char number[16];
    for (int i = from; i < to; ++i) {
      std::snprintf(number, sizeof number, "%05d", i);
      out.push_back(prefix + number);
    }
    return out;
  };
  // Few matches, most of them beyond the walk: all of them, by name (gathered).
  const std::vector<std::string> rare = {"Aaron Rarefrag", "Zora Rarefrag", "Zuri Rarefrag",
                                         "Zygmunt Rarefrag"};
  BOOST_TEST(search("arefrag", 50) == rare, boost::test_tools::per_element());
  // Many matches (an infix of every "Bulk 1xxxx"): the first ones by name (walked).
  BOOST_TEST(search("ulk%201", 100) == numbered("Bulk ", 10000, 10100),
             boost::test_tools::per_element());
  // Many matches, all beyond the walk (walked in vain, then gathered).
  BOOST_TEST(search("atefrag", 50) == numbered("Zz Latefrag ", 0, 50),
             boost::test_tools::per_element());
  // Asked again: the same page, whether the worker that answers remembers the short walk and
  // gathers at once, or walks first (that choice shows only in its cost, not tested here).
  BOOST_TEST(search("atefrag", 50) == numbered("Zz Latefrag ", 0, 50),
             boost::test_tools::per_element());
  // Few matches, late in the name order ("Bulk 24990".."Bulk 24999").
  BOOST_TEST(search("ulk%202499", 50) == numbered("Bulk ", 24990, 25000),
             boost::test_tools::per_element());
  // The prefix group comes first, then the infix matches by name.
  const auto mixed = search("zora", 50);
  BOOST_TEST_REQUIRE(mixed.size() == 1u);
  BOOST_TEST(mixed[0] == "Zora Rarefrag");
  // Infix matches and email-word matches are one group, in name order.
  for (const std::string body : {R"({"name":"Aa Qqwordsmith","phone":"+254700111001"})",
                                 R"({"name":"Mid Person","email":"sales@qqword.example"})",
                                 R"({"name":"Zz Qqwordy","phone":"+254700111002"})"}) {
    const auto created = http.request("POST", "/v1/customers", json_headers(key), body);
    BOOST_TEST_REQUIRE(created.status == 201, created.body);
  }
  const std::vector<std::string> interleaved = {"Aa Qqwordsmith", "Mid Person", "Zz Qqwordy"};
  BOOST_TEST(search("qqword", 50) == interleaved, boost::test_tools::per_element());
  BOOST_TEST(
      search("qqword", 2) == std::vector<std::string>(interleaved.begin(), interleaved.begin() + 2),
      boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_workers_fold_the_gin_pending_lists) {
  // Every scan of a GIN index reads its whole pending list: the workers fold the lists every
  // 2 seconds after answering (sql/014, through a function that runs as the indexes' owner).
  // Rows written here by psql fill the lists while no request runs, so nothing folds them
  // until the request below.
  const auto pending_pages = [] {
    return std::stol(stack().postgres().psql(
        "SELECT coalesce(sum((probe.pgstatginindex(i.indexrelid)).pending_pages), 0)"
        " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
        " JOIN pg_am a ON a.oid = c.relam WHERE a.amname = 'gin'"));
  };
  stack().postgres().psql(
      "CREATE SCHEMA IF NOT EXISTS probe; CREATE EXTENSION IF NOT EXISTS pgstattuple SCHEMA probe;"
      " INSERT INTO customer_search (customer_id, business_id, sort_name, company_lower)"
      " SELECT 'pending-probe-' || i, 'pending-probe', 'probe name ' || i, 'probe co ' || i"
      " FROM generate_series(1, 200) i");
  BOOST_TEST_REQUIRE(pending_pages() > 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));  // every worker's fold is due
  BOOST_TEST_REQUIRE(get("/v1/customers?limit=1").status == 200);
  long left = pending_pages();
  for (int i = 0; i < 50 && left > 0; ++i) {  // the fold runs after the answer is sent
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    left = pending_pages();
  }
  BOOST_TEST(left == 0);
  stack().postgres().psql("DELETE FROM customer_search WHERE business_id = 'pending-probe'");
}
