// The Insights section through nginx (API.md "Insights" and the customers' "Stats"): every
// figure checked against fixtures computed by hand, each in a business of its own so that
// no other test's data counts; segment and risk rules at their thresholds; credit checks,
// each factor moved alone; another business's customers.
#define BOOST_TEST_MODULE insights
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "api_helpers.hpp"
#include "domain/time.hpp"
#include "rollups.hpp"
#include "shared_stack.hpp"
#include "stats_figures.hpp"

using namespace capi::test;

using capi::test::SharedStack;
BOOST_TEST_GLOBAL_FIXTURE(SharedStack);

namespace {

constexpr std::int64_t kDay = 86'400'000;

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string at(std::int64_t ms) {
  return capi::domain::format_rfc3339_ms(ms);
}

// "2024-01" of an instant, by the standard library's calendar (not the one under test).
std::string month_of(std::int64_t ms) {
  using namespace std::chrono;
  const year_month_day date{floor<days>(sys_time<milliseconds>(milliseconds(ms)))};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()));
  return text;
}

// The months from the one of `end_ms` back to the one of `start_ms`.
std::vector<std::string> months_back(std::int64_t start_ms, std::int64_t end_ms) {
  using namespace std::chrono;
  const year_month_day first{floor<days>(sys_time<milliseconds>(milliseconds(start_ms)))};
  const year_month_day last{floor<days>(sys_time<milliseconds>(milliseconds(end_ms)))};
  std::vector<std::string> months;
  for (year_month month{last.year(), last.month()};
       month >= year_month{first.year(), first.month()}; month -= std::chrono::months{1}) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u", static_cast<int>(month.year()),
                  static_cast<unsigned>(month.month()));
    months.emplace_back(text);
  }
  return months;
}

// A business of its own (KES, Kenya) and a read-write key to it.
struct Tenant {
  std::string id;
  std::string key;
};

Tenant new_tenant() {
  static std::atomic<int> counter{0};
  Tenant tenant;
  tenant.id =
      stack().cli_line({"business", "create", "--name", "Insight " + std::to_string(counter++),
                        "--currency", "KES", "--country", "KE"});
  tenant.key = stack().cli_line({"key", "create", "--business", tenant.id});
  return tenant;
}

HttpResponse send(const Tenant& tenant, const std::string& method, const std::string& path,
                  const std::string& body = "") {
  return stack().client().request(method, path, json_headers(tenant.key), body);
}

HttpResponse get(const Tenant& tenant, const std::string& path) {
  return stack().client().get(path, bearer(tenant.key));
}

rapidjson::Document data_of(const HttpResponse& response) {
  rapidjson::Document json = response.json();
  rapidjson::Document data;
  data.CopyFrom(json["data"], data.GetAllocator());
  return data;
}

std::string new_customer(const Tenant& tenant, const std::string& more = "") {
  static std::atomic<int> counter{0};
  const std::string n = std::to_string(counter++);
  const auto response = send(tenant, "POST", "/v1/customers",
                             R"({"name":"Insight Customer )" + n + R"(","email":"insight)" + n +
                                 "." + std::to_string(getpid()) + "@example.com\"" +
                                 (more.empty() ? "" : "," + more) + "}");
  BOOST_TEST_REQUIRE(response.status == 201, response.body);
  return data_string(response, "id");
}

// An order of `items` (a JSON array text) dated `date_ms`, due `due_ms` (default: 30 days on).
std::string new_order(const Tenant& tenant, const std::string& customer, const std::string& items,
                      std::int64_t date_ms, std::optional<std::int64_t> due_ms = std::nullopt) {
  const auto response =
      send(tenant, "POST", "/v1/orders",
           R"({"customerId":")" + customer + R"(","items":)" + items + R"(,"orderDate":")" +
               at(date_ms) + R"(","dueDate":")" + at(due_ms.value_or(date_ms + 30 * kDay)) + "\"}");
  BOOST_TEST_REQUIRE(response.status == 201, response.body);
  return data_string(response, "id");
}

std::string line(const std::string& product, int quantity, const std::string& price) {
  return R"({"productId":")" + product + R"(","productName":"Product )" + product +
         R"(","quantity":)" + std::to_string(quantity) + R"(,"unitPrice":)" + price + "}";
}

std::string one_line(const std::string& price) {
  return "[" + line("p", 1, price) + "]";
}

void pay(const Tenant& tenant, const std::string& order, const std::string& amount,
         std::int64_t paid_ms) {
  const auto response = send(tenant, "POST", "/v1/orders/" + order + "/payments",
                             R"({"amount":)" + amount + R"(,"paidAt":")" + at(paid_ms) + "\"}");
  BOOST_TEST_REQUIRE(response.status == 201, response.body);
}

void move(const Tenant& tenant, const std::string& order, const std::string& status) {
  const auto response =
      send(tenant, "PATCH", "/v1/orders/" + order, R"({"status":")" + status + "\"}");
  BOOST_TEST_REQUIRE(response.status == 200, response.body);
}

std::int64_t minor(const rapidjson::Value& object, const char* name) {
  BOOST_TEST_REQUIRE(object.HasMember(name), name);
  return object[name].GetInt64();
}

std::string text(const rapidjson::Value& object, const char* name) {
  BOOST_TEST_REQUIRE(object.HasMember(name), name);
  return object[name].IsString() ? object[name].GetString() : "<not a string>";
}

