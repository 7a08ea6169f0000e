#include <boost/test/unit_test.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <set>

#include "domain/iso_codes.hpp"
#include "domain/object_id.hpp"

using namespace capi::domain;

BOOST_AUTO_TEST_SUITE(domain_object_id)

BOOST_AUTO_TEST_CASE(layout_and_order) {
  const std::string first = new_object_id("scope", 0x65f1a2b3);
  BOOST_TEST(first.size() == 24u);
  BOOST_TEST(is_object_id(first));
  BOOST_TEST(first.substr(0, 8) == "65f1a2b3");
  BOOST_TEST(object_id_seconds(first) == 0x65f1a2b3u);
  const std::string later = new_object_id("scope", 0x65f1a2b4);
  BOOST_TEST(first < later);
}

BOOST_AUTO_TEST_CASE(unique_within_a_process) {
  std::set<std::string> ids;
  for (int i = 0; i < 10000; ++i) ids.insert(new_object_id("scope", 1700000000));
  BOOST_TEST(ids.size() == 10000u);
}

// The counter of one business moves only with that business's records: ids show nothing of
// what others create.
BOOST_AUTO_TEST_CASE(each_scope_counts_its_own_ids) {
  const auto counter = [](const std::string& id) { return std::stoul(id.substr(18), nullptr, 16); };
  const std::string first = new_object_id("business-b", 1700000000);
  for (int i = 0; i < 1000; ++i) new_object_id("business-a", 1700000000);
  const std::string second = new_object_id("business-b", 1700000000);
  BOOST_TEST(counter(second) == (counter(first) + 1) % 0x1000000);
  BOOST_TEST(first.substr(8, 10) == second.substr(8, 10));
  // Another scope has another random part: the two never make the same id.
  BOOST_TEST(new_object_id("business-a", 1700000000).substr(8, 10) != first.substr(8, 10));
}

BOOST_AUTO_TEST_CASE(random_ids_have_the_layout_and_no_counter) {
  std::set<std::string> ids;
  for (int i = 0; i < 1000; ++i) {
    const std::string id = new_random_id();
    BOOST_TEST(is_object_id(id));
    ids.insert(id);
  }
  BOOST_TEST(ids.size() == 1000u);
}

BOOST_AUTO_TEST_CASE(a_forked_child_draws_a_new_random_part) {
  const std::string parent = new_object_id("scope", 1700000000);
  int pipe_fds[2];
  BOOST_TEST_REQUIRE(pipe(pipe_fds) == 0);
  const pid_t pid = fork();
  if (pid == 0) {
    const std::string child = new_object_id("scope", 1700000000);
    (void)!write(pipe_fds[1], child.data(), child.size());
    _exit(0);
  }
  char buffer[24];
  BOOST_TEST_REQUIRE(read(pipe_fds[0], buffer, sizeof buffer) == 24);
  waitpid(pid, nullptr, 0);
  const std::string child(buffer, 24);
  BOOST_TEST(child.substr(8, 10) != parent.substr(8, 10));
}

BOOST_AUTO_TEST_CASE(validation) {
  BOOST_TEST(is_object_id("65f1a2b3c4d5e6f708091a2b"));
  BOOST_TEST(!is_object_id("65F1A2B3C4D5E6F708091A2B"));
  BOOST_TEST(!is_object_id("65f1a2b3c4d5e6f708091a2"));
  BOOST_TEST(!is_object_id("65f1a2b3c4d5e6f708091a2bc"));
  BOOST_TEST(!is_object_id("65f1a2b3c4d5e6f708091a2g"));
  BOOST_TEST(!is_object_id(""));
}

BOOST_AUTO_TEST_CASE(iso_codes_from_icu) {
  BOOST_TEST(is_country_code("KE"));
  BOOST_TEST(is_country_code("DE"));
  BOOST_TEST(!is_country_code("XX"));
  BOOST_TEST(!is_country_code("ke"));
  BOOST_TEST(is_currency_code("KES"));
  BOOST_TEST(is_currency_code("JPY"));
  BOOST_TEST(!is_currency_code("ABC"));
  BOOST_TEST(!is_currency_code("kes"));
  BOOST_TEST(currency_digits("KES") == 2);
  BOOST_TEST(currency_digits("JPY") == 0);
  BOOST_TEST(currency_digits("KWD") == 3);
}

BOOST_AUTO_TEST_CASE(currency_answers_are_the_same_when_asked_again) {
  // The second answer comes from the memo, not from ICU.
  for (int round = 0; round < 3; ++round) {
    BOOST_TEST(is_currency_code("EUR"));
    BOOST_TEST(!is_currency_code("DEM"));  // retired
    BOOST_TEST(!is_currency_code("ZZZ"));
    BOOST_TEST(!is_currency_code("AAA"));
    BOOST_TEST(currency_digits("BHD") == 3);
    BOOST_TEST(currency_digits("CLP") == 0);
    BOOST_TEST(currency_digits("ZZZ") == 2);  // unknown: ICU's default
    BOOST_TEST(currency_digits("clp") == 2);  // ICU knows upper case only: its default
  }
}

BOOST_AUTO_TEST_SUITE_END()
