#include "seed/tables.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>
#include <string_view>

namespace capi::seed {
namespace {

// One data row: its fields and where it came from (for error messages).
struct Row {
  std::string_view file;
  int line = 0;
  std::vector<std::string> fields;

  std::runtime_error error(const std::string& what) const {
    return std::runtime_error("data/seed/" + std::string(file) + ":" + std::to_string(line) + ": " +
                              what);
  }
  // The field, with `-` read as empty.
  std::string optional(std::size_t column) const {
    return fields[column] == "-" ? std::string() : fields[column];
  }
};

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(separator, start);
    parts.emplace_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

// The rows of data file `name`, each with exactly `columns` fields.
std::vector<Row> rows_of(const std::vector<DataFile>& files, std::string_view name,
                         std::size_t columns) {
  const auto file = std::find_if(files.begin(), files.end(),
                                 [&](const DataFile& candidate) { return candidate.name == name; });
  if (file == files.end()) throw std::runtime_error("data/seed/" + std::string(name) + " missing");
  std::vector<Row> rows;
  int line_number = 0;
  for (std::string line : split(file->text, '\n')) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.front() == '#') continue;
    Row row{name, line_number, split(line, '\t')};
    if (row.fields.size() != columns) {
      throw row.error("expected " + std::to_string(columns) + " tab-separated fields, found " +
                      std::to_string(row.fields.size()));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<std::string> single_column(const std::vector<DataFile>& files, std::string_view name) {
  std::vector<std::string> values;
  for (auto& row : rows_of(files, name, 1)) values.push_back(std::move(row.fields[0]));
  return values;
}

bool yes_no(const Row& row, std::size_t column) {
  if (row.fields[column] == "yes") return true;
  if (row.fields[column] == "no") return false;
  throw row.error("expected yes or no, found \"" + row.fields[column] + "\"");
}

template <class Number>
Number number(const Row& row, std::size_t column) {
  const std::string& text = row.fields[column];
  Number value{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    throw row.error("expected a number, found \"" + text + "\"");
  }
  return value;
}

Culture& culture_of(std::vector<Culture>& cultures, const Row& row) {
  const auto found = std::find_if(cultures.begin(), cultures.end(),
                                  [&](const Culture& c) { return c.key == row.fields[0]; });
  if (found == cultures.end()) throw row.error("no culture \"" + row.fields[0] + "\"");
  return *found;
}

CountryProfile& profile_for(Tables& tables, const Row& row) {
  if (row.fields[0] == "*") return tables.fallback;
  const auto found =
      std::find_if(tables.countries.begin(), tables.countries.end(),
                   [&](const CountryProfile& profile) { return profile.code == row.fields[0]; });
  if (found == tables.countries.end()) throw row.error("no country \"" + row.fields[0] + "\"");
  return *found;
}

void read_cultures(const std::vector<DataFile>& files, Tables& tables) {
  for (const auto& row : rows_of(files, "cultures.tsv", 7)) {
    if (row.fields[0] == "latin") throw row.error("\"latin\" names the Latin company forms");
    tables.cultures.push_back(Culture{row.fields[0],
                                      number<int>(row, 1),
                                      yes_no(row, 2),
                                      yes_no(row, 3),
                                      number<double>(row, 4),
                                      row.fields[5],
                                      {},
                                      {},
                                      split(row.fields[6], ','),
                                      {},
                                      {}});
  }
  for (const auto& row : rows_of(files, "first_names.tsv", 4)) {
    if (row.fields[3] != "f" && row.fields[3] != "m") throw row.error("sex is f or m");
    culture_of(tables.cultures, row)
        .first.push_back(Name{row.fields[1], row.fields[2], row.fields[3] == "f"});
  }
  for (const auto& row : rows_of(files, "last_names.tsv", 3)) {
    culture_of(tables.cultures, row).last.push_back(Name{row.fields[1], row.fields[2]});
  }
  for (const auto& row : rows_of(files, "mail_domains.tsv", 2)) {
    culture_of(tables.cultures, row).mail_domains.push_back(row.fields[1]);
  }
  for (const auto& row : rows_of(files, "company_names.tsv", 3)) {
    auto& forms = row.fields[0] == "latin" ? tables.latin_companies
                                           : culture_of(tables.cultures, row).companies;
    forms.push_back(CompanyForm{row.fields[1], row.fields[2]});
  }
}

void read_countries(const std::vector<DataFile>& files, Tables& tables) {
  bool has_fallback = false;
  for (const auto& row : rows_of(files, "countries.tsv", 4)) {
    CountryProfile profile{row.fields[0], row.fields[1],  {}, {}, {},
                           row.fields[2], row.optional(3)};
    if (row.fields[0] == "*") {
      profile.code.clear();
      tables.fallback = std::move(profile);
      has_fallback = true;
    } else {
      tables.countries.push_back(std::move(profile));
    }
  }
  if (!has_fallback) throw std::runtime_error("data/seed/countries.tsv: no * row (the fallback)");
  for (const auto& row : rows_of(files, "company_suffixes.tsv", 2)) {
    profile_for(tables, row).company_suffixes.push_back(row.fields[1]);
  }
  for (const auto& row : rows_of(files, "cities.tsv", 3)) {
    profile_for(tables, row).cities.push_back(City{row.fields[1], row.optional(2)});
  }
  for (const auto& row : rows_of(files, "streets.tsv", 2)) {
    profile_for(tables, row).streets.push_back(row.fields[1]);
  }
}

void read_companies(const std::vector<DataFile>& files, Tables& tables) {
  tables.industries = single_column(files, "industries.tsv");
  tables.adjectives = single_column(files, "adjectives.tsv");
  tables.tags = single_column(files, "tags.tsv");
  for (auto& row : rows_of(files, "employers.tsv", 2)) {
    tables.employers.push_back(Employer{std::move(row.fields[0]), std::move(row.fields[1])});
  }
}

// The generator picks from every one of these lists: none may be empty.
void check_complete(const Tables& tables) {
  const auto require = [](bool present, const std::string& what) {
    if (!present) throw std::runtime_error("data/seed: " + what);
  };
  require(!tables.cultures.empty(), "no cultures");
  for (const auto& culture : tables.cultures) {
    require(culture.weight > 0, culture.key + ": weight must be positive");
    require(!culture.first.empty() && !culture.last.empty(), culture.key + ": no names");
    require(!culture.countries.empty(), culture.key + ": no countries");
    require(!culture.mail_domains.empty(), culture.key + ": no mail domains");
  }
  require(!tables.latin_companies.empty(), "no latin company forms");
  require(!tables.industries.empty() && !tables.adjectives.empty(), "no industries/adjectives");
  require(!tables.tags.empty() && !tables.employers.empty(), "no tags/employers");
  std::vector<const CountryProfile*> profiles = {&tables.fallback};
  for (const auto& profile : tables.countries) profiles.push_back(&profile);
  for (const CountryProfile* profile : profiles) {
    const std::string name = profile->code.empty() ? "*" : profile->code;
    require(!profile->company_suffixes.empty(), name + ": no company suffixes");
    require(!profile->cities.empty() && !profile->streets.empty(), name + ": no cities/streets");
  }
}

}  // namespace

const CountryProfile& Tables::profile_of(const std::string& country) const {
  for (const auto& profile : countries) {
    if (country == profile.code) return profile;
  }
  return fallback;
}

Tables parse_tables(const std::vector<DataFile>& files) {
  Tables tables;
  read_cultures(files, tables);
  read_countries(files, tables);
  read_companies(files, tables);
  check_complete(tables);
  return tables;
}

const Tables& tables() {
  static const Tables parsed = parse_tables(embedded_data_files());
  return parsed;
}

}  // namespace capi::seed