std::string psql(const std::string& query) {
  std::string out = stack().postgres().psql(query);
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(stats)

// March 2025 of a business: what counts, what does not, and the edges of the period.
struct StatsFixture {
  Tenant tenant = new_tenant();
  std::string premium_one, premium_business, plain, dollars, gone;

  StatsFixture() {
    premium_one = new_customer(tenant, R"("segment":"premium")");
    premium_business = new_customer(
        tenant, R"("type":"business","companyName":"Big Buyer Ltd","segment":"premium")");
    plain = new_customer(tenant);
    dollars = new_customer(tenant, R"("currency":"USD","segment":"wholesale")");
    gone = new_customer(tenant, R"("segment":"premium")");
    const auto march = [](int day, const char* time = "10:00:00") {
      const std::string date =
          std::string("2025-03-") + (day < 10 ? "0" : "") + std::to_string(day) + "T" + time + "Z";
      return *capi::domain::parse_rfc3339(date);
    };
    new_order(tenant, premium_one, one_line("100.00"), march(5, "00:00:00"));
    new_order(tenant, premium_one, one_line("50.50"), march(20, "00:00:00"));
    move(tenant, new_order(tenant, premium_one, one_line("30.00"), march(10)), "cancelled");
    new_order(tenant, premium_business, one_line("200.00"), march(31, "23:59:59"));
    new_order(tenant, premium_business, one_line("70.00"),
              *capi::domain::parse_rfc3339("2025-04-01T00:00:00Z"));
    new_order(tenant, premium_business, one_line("10.00"),
              *capi::domain::parse_rfc3339("2025-02-28T23:59:59Z"));
    const std::string refunded = new_order(tenant, premium_business, one_line("40.00"), march(15));
    pay(tenant, refunded, "40.00", march(16));
    move(tenant, refunded, "refunded");
    new_order(tenant, dollars, one_line("25.00"), march(12));
    new_order(tenant, dollars, one_line("12.34"), march(13));
    new_order(tenant, gone, one_line("5.00"), march(14));
    BOOST_TEST_REQUIRE(send(tenant, "DELETE", "/v1/customers/" + gone).status == 200);
  }
};

BOOST_FIXTURE_TEST_CASE(every_figure_of_an_explicit_month_by_dates, StatsFixture) {
  const auto response = get(tenant, "/v1/customers/stats?from=2025-03-01&to=2025-03-31");
  BOOST_TEST_REQUIRE(response.status == 200, response.body);
  const auto data = data_of(response);
  BOOST_TEST(minor(data, "totalCustomers") == 5);
  BOOST_TEST(minor(data, "activeCount") == 4);
  BOOST_TEST(minor(data, "inactiveCount") == 1);
  BOOST_TEST(minor(data, "newCustomers") == 0);  // all made today
  // KES: 100.00 + 50.50 + 200.00 + 5.00 (of the customer deleted since); the cancelled, the
  // refunded and the orders of February and April count for nothing. USD: 2 more orders.
  BOOST_TEST(minor(data, "totalOrders") == 6);
  BOOST_TEST(text(data, "currency") == "KES");
  BOOST_TEST(minor(data, "revenueMinor") == 35550);
  BOOST_TEST(response.body.find("\"revenue\":355.50") != std::string::npos, response.body);
  BOOST_TEST(minor(data, "averageOrderValueMinor") == 8888);  // 35550 / 4 = 8887.5 -> even
  const auto& others = data["revenueByCurrency"];
  BOOST_TEST_REQUIRE(others.Size() == 1u, response.body);
  BOOST_TEST(text(others[0], "currency") == "USD");
  BOOST_TEST(minor(others[0], "orders") == 2);
  BOOST_TEST(minor(others[0], "revenueMinor") == 3734);
  BOOST_TEST(minor(others[0], "averageOrderValueMinor") == 1867);
  // Active customers in KES: 150.50, 280.00 and 0 -> 430.50 / 3 = 143.50.
  BOOST_TEST(minor(data, "averageLifetimeValueMinor") == 14350);
  const auto& segments = data["segmentDistribution"];
  BOOST_TEST(segments.MemberCount() == 3u, response.body);
  BOOST_TEST(minor(segments, "premium") == 2);
  BOOST_TEST(minor(segments, "wholesale") == 1);
  BOOST_TEST(minor(segments, "unsegmented") == 1);
  const auto& types = data["typeDistribution"];
  BOOST_TEST(minor(types, "individual") == 3);
  BOOST_TEST(minor(types, "business") == 1);
  BOOST_TEST(text(data["period"], "start") == "2025-03-01T00:00:00.000Z");
  BOOST_TEST(text(data["period"], "end") == "2025-04-01T00:00:00.000Z");
}

BOOST_FIXTURE_TEST_CASE(rfc3339_bounds_include_both_ends, StatsFixture) {
  const auto response =
      get(tenant, "/v1/customers/stats?from=2025-03-05T00:00:00Z&to=2025-03-20T03:00:00%2B03:00");
  BOOST_TEST_REQUIRE(response.status == 200, response.body);
  const auto data = data_of(response);
  // 100.00 at the first instant, 50.50 at the last (00:00Z is 03:00+03:00), 5.00; 2 USD.
  BOOST_TEST(minor(data, "totalOrders") == 5);
  BOOST_TEST(minor(data, "revenueMinor") == 15550);
  BOOST_TEST(text(data["period"], "start") == "2025-03-05T00:00:00.000Z");
  BOOST_TEST(text(data["period"], "end") == "2025-03-20T00:00:00.001Z");
}

BOOST_FIXTURE_TEST_CASE(the_default_period_is_the_current_utc_month, StatsFixture) {
  // One order now; the customers were all created now (the deleted one too).
  const std::int64_t now = now_ms();
  new_order(tenant, plain, one_line("9.99"), now - 1000);
  const auto response = get(tenant, "/v1/customers/stats");
  BOOST_TEST_REQUIRE(response.status == 200, response.body);
  const auto data = data_of(response);
  BOOST_TEST(minor(data, "newCustomers") == 5);
  BOOST_TEST(minor(data, "totalOrders") == 1);
  BOOST_TEST(minor(data, "revenueMinor") == 999);
  BOOST_TEST(minor(data, "averageOrderValueMinor") == 999);
  BOOST_TEST(data["revenueByCurrency"].Size() == 0u);
  BOOST_TEST(minor(data, "averageLifetimeValueMinor") == 14683);  // 440.49 / 3 -> 146.83
  const std::string month = month_of(now);
  BOOST_TEST(text(data["period"], "start") == month + "-01T00:00:00.000Z");
  BOOST_TEST(month_of(*capi::domain::parse_rfc3339(text(data["period"], "end"))) != month);
  BOOST_TEST(month_of(*capi::domain::parse_rfc3339(text(data["period"], "end")) - 1) == month);
}

// Part of a day is counted from the rows (both indexes by creation time: the active
// customers' and the inactive ones'), not from the figures kept by day.
BOOST_FIXTURE_TEST_CASE(new_customers_of_part_of_a_day_include_the_deleted, StatsFixture) {
  const std::string from = capi::domain::format_rfc3339_ms(now_ms() - 3'600'000);
  const auto response = get(tenant, "/v1/customers/stats?from=" + from);
  BOOST_TEST_REQUIRE(response.status == 200, response.body);
  const auto data = data_of(response);
  BOOST_TEST(minor(data, "newCustomers") == 5);
  BOOST_TEST(minor(data, "totalOrders") == 0);
  // Before the customers were made: none of them is new.
  const std::string until = capi::domain::format_rfc3339_ms(now_ms() - 3'600'000);
  const auto before =
      data_of(get(tenant, "/v1/customers/stats?from=2025-03-05T10:00:00Z&to=" + until));
  BOOST_TEST(minor(before, "newCustomers") == 0);
  // From 5 March 10:00: not the 100.00 of 00:00 that day; 50.50, 200.00, 5.00, April's 70.00
  // and the 2 USD orders.
  BOOST_TEST(minor(before, "totalOrders") == 6);
  BOOST_TEST(minor(before, "revenueMinor") == 32550);
}

// The figures are kept as a log of changes that the workers fold now and then: the answer is
// the same before and after, and the figures equal a count afresh.
BOOST_FIXTURE_TEST_CASE(folding_the_kept_figures_changes_no_answer, StatsFixture) {
  const std::vector<std::string> queries = {"", "?from=2025-03-01&to=2025-03-31",
                                            "?from=2025-03-05T00:00:00Z&to=2025-03-20T03:00:00Z"};
  std::vector<std::string> before;
  for (const auto& query : queries)
    before.push_back(get(tenant, "/v1/customers/stats" + query).body);
  BOOST_TEST(psql(kStatsFiguresDrift) == "0");
  psql("SELECT compact_business_figures(1000000)");
  BOOST_TEST(psql("SELECT count(*) FROM business_customer_figure_changes WHERE business_id = '" +
                  tenant.id + "'") == "0");
  for (std::size_t i = 0; i < queries.size(); ++i) {
    BOOST_TEST(get(tenant, "/v1/customers/stats" + queries[i]).body == before[i], queries[i]);
  }
  BOOST_TEST(psql(kStatsFiguresDrift) == "0");

  // Customers that change segment and type, come back, or are erased move their figures.
  BOOST_TEST_REQUIRE(send(tenant, "PATCH", "/v1/customers/" + plain,
                          R"({"segment":"vip","type":"business",)"
                          R"("companyName":"Plain Co"})")
                         .status == 200);
  BOOST_TEST_REQUIRE(send(tenant, "POST", "/v1/customers/" + gone + "/restore").status == 200);
  BOOST_TEST_REQUIRE(
      send(tenant, "DELETE", "/v1/customers/" + premium_one + "?erase=true").status == 200);
  const auto after = data_of(get(tenant, "/v1/customers/stats"));
  BOOST_TEST(minor(after, "activeCount") == 4);  // gone is back, premium_one erased
  BOOST_TEST(minor(after["segmentDistribution"], "vip") == 1);
  BOOST_TEST(minor(after["segmentDistribution"], "premium") == 2);
  BOOST_TEST(minor(after["typeDistribution"], "business") == 2);
  // Active in KES: premium_business 280.00, plain 0, gone 5.00 -> 285.00 / 3 = 95.00.
  BOOST_TEST(minor(after, "averageLifetimeValueMinor") == 9500);
  BOOST_TEST(psql(kStatsFiguresDrift) == "0");
}

// Nobody but the workers folds the log here: it empties while requests are answered.
BOOST_AUTO_TEST_CASE(the_workers_fold_the_change_log_after_answering) {
  const Tenant tenant = new_tenant();
  new_customer(tenant, R"("segment":"premium")");
  // The create's own changes may be folded at once (after its answer); a change that moves
  // nothing, logged now, shows the folding that follows.
  psql("INSERT INTO business_day_figure_changes VALUES ('" + tenant.id +
       "', '2025-01-01', 'KES', 0, 0, 0)");
  const std::string pending =
      "SELECT count(*) FROM business_day_figure_changes WHERE business_id = '" + tenant.id + "'";
  BOOST_TEST_REQUIRE(psql(pending) != "0");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (psql(pending) != "0" && std::chrono::steady_clock::now() < deadline) {
    get(tenant, "/v1/customers/stats");
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  BOOST_TEST(psql(pending) == "0");
  BOOST_TEST(minor(data_of(get(tenant, "/v1/customers/stats")), "newCustomers") == 1);
}

BOOST_AUTO_TEST_CASE(a_business_without_customers_has_zeros) {
  const Tenant tenant = new_tenant();
  const auto response = get(tenant, "/v1/customers/stats?from=2020-01-01");
  BOOST_TEST_REQUIRE(response.status == 200, response.body);
  const auto data = data_of(response);
  BOOST_TEST(minor(data, "totalCustomers") == 0);
  BOOST_TEST(minor(data, "totalOrders") == 0);
  BOOST_TEST(minor(data, "revenueMinor") == 0);
  BOOST_TEST(minor(data, "averageOrderValueMinor") == 0);
  BOOST_TEST(minor(data, "averageLifetimeValueMinor") == 0);
  BOOST_TEST(data["segmentDistribution"].MemberCount() == 0u);
  BOOST_TEST(minor(data["typeDistribution"], "individual") == 0);
  BOOST_TEST(text(data["period"], "start") == "2020-01-01T00:00:00.000Z");
}

BOOST_AUTO_TEST_CASE(bad_bounds_are_422) {
  const Tenant tenant = new_tenant();
  for (const auto& [query, field] :
       std::vector<std::pair<std::string, std::string>>{{"from=yesterday", "from"},
                                                        {"to=2025-13-01", "to"},
                                                        {"from=2025-03-01T10:00:00", "from"},
                                                        {"from=2025-03-02&to=2025-03-01", "to"},
                                                        {"from=2999-01-01", "from"}}) {
    const auto response = get(tenant, "/v1/customers/stats?" + query);
    BOOST_TEST(response.status == 422, query << ": " << response.body);
    BOOST_TEST(!error_detail(response, field.c_str()).empty(), query << ": " << response.body);
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(analytics)

// A customer of 5 orders over 200 days (one cancelled), some paid, one overdue.
struct AnalyticsFixture {
  Tenant tenant = new_tenant();
  std::int64_t base = now_ms() / 1000 * 1000 - 3'600'000;  // an hour ago, whole seconds
  std::string customer;

  std::int64_t days_ago(int n) const { return base - n * kDay; }

  AnalyticsFixture() {
    customer = new_customer(
        tenant, R"("creditLimit":1000.00,"customerSince":")" + at(days_ago(400)) + "\"");
    const auto o1 = new_order(tenant, customer, "[" + line("P1", 2, "50.00") + "]", days_ago(200));
    pay(tenant, o1, "100.00", days_ago(190));
    const auto o2 =
        new_order(tenant, customer,
                  "[" + line("P1", 1, "50.00") + "," + line("P2", 3, "10.00") + "]", days_ago(60));
    pay(tenant, o2, "80.00", days_ago(55));
    new_order(tenant, customer, "[" + line("P3", 1, "300.00") + "]", days_ago(20), days_ago(5));
    move(tenant,
         new_order(tenant, customer,
                   "[" + line("P4", 10, "1.00") + "," + line("P2", 1, "10.00") + "]", days_ago(10)),
         "cancelled");
    const auto o5 = new_order(tenant, customer,
                              "[" + line("P4", 4, "1.00") + "," + line("P5", 1, "2.00") + "," +
                                  line("P6", 1, "3.00") + "," + line("P7", 1, "0.50") + "]",
                              days_ago(5));
    pay(tenant, o5, "5.00", days_ago(4));
  }

  rapidjson::Document analytics(const std::string& period) const {
    const auto response = get(tenant, "/v1/customers/" + customer + "/analytics" +
                                          (period.empty() ? "" : "?period=" + period));
    BOOST_TEST_REQUIRE(response.status == 200, response.body);
    return data_of(response);
  }

  // The orders that count dated after `since`: month -> {orders, revenue}.
  std::map<std::string, std::pair<int, std::int64_t>> expected_months(std::int64_t since) const {
    const std::vector<std::pair<int, std::int64_t>> orders = {
        {200, 10000}, {60, 8000}, {20, 30000}, {5, 950}};
    std::map<std::string, std::pair<int, std::int64_t>> months;
    for (const auto& [days, total] : orders) {
      if (days_ago(days) < since) continue;
      auto& month = months[month_of(days_ago(days))];
      month.first += 1;
      month.second += total;
    }
    return months;
  }

  void check_history(const rapidjson::Value& history, std::int64_t since) const {
    const auto names = months_back(since, now_ms());
    const auto expected = expected_months(since);
    BOOST_TEST_REQUIRE(history.Size() == names.size());
    for (rapidjson::SizeType i = 0; i < history.Size(); ++i) {
      const auto& month = history[i];
      BOOST_TEST(text(month, "month") == names[i]);
      const auto found = expected.find(names[i]);
      const int orders = found == expected.end() ? 0 : found->second.first;
      const std::int64_t revenue = found == expected.end() ? 0 : found->second.second;
      BOOST_TEST(minor(month, "orders") == orders, names[i]);
      BOOST_TEST(minor(month, "revenueMinor") == revenue, names[i]);
      BOOST_TEST(minor(month, "avgOrderValueMinor") == (orders == 0 ? 0 : revenue / orders),
                 names[i]);
    }
  }

  static void check_products(const rapidjson::Value& products,
                             const std::vector<std::tuple<std::string, int, std::int64_t>>& want) {
    BOOST_TEST_REQUIRE(products.Size() == want.size());
    for (rapidjson::SizeType i = 0; i < products.Size(); ++i) {
      const auto& [id, quantity, revenue] = want[i];
      BOOST_TEST(text(products[i], "productId") == id);
      BOOST_TEST(text(products[i], "productName") == "Product " + id);
      BOOST_TEST(minor(products[i], "quantityOrdered") == quantity, id);
      BOOST_TEST(minor(products[i], "revenueMinor") == revenue, id);
    }
  }
};

BOOST_FIXTURE_TEST_CASE(lifetime_overview_and_balance_are_the_same_for_every_period,
                        AnalyticsFixture) {
  for (const std::string period : {"", "30d", "90d", "1y", "all"}) {
    const auto data = analytics(period);
    BOOST_TEST(text(data["customer"], "id") == customer);
    BOOST_TEST(text(data, "period") == (period.empty() ? "all" : period));
    const auto& overview = data["overview"];
    BOOST_TEST(minor(overview, "lifetimeValueMinor") == 48950);
    BOOST_TEST(minor(overview, "totalOrders") == 4);
    BOOST_TEST(minor(overview, "avgOrderValueMinor") == 12238);  // 12237.5 -> even
    BOOST_TEST(text(overview, "lastOrderDate") == at(days_ago(5)));
    BOOST_TEST(text(overview, "customerSince") == at(days_ago(400)));
    BOOST_TEST(minor(overview, "daysSinceLastOrder") == 5);
    const auto& money = data["financialSummary"];
    BOOST_TEST(minor(money, "currentBalanceMinor") == 30450);  // 300.00 + 4.50
    BOOST_TEST(minor(money, "creditLimitMinor") == 100000);
    BOOST_TEST(money["creditUtilization"].GetDouble() == 30.45);
    // 4 orders, the last 5 days ago, the first 200 days ago: rule "regular".
    BOOST_TEST(text(data, "customerSegment") == "regular");
    // 300.00 five days past due: "medium".
    BOOST_TEST(text(data, "riskScore") == "medium");
  }
}

BOOST_FIXTURE_TEST_CASE(period_all_starts_at_the_first_order, AnalyticsFixture) {
  const auto data = analytics("all");
  BOOST_TEST(text(data, "periodStart") == at(days_ago(200)));
  BOOST_TEST(minor(data["financialSummary"], "totalRevenueMinor") == 48950);
  BOOST_TEST(data["financialSummary"]["avgPaymentDays"].GetDouble() == 7.5);  // (10 + 5) / 2
  check_history(data["orderHistory"], days_ago(200));
  // The cancelled order's 10 x P4 and P2 count for nothing; P7 is sixth.
  check_products(
      data["topProducts"],
      {{"P3", 1, 30000}, {"P1", 3, 15000}, {"P2", 3, 3000}, {"P4", 4, 400}, {"P6", 1, 300}});
}

BOOST_FIXTURE_TEST_CASE(period_1y_covers_the_same_orders_over_more_months, AnalyticsFixture) {
  const auto data = analytics("1y");
  BOOST_TEST(minor(data["financialSummary"], "totalRevenueMinor") == 48950);
  const auto start = *capi::domain::parse_rfc3339(text(data, "periodStart"));
  BOOST_TEST(start <= now_ms() - 365 * kDay);
  BOOST_TEST(start > now_ms() - 365 * kDay - 60'000);
  check_history(data["orderHistory"], start);
  BOOST_TEST(data["orderHistory"].Size() >= 12u);
}

BOOST_FIXTURE_TEST_CASE(period_90d_counts_orders_of_the_last_90_days, AnalyticsFixture) {
  const auto data = analytics("90d");
  BOOST_TEST(minor(data["financialSummary"], "totalRevenueMinor") == 38950);
  BOOST_TEST(data["financialSummary"]["avgPaymentDays"].GetDouble() == 5.0);
  check_history(data["orderHistory"], *capi::domain::parse_rfc3339(text(data, "periodStart")));
  check_products(
      data["topProducts"],
      {{"P3", 1, 30000}, {"P1", 1, 5000}, {"P2", 3, 3000}, {"P4", 4, 400}, {"P6", 1, 300}});
}

BOOST_FIXTURE_TEST_CASE(period_30d_counts_orders_of_the_last_30_days, AnalyticsFixture) {
  const auto data = analytics("30d");
  BOOST_TEST(minor(data["financialSummary"], "totalRevenueMinor") == 30950);
  // No order of the period is paid in full.
  BOOST_TEST(data["financialSummary"]["avgPaymentDays"].IsNull());
  check_history(data["orderHistory"], *capi::domain::parse_rfc3339(text(data, "periodStart")));
  check_products(data["topProducts"],
                 {{"P3", 1, 30000}, {"P4", 4, 400}, {"P6", 1, 300}, {"P5", 1, 200}, {"P7", 1, 50}});
}

BOOST_AUTO_TEST_CASE(a_customer_without_orders_or_limit) {
  const Tenant tenant = new_tenant();
  const std::string customer = new_customer(tenant);
  const auto response = get(tenant, "/v1/customers/" + customer + "/analytics");
  BOOST_TEST_REQUIRE(response.status == 200, response.body);
  const auto data = data_of(response);
  BOOST_TEST(data["periodStart"].IsNull());
  BOOST_TEST(minor(data["overview"], "totalOrders") == 0);
  BOOST_TEST(data["overview"]["lastOrderDate"].IsNull());
  BOOST_TEST(data["overview"]["daysSinceLastOrder"].IsNull());
  BOOST_TEST(data["financialSummary"]["creditLimit"].IsNull());
  BOOST_TEST(data["financialSummary"]["creditUtilization"].IsNull());
  BOOST_TEST(data["financialSummary"]["avgPaymentDays"].IsNull());
  BOOST_TEST(data["orderHistory"].Size() == 0u);
  BOOST_TEST(data["topProducts"].Size() == 0u);
  BOOST_TEST(text(data, "customerSegment") == "prospect");
  BOOST_TEST(text(data, "riskScore") == "low");
  // A 30-day period has its months even without orders.
  const auto month = data_of(get(tenant, "/v1/customers/" + customer + "/analytics?period=30d"));
  BOOST_TEST(month["orderHistory"].Size() >= 1u);
  BOOST_TEST(minor(month["orderHistory"][0], "orders") == 0);
}

BOOST_AUTO_TEST_CASE(an_unknown_period_is_422) {
  const Tenant tenant = new_tenant();
  const std::string customer = new_customer(tenant);
  for (const std::string period : {"7d", "1Y", "", "ALL"}) {
    const auto response = get(tenant, "/v1/customers/" + customer + "/analytics?period=" + period);
    BOOST_TEST(response.status == 422, period << ": " << response.body);
    BOOST_TEST(!error_detail(response, "period").empty(), response.body);
  }
}

// Each case: a new customer with orders the given days ago; the segment it must get.
BOOST_AUTO_TEST_CASE(segment_rules_at_their_thresholds) {
  const Tenant tenant = new_tenant();
  const std::int64_t base = now_ms() - 3'600'000;
  const std::vector<std::pair<std::vector<int>, std::string>> cases = {
      {{}, "prospect"},
      {{181}, "lost"},
      {{180}, "at_risk"},
      {{91}, "at_risk"},
      {{90}, "new"},
      {{91, 1}, "regular"},
      {{90, 1}, "new"},
      {{100, 40, 40, 40, 40}, "loyal"},
      {{100, 40, 40, 40}, "regular"},
      {{50, 30, 30, 30, 30, 30, 30, 30, 30, 30}, "champion"},
      {{50, 31, 31, 31, 31, 31, 31, 31, 31, 31}, "loyal"},
      {{50, 30, 30, 30, 30, 30, 30, 30, 30}, "loyal"},
  };
  for (const auto& [days, expected] : cases) {
    const std::string customer = new_customer(tenant);
    for (const int n : days) new_order(tenant, customer, one_line("1.00"), base - n * kDay);
    const auto data = data_of(get(tenant, "/v1/customers/" + customer + "/analytics"));
    BOOST_TEST(text(data, "customerSegment") == expected, days.size() << " orders: " << expected);
  }
}

BOOST_AUTO_TEST_CASE(risk_rules_at_their_thresholds) {
  const Tenant tenant = new_tenant();
  const std::int64_t base = now_ms() - 3'600'000;
  // Utilisation of a 100.00 limit by one unpaid order not yet due.
  for (const auto& [amount, expected] : std::vector<std::pair<std::string, std::string>>{
           {"70.00", "low"}, {"70.01", "medium"}, {"90.00", "medium"}, {"90.01", "high"}}) {
    const std::string customer = new_customer(tenant, R"("creditLimit":100)");
    new_order(tenant, customer, one_line(amount), base);
    const auto data = data_of(get(tenant, "/v1/customers/" + customer + "/analytics"));
    BOOST_TEST(text(data, "riskScore") == expected, amount);
  }
  // An order 100 days old, due some days ago (or not yet), unpaid; no limit.
  for (const auto& [due_days_ago, expected] : std::vector<std::pair<int, std::string>>{
           {-1, "low"}, {0, "medium"}, {60, "medium"}, {61, "high"}}) {
    const std::string customer = new_customer(tenant);
    const std::int64_t due = due_days_ago < 0 ? base + kDay : base - due_days_ago * kDay;
    new_order(tenant, customer, one_line("10.00"), base - 100 * kDay, due);
    const auto data = data_of(get(tenant, "/v1/customers/" + customer + "/analytics"));
    BOOST_TEST(text(data, "riskScore") == expected, due_days_ago);
  }
  // Paid in full: nothing overdue however late.
  const std::string paid = new_customer(tenant);
  const auto order =
      new_order(tenant, paid, one_line("10.00"), base - 100 * kDay, base - 90 * kDay);
  pay(tenant, order, "10.00", base - 1000);
  BOOST_TEST(text(data_of(get(tenant, "/v1/customers/" + paid + "/analytics")), "riskScore") ==
             "low");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(analytics_rollups)

// The figures of a period as the analytics computed them before the rollups, straight from
// the orders ($c customer, $s since and $n now in Unix milliseconds): the months with orders
// ("2025-03:2:1500" newest first), the top 5 products ("p1:Name:3:900"), the period's revenue
// and the mean days to payment.
const char* const kFromTheOrders = R"sql(
WITH p AS (SELECT 'epoch'::timestamptz + $s::bigint * interval '1 millisecond' AS since,
                  'epoch'::timestamptz + $n::bigint * interval '1 millisecond' AS now),
o AS (SELECT o.* FROM orders o, p WHERE o.customer_id = '$c'
        AND o.status NOT IN ('cancelled', 'refunded')
        AND o.order_date >= p.since AND o.order_date <= p.now),
m AS (SELECT to_char(date_trunc('month', order_date AT TIME ZONE 'UTC'), 'YYYY-MM') AS month,
             count(*) AS n, sum(total_minor) AS revenue FROM o GROUP BY 1),
t AS (SELECT i.product_id,
             (array_agg(i.product_name ORDER BY o.order_date DESC, o.id DESC, i.position))[1]
               AS name,
             sum(i.quantity) AS quantity, sum(i.line_total_minor) AS revenue
      FROM o JOIN order_items i ON i.order_id = o.id
      GROUP BY i.product_id ORDER BY 4 DESC, 1 LIMIT 5)
SELECT COALESCE((SELECT string_agg(month || ':' || n || ':' || revenue, ',' ORDER BY month DESC)
                 FROM m), '')
  || '|' || COALESCE((SELECT string_agg(product_id || ':' || name || ':' || quantity || ':'
                                        || revenue, ',' ORDER BY revenue DESC, product_id)
                      FROM t), '')
  || '|' || (SELECT COALESCE(sum(total_minor), 0) FROM o)
  || '|' || COALESCE((SELECT round((avg(extract(epoch FROM paid_at - order_date))
                                    / 86400)::numeric, 1)::text
                      FROM o WHERE amount_paid_minor = total_minor AND paid_at IS NOT NULL),
                     'null')
)sql";

std::string replaced(std::string text, const std::map<std::string, std::string>& values) {
  for (const auto& [name, value] : values) {
    for (std::size_t at = text.find(name); at != std::string::npos;
         at = text.find(name, at + value.size())) {
      text.replace(at, name.size(), value);
    }
  }
  return text;
}

// The same four figures from an analytics answer.
std::string figures_of(const rapidjson::Value& data) {
  std::string months;
  for (const auto& month : data["orderHistory"].GetArray()) {
    if (month["orders"].GetInt64() == 0) continue;
    months += std::string(months.empty() ? "" : ",") + month["month"].GetString() + ":" +
              std::to_string(month["orders"].GetInt64()) + ":" +
              std::to_string(month["revenueMinor"].GetInt64());
  }
  std::string products;
  for (const auto& product : data["topProducts"].GetArray()) {
    products += std::string(products.empty() ? "" : ",") + product["productId"].GetString() + ":" +
                product["productName"].GetString() + ":" +
                std::to_string(product["quantityOrdered"].GetInt64()) + ":" +
                std::to_string(product["revenueMinor"].GetInt64());
  }
  const auto& money = data["financialSummary"];
  std::string days = "null";
  if (!money["avgPaymentDays"].IsNull()) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", money["avgPaymentDays"].GetDouble());
    days = text;
  }
  return months + "|" + products + "|" + std::to_string(money["totalRevenueMinor"].GetInt64()) +
         "|" + days;
}

// Random creates (dated over the last 14 months, some after now), status moves, payments and
// new order and due dates over 4 customers; then the rollups are compared with the orders,
// and each period's analytics (edges mid-month) with the figures computed from the orders as
// before the rollups. Orders after now (tail read from the orders), a customer whose orders
// are all of the last 30 days (products from the every-month rollup) and periods starting
// mid-month (head read from the orders) exercise each way of reading.
BOOST_AUTO_TEST_CASE(rollups_and_analytics_match_the_orders_after_random_writes) {
  const Tenant tenant = new_tenant();
  std::vector<std::string> customers;
  customers.reserve(4);
  for (int i = 0; i < 4; ++i) customers.push_back(new_customer(tenant));
  const std::vector<std::string> statuses = {"pending",   "confirmed", "shipped", "delivered",
                                             "completed", "cancelled", "refunded"};
  std::mt19937 random(20261206);
  const auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
  const std::int64_t now = now_ms();
  struct Order {
    std::string id;
    std::int64_t date_ms;
    std::int64_t due_minor;
  };
  std::vector<Order> orders;
  int created = 0, moved = 0, paid = 0, redated = 0;
  for (int op = 0; op < 240; ++op) {
    const int kind = orders.empty() ? 0 : pick(5);
    if (kind <= 1) {
      // Customer 2 gets orders of the last 30 days only; customers 0 and 1 some after now.
      const std::size_t who = static_cast<std::size_t>(pick(4));
      std::int64_t date = now - static_cast<std::int64_t>(pick(420)) * kDay -
                          static_cast<std::int64_t>(pick(86'400)) * 1000;
      if (who == 2) date = now - static_cast<std::int64_t>(pick(25'000'000)) * 100;
      if (who < 2 && pick(12) == 0)
        date = now + static_cast<std::int64_t>(1 + pick(3'000'000)) * 1000;
      std::string items;
      std::vector<int> taken;
      for (int line = 0, lines = 1 + pick(3); line < lines; ++line) {
        const int product = pick(7);
        if (std::find(taken.begin(), taken.end(), product) != taken.end()) continue;
        taken.push_back(product);
        items += std::string(items.empty() ? "" : ",") + R"({"productId":"p)" +
                 std::to_string(product) + R"(","productName":"Name )" + std::to_string(op) +
                 R"(","quantity":)" + std::to_string(1 + pick(4)) + R"(,"unitPriceMinor":)" +
                 std::to_string(pick(20000)) + "}";
      }
      const auto response =
          send(tenant, "POST", "/v1/orders",
               R"({"customerId":")" + customers[who] + R"(","items":[)" + items +
                   R"(],"orderDate":")" + at(date) + R"(","dueDate":")" +
                   at(date + static_cast<std::int64_t>(pick(40)) * kDay) + R"(","status":")" +
                   statuses[static_cast<std::size_t>(pick(5))] + "\"}");
      BOOST_TEST_REQUIRE(response.status == 201, response.body);
      orders.push_back(
          {data_string(response, "id"), date, data_of(response)["totalMinor"].GetInt64()});
      ++created;
      continue;
    }
    Order& target = orders[static_cast<std::size_t>(pick(static_cast<int>(orders.size())))];
    if (kind == 2) {
      const auto response =
          send(tenant, "PATCH", "/v1/orders/" + target.id,
               R"({"status":")" + statuses[static_cast<std::size_t>(pick(7))] + "\"}");
      BOOST_TEST((response.status == 200 || response.status == 409), response.body);
      moved += response.status == 200 ? 1 : 0;
    } else if (kind == 3) {
      // Half of what is due, or all of it: orders become paid in full at random times.
      const std::int64_t amount =
          pick(2) == 0 ? target.due_minor : std::max<std::int64_t>(1, target.due_minor / 2);
      const std::int64_t when = target.date_ms + static_cast<std::int64_t>(pick(3'000'000)) * 1000;
      const auto response =
          send(tenant, "POST", "/v1/orders/" + target.id + "/payments",
               R"({"amountMinor":)" + std::to_string(amount) + R"(,"paidAt":")" + at(when) + "\"}");
      BOOST_TEST((response.status == 201 || response.status == 409 || response.status == 422),
                 response.body);
      if (response.status == 201) {
        target.due_minor -= amount;
        ++paid;
      }
    } else {
      // A new order date (within a few weeks: across a month's edge often) and due date.
      const std::int64_t date =
          target.date_ms - static_cast<std::int64_t>(pick(40) - 20) * kDay - 3'600'000;
      const auto response = send(tenant, "PATCH", "/v1/orders/" + target.id,
                                 R"({"orderDate":")" + at(date) + R"(","dueDate":")" +
                                     at(date + static_cast<std::int64_t>(pick(30)) * kDay) + "\"}");
      BOOST_TEST((response.status == 200 || response.status == 422), response.body);
      if (response.status == 200) {
        target.date_ms = date;
        ++redated;
      }
    }
  }
  BOOST_TEST_MESSAGE("created " << created << ", moved " << moved << ", paid " << paid
                                << ", redated " << redated);
  BOOST_TEST(moved > 0);
  BOOST_TEST(paid > 0);
  BOOST_TEST(redated > 0);

  const std::string drift = psql(rollup_drift_sql(tenant.id));
  BOOST_TEST(drift.substr(0, drift.find(' ')) == "0", drift);

  for (const auto& customer : customers) {
    for (const std::string period : {"30d", "90d", "1y", "all"}) {
      std::string path = "/v1/customers/" + customer;
      path += "/analytics?period=";
      path += period;
      const auto response = get(tenant, path);
      BOOST_TEST_REQUIRE(response.status == 200, response.body);
      const auto data = data_of(response);
      if (data["periodStart"].IsNull()) continue;  // no orders that count
      const auto since = *capi::domain::parse_rfc3339(text(data, "periodStart"));
      const auto until = *capi::domain::parse_rfc3339(text(data, "periodEnd"));
      const std::string expected = psql(replaced(
          kFromTheOrders,
          {{"$c", customer}, {"$s", std::to_string(since)}, {"$n", std::to_string(until)}}));
      BOOST_TEST(figures_of(data) == expected, customer << " " << period);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(credit_checks)

struct CreditFixture {
  Tenant tenant = new_tenant();
  std::int64_t base = now_ms() - 3'600'000;
  std::int64_t days_ago(int n) const { return base - n * kDay; }

  rapidjson::Document check(const std::string& customer) const {
    const auto response = send(tenant, "POST", "/v1/customers/" + customer + "/credit-check");
    BOOST_TEST_REQUIRE(response.status == 201, response.body);
    return data_of(response);
  }

  static int points(const rapidjson::Value& check, const std::string& factor) {
    for (const auto& entry : check["factors"].GetArray()) {
      if (entry["factor"].GetString() == factor) return entry["points"].GetInt();
    }
    BOOST_FAIL("no factor " + factor);
    return 0;
  }

  static std::string effect(const rapidjson::Value& check, const std::string& factor) {
    for (const auto& entry : check["factors"].GetArray()) {
      if (entry["factor"].GetString() == factor) return entry["effect"].GetString();
    }
    return {};
  }
};

// Nothing to judge: 300 + 100 (timeliness) + 75 (no limit) + 0 + 0 + 50 (nothing overdue).
constexpr int kNeutral = 525;

BOOST_FIXTURE_TEST_CASE(a_customer_with_nothing_to_judge, CreditFixture) {
  const std::string customer = new_customer(tenant);
  const auto data = check(customer);
  BOOST_TEST(data["creditScore"].GetInt() == kNeutral);
  BOOST_TEST(text(data, "creditRating") == "poor");
  BOOST_TEST(text(data, "riskAssessment") == "high");
  BOOST_TEST(minor(data, "recommendedCreditLimitMinor") == 0);
  BOOST_TEST(data["currentCreditLimit"].IsNull());
  BOOST_TEST(text(data, "customerId") == customer);
  BOOST_TEST(data["factors"].Size() == 5u);
  const auto checked = *capi::domain::parse_rfc3339(text(data, "lastChecked"));
  BOOST_TEST(std::abs(checked - now_ms()) < 60'000);
}

BOOST_FIXTURE_TEST_CASE(tenure_alone, CreditFixture) {
  const auto long_ago =
      check(new_customer(tenant, R"("customerSince":")" + at(days_ago(730)) + "\""));
  BOOST_TEST(points(long_ago, "tenure") == 75);
  BOOST_TEST(effect(long_ago, "tenure") == "positive");
  BOOST_TEST(long_ago["creditScore"].GetInt() == kNeutral + 75);
  const auto shorter =
      check(new_customer(tenant, R"("customerSince":")" + at(days_ago(729)) + "\""));
  BOOST_TEST(shorter["creditScore"].GetInt() == kNeutral + 50);
}

BOOST_FIXTURE_TEST_CASE(utilization_alone, CreditFixture) {
  // A limit and nothing owed: 0% used is 150 points instead of the 75 of no limit.
  const auto unused = check(new_customer(tenant, R"("creditLimit":1000)"));
  BOOST_TEST(points(unused, "creditUtilization") == 150);
  BOOST_TEST(unused["creditScore"].GetInt() == kNeutral + 75);
  BOOST_TEST(minor(unused, "currentCreditLimitMinor") == 100000);
  // 80% used (an order not yet due): 30 points.
  const std::string used = new_customer(tenant, R"("creditLimit":1000)");
  new_order(tenant, used, one_line("800.00"), base);
  const auto data = check(used);
  BOOST_TEST(points(data, "creditUtilization") == 30);
  BOOST_TEST(effect(data, "creditUtilization") == "negative");
  BOOST_TEST(data["creditScore"].GetInt() == kNeutral - 45);
}

BOOST_FIXTURE_TEST_CASE(order_volume_alone, CreditFixture) {
  const std::string customer = new_customer(tenant);
  for (int i = 0; i < 3; ++i) new_order(tenant, customer, one_line("10.00"), base);
  const auto data = check(customer);
  BOOST_TEST(points(data, "orderVolume") == 20);
  BOOST_TEST(data["creditScore"].GetInt() == kNeutral + 20);
}

BOOST_FIXTURE_TEST_CASE(payment_timeliness_alone, CreditFixture) {
  // Paid 10 days before it was due, and 10 days after.
  const std::string on_time = new_customer(tenant);
  pay(tenant, new_order(tenant, on_time, one_line("10.00"), days_ago(40), days_ago(10)), "10.00",
      days_ago(20));
  const auto good = check(on_time);
  BOOST_TEST(points(good, "paymentTimeliness") == 200);
  BOOST_TEST(good["creditScore"].GetInt() == kNeutral + 100);
  const std::string late = new_customer(tenant);
  pay(tenant, new_order(tenant, late, one_line("10.00"), days_ago(40), days_ago(30)), "10.00",
      days_ago(20));
  const auto bad = check(late);
  BOOST_TEST(points(bad, "paymentTimeliness") == 0);
  BOOST_TEST(effect(bad, "paymentTimeliness") == "negative");
  BOOST_TEST(bad["creditScore"].GetInt() == kNeutral - 100);
}

BOOST_FIXTURE_TEST_CASE(overdue_amount_alone, CreditFixture) {
  const std::string recent = new_customer(tenant);
  new_order(tenant, recent, one_line("10.00"), days_ago(100), days_ago(30));
  BOOST_TEST(check(recent)["creditScore"].GetInt() == kNeutral - 50);
  const std::string older = new_customer(tenant);
  new_order(tenant, older, one_line("10.00"), days_ago(100), days_ago(31));
  BOOST_TEST(check(older)["creditScore"].GetInt() == kNeutral - 100);
  const std::string oldest = new_customer(tenant);
  new_order(tenant, oldest, one_line("10.00"), days_ago(100), days_ago(61));
  const auto data = check(oldest);
  BOOST_TEST(points(data, "overdueAmount") == -100);
  BOOST_TEST(data["creditScore"].GetInt() == kNeutral - 150);
}

BOOST_FIXTURE_TEST_CASE(an_excellent_customer_gets_three_months_of_revenue, CreditFixture) {
  const std::string customer =
      new_customer(tenant, R"("creditLimit":10000,"customerSince":")" + at(days_ago(800)) + "\"");
  pay(tenant, new_order(tenant, customer, one_line("120.00"), days_ago(10)), "120.00", days_ago(8));
  // An order older than a year counts for the score but not for the limit.
  pay(tenant, new_order(tenant, customer, one_line("500.00"), days_ago(400)), "500.00",
      days_ago(399));
  const auto data = check(customer);
  // 300 + 200 + 150 + 75 + 0 (2 orders) + 50.
  BOOST_TEST(data["creditScore"].GetInt() == 775);
  BOOST_TEST(text(data, "creditRating") == "excellent");
  BOOST_TEST(text(data, "riskAssessment") == "low");
  BOOST_TEST(minor(data, "recommendedCreditLimitMinor") == 3000);  // 120.00 / 12 x 3
  BOOST_TEST(minor(data, "currentCreditLimitMinor") == 1000000);
}

