#include <boost/test/unit_test.hpp>

#include <string>

#include "domain/text.hpp"

using namespace capi::domain;
using namespace std::string_literals;

BOOST_AUTO_TEST_SUITE(domain_text)

BOOST_AUTO_TEST_CASE(length_counts_code_points_not_bytes) {
  BOOST_TEST(utf8_length("") == 0u);
  BOOST_TEST(utf8_length("abc") == 3u);
  BOOST_TEST(utf8_length("Zoë") == 3u);     // 2-byte ë
  BOOST_TEST(utf8_length("日本語") == 3u);  // 3-byte each
  BOOST_TEST(utf8_length("a😀b") == 3u);     // 4-byte emoji
  BOOST_TEST(utf8_length(std::string(200, 'x')) == 200u);
  std::string two_hundred_e_acute;
  for (int i = 0; i < 200; ++i) two_hundred_e_acute += "é";
  BOOST_TEST(two_hundred_e_acute.size() == 400u);
  BOOST_TEST(utf8_length(two_hundred_e_acute) == 200u);
}

BOOST_AUTO_TEST_CASE(trim_removes_ascii_white_space_at_both_ends_only) {
  BOOST_TEST(trim("  Acme  ") == "Acme");
  BOOST_TEST(trim("\t\r\n Acme Ltd \n") == "Acme Ltd");
  BOOST_TEST(trim("\v\fx\f") == "x");
  BOOST_TEST(trim("a  b") == "a  b");
  BOOST_TEST(trim("") == "");
  BOOST_TEST(trim(" \t\n ") == "");
  BOOST_TEST(trim("x") == "x");
}

BOOST_AUTO_TEST_CASE(trim_removes_unicode_white_space) {
  BOOST_TEST(trim("\u00A0Acme\u00A0") == "Acme");  // no-break space
  BOOST_TEST(trim("\u3000Acme\u2003") == "Acme");  // ideographic, em space
  BOOST_TEST(trim("\u2028x\u2029") == "x");        // line and paragraph separators
  BOOST_TEST(trim("\u00A0\u00A0") == "");
  // Not white space: kept.
  BOOST_TEST(trim("éclair") == "éclair");
  BOOST_TEST(trim("日本") == "日本");
  BOOST_TEST(trim("x\u200B") == "x\u200B");  // zero width space is not White_Space
}

BOOST_AUTO_TEST_CASE(nul_is_always_a_control_char) {
  const std::string with_nul = "ab\0cd"s;
  BOOST_TEST(has_control_chars(with_nul, LineMode::kSingleLine));
  BOOST_TEST(has_control_chars(with_nul, LineMode::kMultiLine));
  BOOST_TEST(has_control_chars("\0"s, LineMode::kMultiLine));
}

BOOST_AUTO_TEST_CASE(single_line_text_refuses_every_control_char) {
  for (int byte = 1; byte < 0x20; ++byte) {
    const std::string text = "a" + std::string(1, static_cast<char>(byte)) + "b";
    BOOST_TEST(has_control_chars(text, LineMode::kSingleLine), "byte " << byte);
  }
  BOOST_TEST(has_control_chars("a\x7F", LineMode::kSingleLine));     // DEL
  BOOST_TEST(has_control_chars("a\u0085b", LineMode::kSingleLine));  // NEL, C1
  BOOST_TEST(has_control_chars("\u0080", LineMode::kSingleLine));
  BOOST_TEST(has_control_chars("\u009F", LineMode::kSingleLine));
  BOOST_TEST(!has_control_chars("Acme Ltd. (Nairobi) #1 ~ é 日本 😀", LineMode::kSingleLine));
  BOOST_TEST(!has_control_chars("\u00A0\u00A9", LineMode::kSingleLine));  // C2 A0, C2 A9
  BOOST_TEST(!has_control_chars("", LineMode::kSingleLine));
}

BOOST_AUTO_TEST_CASE(multi_line_text_allows_tab_and_line_breaks_only) {
  BOOST_TEST(!has_control_chars("line one\nline two\r\n\tindented", LineMode::kMultiLine));
  for (int byte = 1; byte < 0x20; ++byte) {
    if (byte == '\t' || byte == '\n' || byte == '\r') continue;
    const std::string text = "a" + std::string(1, static_cast<char>(byte)) + "b";
    BOOST_TEST(has_control_chars(text, LineMode::kMultiLine), "byte " << byte);
  }
  BOOST_TEST(has_control_chars("a\x7F", LineMode::kMultiLine));
  BOOST_TEST(has_control_chars("a\u0085", LineMode::kMultiLine));
}

