// The seeder's tables (data/seed/*.tsv) as the generator reads them. Each file is
// tab-separated, one row a line, `#` lines are comments, `-` marks an empty optional field;
// the first column of most files says which culture or country a row belongs to, and rows
// keep their file order (the generator picks by position, so the order is part of the data).
#pragma once

#include <string>
#include <vector>

#include "seed/data_files.hpp"

namespace capi::seed {

struct Name {
  std::string display;
  std::string ascii;  // the form in email addresses and Latin spellings
  bool female = false;
};

// A company name form: {L}/{l} a family name (shown/ASCII), {L2}/{l2} a partner's, {I}/{i}
// an industry, {A}/{a} an adjective, {S} a company suffix.
struct CompanyForm {
  std::string display;
  std::string slug;  // the email and website domain's first label
};

struct Culture {
  std::string key;
  int weight = 0;
  bool family_first = false;       // written family name first, without a space (CJK)
  bool feminine_surnames = false;  // Cyrillic: -ов/-ев/-ин take -а for women
  double latin_share = 0;          // non-Latin scripts: share who write their name in Latin
  std::string language;            // metadata preferredLanguage
  std::vector<Name> first;
  std::vector<Name> last;
  std::vector<std::string> countries;
  std::vector<std::string> mail_domains;  // repeated entries weigh more
  std::vector<CompanyForm> companies;     // native forms; empty: the Latin forms
};

struct Employer {
  std::string name;
  std::string domain;
};

struct City {
  std::string name;
  std::string state;
};

struct CountryProfile {
  std::string code;  // alpha-2; empty for the fallback
  std::string tld;
  std::vector<std::string> company_suffixes;
  std::vector<City> cities;
  std::vector<std::string> streets;
  std::string line1;   // {n} house number, {s} street, {m} a small number
  std::string postal;  // '#' a digit, 'A' a letter; empty: none
};

struct Tables {
  std::vector<Culture> cultures;
  std::vector<CompanyForm> latin_companies;
  std::vector<std::string> industries;
  std::vector<std::string> adjectives;
  std::vector<std::string> tags;  // repeated entries weigh more
  std::vector<Employer> employers;
  std::vector<CountryProfile> countries;
  CountryProfile fallback;  // every country without a profile of its own

  const CountryProfile& profile_of(const std::string& country) const;
};

// The tables of `files`; throws std::runtime_error naming the file and line of a malformed
// row, and a table that would leave the generator nothing to pick from.
Tables parse_tables(const std::vector<DataFile>& files);

// The embedded files' tables, parsed on first use.
const Tables& tables();

}  // namespace capi::seed
