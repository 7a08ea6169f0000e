#include "domain/country.hpp"

#include <unicode/locdspnm.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/unistr.h>
#include <unicode/ures.h>

#include <cstring>
#include <memory>
#include <unordered_map>
#include <vector>

#include "domain/iso_codes.hpp"
#include "domain/text.hpp"

namespace capi::domain {
namespace {

// The comparison key of a country name: compatibility-decomposed, accents dropped,
// case-folded, "&" read as "and", a leading "the" dropped, and only letters and digits
// kept, so that "Côte d’Ivoire" and "cote d'ivoire" meet.
std::string name_key(std::string_view name) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* const nfkd = icu::Normalizer2::getNFKDInstance(status);
  if (U_FAILURE(status)) return {};
  const icu::UnicodeString decomposed =
      nfkd->normalize(icu::UnicodeString::fromUTF8(
                          icu::StringPiece(name.data(), static_cast<int32_t>(name.size()))),
                      status);
  if (U_FAILURE(status)) return {};
  std::vector<std::string> words(1);
  for (int32_t i = 0; i < decomposed.length(); i = decomposed.moveIndex32(i, 1)) {
    const UChar32 ch = decomposed.char32At(i);
    if (u_charType(ch) == U_NON_SPACING_MARK) continue;
    if (u_isalnum(ch)) {
      icu::UnicodeString(u_foldCase(ch, U_FOLD_CASE_DEFAULT)).toUTF8String(words.back());
    } else if (!words.back().empty()) {
      words.emplace_back();
    }
    if (ch == '&') {
      words.back() = "and";
      words.emplace_back();
    }
  }
  std::string key;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i == 0 && words[i] == "the" && words.size() > 1) continue;
    key += words[i];
  }
  return key;
}

std::string locale_of(const char* alpha2) {
  return std::string("und_") + alpha2;
}

// Every name and code we accept, mapped to its alpha-2 code. Built once per process from
// ICU's data; the first country to claim a key keeps it, and "en" long names come first.
class CountryIndex {
 public:
  CountryIndex() {
    for (const char* const* code = uloc_getISOCountries(); *code != nullptr; ++code) {
      codes_.emplace_back(*code);
      alpha3_.emplace(uloc_getISO3Country(locale_of(*code).c_str()), *code);
    }
    add_display_names("en");
    add_variant_names();
    for (int32_t i = 0; i < uloc_countAvailable(); ++i) {
      const char* const locale = uloc_getAvailable(i);
      if (std::strncmp(locale, "en_", 3) == 0) add_display_names(locale);
    }
  }

  std::optional<std::string> from_alpha3(std::string_view upper) const {
    const auto found = alpha3_.find(std::string(upper));
    if (found == alpha3_.end()) return std::nullopt;
    return found->second;
  }

  std::optional<std::string> from_name(std::string_view name) const {
    const std::string key = name_key(name);
    if (key.empty()) return std::nullopt;
    const auto found = names_.find(key);
    if (found == names_.end()) return std::nullopt;
    return found->second;
  }

 private:
  void add_name(const icu::UnicodeString& name, const std::string& code) {
    std::string utf8;
    name.toUTF8String(utf8);
    const std::string key = name_key(utf8);
    if (!key.empty()) names_.emplace(key, code);
  }

  void add_display_names(const char* locale) {
    for (const UDisplayContext length : {UDISPCTX_LENGTH_FULL, UDISPCTX_LENGTH_SHORT}) {
      UDisplayContext contexts[] = {length, UDISPCTX_NO_SUBSTITUTE};
      const std::unique_ptr<icu::LocaleDisplayNames> names(
          icu::LocaleDisplayNames::createInstance(icu::Locale(locale), contexts, 2));
      if (!names) continue;
      for (const std::string& code : codes_) {
        icu::UnicodeString name;
        names->regionDisplayName(code.c_str(), name);
        if (!name.isBogus() && name.length() > 0) add_name(name, code);
      }
    }
  }

  // CLDR's alternative English names ("Ivory Coast", "Czech Republic") are only in the
  // region bundle's "Countries%variant" table; the display-name API does not expose them.
  // U_ICUDATA_NAME "-region" is how ICU itself names that bundle.
  void add_variant_names() {
    UErrorCode status = U_ZERO_ERROR;
    UResourceBundle* const bundle = ures_open(U_ICUDATA_NAME "-region", "en", &status);
    UResourceBundle* const variants = ures_getByKey(bundle, "Countries%variant", nullptr, &status);
    for (int32_t i = 0; U_SUCCESS(status) && i < ures_getSize(variants); ++i) {
      UErrorCode item_status = U_ZERO_ERROR;
      UResourceBundle* const item = ures_getByIndex(variants, i, nullptr, &item_status);
      int32_t length = 0;
      const UChar* const text = ures_getString(item, &length, &item_status);
      const char* const code = ures_getKey(item);
      if (U_SUCCESS(item_status) && code != nullptr && is_country_code(code)) {
        add_name(icu::UnicodeString(text, length), code);
      }
      ures_close(item);
    }
    ures_close(variants);
    ures_close(bundle);
  }

  std::vector<std::string> codes_;
  std::unordered_map<std::string, std::string> alpha3_;
  std::unordered_map<std::string, std::string> names_;
};

const CountryIndex& country_index() {
  static const CountryIndex index;  // thread-safe lazy construction
  return index;
}

}  // namespace

std::optional<std::string> normalize_country(std::string_view input) {
  const std::string_view text = trim(input);
  if (text.empty() || text.size() > 200) return std::nullopt;
  const std::string upper = ascii_upper(text);
  if (upper.size() == 2 && is_country_code(upper)) return upper;
  if (upper.size() == 3) {
    if (auto code = country_index().from_alpha3(upper)) return code;
  }
  return country_index().from_name(text);
}

void preload_country_names() {
  static_cast<void>(country_index());
}

std::string country_english_name(std::string_view alpha2) {
  if (!is_country_code(alpha2)) return {};
  UErrorCode status = U_ZERO_ERROR;
  UChar name[128];
  const int32_t length = uloc_getDisplayCountry(locale_of(std::string(alpha2).c_str()).c_str(),
                                                "en", name, 128, &status);
  if (U_FAILURE(status) || length <= 0) return {};
  std::string utf8;
  icu::UnicodeString(name, length).toUTF8String(utf8);
  return utf8;
}

}  // namespace capi::domain