BOOST_AUTO_TEST_CASE(white_space_anywhere) {
  BOOST_TEST(has_white_space("a b"));
  BOOST_TEST(has_white_space("a\u00A0b"));
  BOOST_TEST(has_white_space("\t"));
  BOOST_TEST(!has_white_space("a-b_é"));
  BOOST_TEST(!has_white_space(""));
}

BOOST_AUTO_TEST_CASE(well_formed_utf8_is_valid) {
  BOOST_TEST(is_valid_utf8(""));
  BOOST_TEST(is_valid_utf8("plain"));
  BOOST_TEST(is_valid_utf8("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"));  // é € 😀
  BOOST_TEST(is_valid_utf8("nul\0here"s));
  // The edges: the last code point before the surrogates, the first after, the last of all.
  BOOST_TEST(is_valid_utf8("\xed\x9f\xbf"));      // U+D7FF
  BOOST_TEST(is_valid_utf8("\xee\x80\x80"));      // U+E000
  BOOST_TEST(is_valid_utf8("\xf4\x8f\xbf\xbf"));  // U+10FFFF
}

BOOST_AUTO_TEST_CASE(ill_formed_utf8_is_not_valid) {
  BOOST_TEST(!is_valid_utf8("\xc3"));              // cut short
  BOOST_TEST(!is_valid_utf8("\xe2\x82"));          // cut short
  BOOST_TEST(!is_valid_utf8("\xe2\x82x"));         // cut short, then more text
  BOOST_TEST(!is_valid_utf8("\xc0\xaf"));          // overlong '/'
  BOOST_TEST(!is_valid_utf8("\xe0\x80\xaf"));      // overlong '/', three bytes
  BOOST_TEST(!is_valid_utf8("\xf0\x8f\xbf\xbf"));  // overlong U+FFFF, four bytes
  BOOST_TEST(!is_valid_utf8("\xed\xa0\x80"));      // a surrogate, U+D800
  BOOST_TEST(!is_valid_utf8("\xed\xbf\xbf"));      // a surrogate, U+DFFF
  BOOST_TEST(!is_valid_utf8("\xf4\x90\x80\x80"));  // above U+10FFFF
  BOOST_TEST(!is_valid_utf8("\xf5\x80\x80\x80"));  // no code point has this lead byte
  BOOST_TEST(!is_valid_utf8("\x80"));              // a continuation byte alone
  BOOST_TEST(!is_valid_utf8("\xff"));
  BOOST_TEST(!is_valid_utf8("ok\xfe"));
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_replaced_byte_by_byte) {
  const std::string kReplacement = "\xef\xbf\xbd";  // U+FFFD
  BOOST_TEST(replace_invalid_utf8("") == "");
  BOOST_TEST(replace_invalid_utf8("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80") ==
             "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
  BOOST_TEST(replace_invalid_utf8("nul\0here"s) == "nul\0here"s);
  BOOST_TEST(replace_invalid_utf8("a\xff"
                                  "b") == "a" + kReplacement + "b");
  BOOST_TEST(replace_invalid_utf8("\xc3") == kReplacement);                            // cut short
  BOOST_TEST(replace_invalid_utf8("\xe2\x82x") == kReplacement + kReplacement + "x");  // cut short
  BOOST_TEST(replace_invalid_utf8("\xc0\xaf") == kReplacement + kReplacement);  // overlong '/'
  BOOST_TEST(replace_invalid_utf8("\xed\xa0\x80") ==
             kReplacement + kReplacement + kReplacement);  // a surrogate
  BOOST_TEST(replace_invalid_utf8("\xf4\x90\x80\x80") ==
             kReplacement + kReplacement + kReplacement + kReplacement);  // above U+10FFFF
  // A bad byte does not take the good sequence after it along.
  BOOST_TEST(replace_invalid_utf8("\xc3\xc3\xa9") == kReplacement + "\xc3\xa9");
  BOOST_TEST(is_valid_utf8(replace_invalid_utf8("\xf0\x9f\x98\xe2\x82\xed\xa0\x80\xff")));
}

BOOST_AUTO_TEST_CASE(ascii_case_mapping_leaves_other_bytes_alone) {
  BOOST_TEST(ascii_lower("Finance@ACME.com") == "finance@acme.com");
  BOOST_TEST(ascii_lower("ÉCOLE") == "École");  // only ASCII letters change
  BOOST_TEST(ascii_upper("kes") == "KES");
  BOOST_TEST(ascii_upper("a1-z") == "A1-Z");
}

BOOST_AUTO_TEST_SUITE_END()