BOOST_FIXTURE_TEST_CASE(checks_are_stored_and_listed_newest_first, CreditFixture) {
  const std::string customer = new_customer(tenant);
  const std::string first = check(customer)["id"].GetString();
  new_order(tenant, customer, one_line("10.00"), days_ago(100), days_ago(61));
  const std::string second = check(customer)["id"].GetString();
  BOOST_TEST(psql("SELECT count(*) FROM credit_checks WHERE customer_id = '" + customer + "'") ==
             "2");
  const auto response = get(tenant, "/v1/customers/" + customer + "/credit-checks");
  BOOST_TEST_REQUIRE(response.status == 200, response.body);
  const auto json = response.json();
  const auto& list = json["data"];
  BOOST_TEST_REQUIRE(list.Size() == 2u);
  BOOST_TEST(list[0]["id"].GetString() == second);
  BOOST_TEST(list[1]["id"].GetString() == first);
  // The stored check keeps its score: the order made since changed only the newer one.
  BOOST_TEST(list[1]["creditScore"].GetInt() == kNeutral);
  BOOST_TEST(list[0]["creditScore"].GetInt() == kNeutral - 150);
  BOOST_TEST(json["meta"]["total"].GetInt() == 2);
  const auto paged = get(tenant, "/v1/customers/" + customer + "/credit-checks?limit=1&page=2");
  BOOST_TEST_REQUIRE(paged.status == 200, paged.body);
  BOOST_TEST(paged.json()["data"][0]["id"].GetString() == first);
  BOOST_TEST(get(tenant, "/v1/customers/" + customer + "/credit-checks?limit=0").status == 422);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(isolation)

BOOST_AUTO_TEST_CASE(another_business_customer_is_404_and_nothing_is_written) {
  const Tenant owner = new_tenant();
  const Tenant other = new_tenant();
  const std::string customer = new_customer(owner);
  new_order(owner, customer, one_line("10.00"), now_ms() - 1000);
  BOOST_TEST_REQUIRE(send(owner, "POST", "/v1/customers/" + customer + "/credit-check").status ==
                     201);
  const std::string missing = "0123456789abcdef01234567";
  for (const auto& [method, suffix] : std::vector<std::pair<std::string, std::string>>{
           {"GET", "/analytics"}, {"POST", "/credit-check"}, {"GET", "/credit-checks"}}) {
    const auto foreign = send(other, method, "/v1/customers/" + customer + suffix);
    const auto none = send(other, method, "/v1/customers/" + missing + suffix);
    BOOST_TEST(foreign.status == 404, method << suffix << ": " << foreign.body);
    BOOST_TEST(none.status == 404, method << suffix);
    BOOST_TEST(error_code_of(foreign) == error_code_of(none));
  }
  BOOST_TEST(psql("SELECT count(*) FROM credit_checks WHERE customer_id = '" + customer + "'") ==
             "1");
  BOOST_TEST(psql("SELECT count(*) FROM credit_checks WHERE business_id = '" + other.id + "'") ==
             "0");
  // The other business's stats count nothing of the owner's.
  const auto stats = data_of(get(other, "/v1/customers/stats"));
  BOOST_TEST(minor(stats, "totalCustomers") == 0);
  BOOST_TEST(minor(stats, "totalOrders") == 0);
}

BOOST_AUTO_TEST_SUITE_END()
