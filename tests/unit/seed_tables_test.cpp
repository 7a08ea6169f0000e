// The seeder's tables (data/seed/*.tsv, embedded into the seeder) and the rows they make.
#include <boost/test/unit_test.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include "seed/generator.hpp"
#include "seed/tables.hpp"

using namespace capi::seed;

namespace {

// `files` with `name`'s text replaced.
std::vector<DataFile> with_file(std::string_view name, std::string_view text) {
  std::vector<DataFile> files = embedded_data_files();
  for (auto& file : files) {
    if (file.name == name) file.text = text;
  }
  return files;
}

std::string parse_error(const std::vector<DataFile>& files) {
  try {
    parse_tables(files);
  } catch (const std::runtime_error& error) {
    return error.what();
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(seed_tables)

BOOST_AUTO_TEST_CASE(the_embedded_tables_parse_complete) {
  const Tables& all = tables();
  BOOST_TEST(all.cultures.size() == 12u);
  BOOST_TEST(all.cultures.front().key == "east_africa");
  BOOST_TEST(all.cultures.front().countries == (std::vector<std::string>{"KE", "UG", "TZ"}));
  BOOST_TEST(all.profile_of("KE").tld == "co.ke");
  BOOST_TEST(all.profile_of("UG").postal.empty());                // "-": none
  BOOST_TEST(all.profile_of("KE").cities.front().state.empty());  // "-": none
  BOOST_TEST(all.profile_of("AQ").code.empty());                  // the fallback
  BOOST_TEST(all.latin_companies.size() == 6u);
}

BOOST_AUTO_TEST_CASE(a_malformed_row_is_named_by_file_and_line) {
  const std::string cities = "# comment\nKE\tNairobi\t-\nKE\tMombasa\n";
  BOOST_TEST(parse_error(with_file("cities.tsv", cities)) ==
             "data/seed/cities.tsv:3: expected 3 tab-separated fields, found 2");
  const std::string streets = "XX\tMain Street\n";
  BOOST_TEST(parse_error(with_file("streets.tsv", streets)) ==
             "data/seed/streets.tsv:1: no country \"XX\"");
  BOOST_TEST(parse_error(with_file("industries.tsv", "# none\n")) ==
             "data/seed: no industries/adjectives");
}

// Rows of seed 1 as the generator made them before its tables moved to data/seed/: the
// tables' order and the order of the random draws are part of a seed's rows. Editing
// data/seed/ or the generator changes them; update these on purpose only.
BOOST_AUTO_TEST_CASE(seed_1_makes_the_rows_it_always_made) {
  Generator generator(
      Options{1, Business{"65f0c0ffee0123456789abcd", "KE", "KES", 2}, 4000, 1795000000000});
  std::vector<Customer> rows;
  for (int i = 0; i < 4000; ++i) rows.push_back(generator.next());
  BOOST_TEST(rows[0].id == "65610e109527979777000000");
  BOOST_TEST(rows[0].name == "Nyambura Mutua");
  BOOST_TEST(rows[0].company_name.value_or("") == "Globex Corporation");
  BOOST_TEST(rows[0].email == "mutua.nyambura@gmail.com");
  BOOST_TEST(rows[0].phone.value_or("") == "+254714578916");
  BOOST_TEST(rows[2].name == "Tumusiime & Sons Ltd");
  BOOST_TEST(rows[2].email == "accounts@tumusiime-and-sons.co.ke");
  BOOST_TEST(rows[2].tax_id.value_or("") == "P088705683A");
  BOOST_TEST(rows[2].billing_address.value_or(capi::domain::Address{}).line1 ==
             "148 Kimathi Street");
  BOOST_TEST(rows[2].tags == (std::vector<std::string>{"trade-show", "newsletter"}));
  BOOST_TEST(rows[999].name == "Anil Malhotra");
  BOOST_TEST(rows[999].phone.value_or("") == "+918120831325");
  BOOST_TEST(rows[3999].id == "6afd7cc29527979777000f9f");
  BOOST_TEST(rows[3999].email == "mugisha.mwangi@gmail.com");
}

BOOST_AUTO_TEST_SUITE_END()
