// Who a row is: the person or company, its name in the culture's script, its email address.
#include <string_view>

#include "seed/row_parts.hpp"

namespace capi::seed::detail {
namespace {

std::string capitalised(std::string_view ascii) {
  std::string text(ascii);
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 32);
  return text;
}

// Lower-case ASCII letters and digits, words joined with '-'.
std::string slug(std::string_view ascii_words) {
  std::string text;
  for (const char ch : ascii_words) {
    if (ch >= 'A' && ch <= 'Z') {
      text += static_cast<char>(ch + 32);
    } else if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
      text += ch;
    } else if (ch == ' ' && !text.empty() && text.back() != '-') {
      text += '-';
    }
  }
  return text;
}

bool takes_feminine_a(std::string_view surname) {
  for (const std::string_view ending : {"ов", "ев", "ёв", "ин"}) {
    if (surname.ends_with(ending)) return true;
  }
  return false;
}

struct Company {
  std::string name;
  std::string slug;  // the domain's first label
};

Company make_company(const Person& owner, const CountryProfile& profile, const Tables& tables,
                     Rng& rng) {
  const Culture& culture = *owner.culture;
  const Name& partner = rng.pick(culture.last);
  const bool native = !owner.latin && !culture.companies.empty();
  const CompanyForm& form = native ? rng.pick(culture.companies) : rng.pick(tables.latin_companies);
  const std::string family = owner.latin ? capitalised(owner.last_ascii) : owner.last_display;
  const std::string partner_name = owner.latin ? capitalised(partner.ascii) : partner.display;
  const std::string& industry = rng.pick(tables.industries);
  const std::string& adjective = rng.pick(tables.adjectives);
  const std::string& suffix = rng.pick(profile.company_suffixes);
  std::string display = form.display;
  display = replace_all(display, "{L2}", partner_name);
  display = replace_all(display, "{L}", family);
  display = replace_all(display, "{I}", industry);
  display = replace_all(display, "{A}", adjective);
  display = replace_all(display, "{S}", suffix);
  std::string company_slug = form.slug;
  company_slug = replace_all(company_slug, "{l2}", partner.ascii);
  company_slug = replace_all(company_slug, "{l}", owner.last_ascii);
  company_slug = replace_all(company_slug, "{i}", slug(industry));
  company_slug = replace_all(company_slug, "{a}", slug(adjective));
  return Company{std::move(display), std::move(company_slug)};
}

std::string display_name(const Person& person) {
  if (person.latin) return capitalised(person.first->ascii) + " " + capitalised(person.last_ascii);
  if (person.culture->family_first) return person.last_display + person.first->display;
  return person.first->display + " " + person.last_display;
}

// first.last (the most common), firstlast, flast, first_last, last.first, first, first.l,
// first-last.
std::string personal_local_part(const Person& person, Rng& rng) {
  static const std::vector<int> pattern_weights = {30, 15, 12, 8, 8, 7, 5, 5};
  int pick = static_cast<int>(rng.below(90));
  std::size_t pattern = 0;
  while (pick >= pattern_weights[pattern]) pick -= pattern_weights[pattern++];
  const std::string& f = person.first->ascii;
  const std::string& l = person.last_ascii;
  switch (pattern) {
    case 0:
      return f + "." + l;
    case 1:
      return f + l;
    case 2:
      return f.substr(0, 1) + l;
    case 3:
      return f + "_" + l;
    case 4:
      return l + "." + f;
    case 5:
      return f;
    case 6:
      return f + "." + l.substr(0, 1);
    default:
      return f + "-" + l;
  }
}

}  // namespace

Person pick_person(const Culture& culture, Rng& rng) {
  Person person;
  person.culture = &culture;
  person.latin = rng.chance(culture.latin_share);
  person.first = &rng.pick(culture.first);
  const Name& last = rng.pick(culture.last);
  person.last_display = last.display;
  person.last_ascii = last.ascii;
  if (culture.feminine_surnames && person.first->female && takes_feminine_a(last.display)) {
    person.last_display += "а";
    person.last_ascii += "a";
  }
  return person;
}

EmailParts fill_business(Customer& customer, const Person& owner, const CountryProfile& profile,
                         const Tables& tables, Rng& rng) {
  const Company company = make_company(owner, profile, tables, rng);
  customer.name = company.name;
  customer.company_name = company.name;
  EmailParts email;
  if (rng.chance(0.8)) {  // a role address at the company's own domain
    static const std::vector<std::string> roles = {"info",   "sales", "accounts", "office",
                                                   "orders", "hello", "admin",    "finance"};
    email.local = rng.pick(roles);
    email.domain = company.slug + "." + profile.tld;
  } else {
    email.local = replace_all(company.slug, "-", "");
    email.domain = rng.pick(owner.culture->mail_domains);
  }
  if (rng.chance(0.6)) customer.website = "https://www." + company.slug + "." + profile.tld;
  return email;
}

EmailParts fill_individual(Customer& customer, const Person& person, const Tables& tables,
                           Rng& rng) {
  customer.name = display_name(person);
  EmailParts email;
  email.local = personal_local_part(person, rng);
  email.domain = rng.pick(person.culture->mail_domains);
  if (rng.chance(0.2)) {
    const Employer& employer = rng.pick(tables.employers);
    customer.company_name = employer.name;
    if (rng.chance(0.6)) email.domain = employer.domain;
  }
  return email;
}

}  // namespace capi::seed::detail
