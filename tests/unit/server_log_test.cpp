#include <rapidjson/document.h>

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>

#include "server/log.hpp"

namespace {

using capi::server::describe_errno;
using capi::server::format_log_line;
using capi::server::LogLevel;

// 2026-11-23T10:00:00.123Z
const auto kTime = std::chrono::system_clock::time_point{} + std::chrono::seconds(1795428000) +
                   std::chrono::milliseconds(123);

// What the line for `message` holds between the quotes of "msg".
std::string escaped_message(std::string_view message) {
  const std::string line = format_log_line(kTime, LogLevel::kInfo, 1, message);
  const std::string_view head =
      R"({"time":"2026-11-23T10:00:00.123Z","level":"info","pid":1,"msg":")";
  const std::string_view tail = "\"}\n";
  BOOST_TEST_REQUIRE(line.starts_with(head));
  BOOST_TEST_REQUIRE(line.ends_with(tail));
  return line.substr(head.size(), line.size() - head.size() - tail.size());
}

const std::string kReplacement = "\xef\xbf\xbd";  // U+FFFD

}  // namespace

BOOST_AUTO_TEST_SUITE(server_log)

BOOST_AUTO_TEST_CASE(plain_text_is_unchanged) {
  BOOST_TEST(escaped_message("worker 456 exited on signal 9 (SIGKILL)") ==
             "worker 456 exited on signal 9 (SIGKILL)");
}

BOOST_AUTO_TEST_CASE(quotes_backslashes_and_control_characters_are_escaped) {
  BOOST_TEST(escaped_message(R"(say "hi" \ bye)") == R"(say \"hi\" \\ bye)");
  BOOST_TEST(escaped_message("a\nb\rc\td\be\ff") == R"(a\nb\rc\td\be\ff)");
  BOOST_TEST(escaped_message(std::string("\x01\x1f", 2)) == R"(\u0001\u001F)");
  BOOST_TEST(escaped_message(std::string("nul\0here", 8)) == R"(nul\u0000here)");
  // DEL is not a control character JSON needs escaped (RFC 8259 section 7: U+0000..U+001F),
  // and RapidJSON writes it as it is.
  BOOST_TEST(escaped_message("a\x7f") == "a\x7f");
}

BOOST_AUTO_TEST_CASE(utf8_passes_and_broken_bytes_are_replaced) {
  BOOST_TEST(escaped_message("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80") ==
             "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
  BOOST_TEST(escaped_message("a\xff"
                             "b") == "a" + kReplacement + "b");
  BOOST_TEST(escaped_message("\xc3") == kReplacement);                     // cut short
  BOOST_TEST(escaped_message("\xc0\xaf") == kReplacement + kReplacement);  // overlong '/'
  BOOST_TEST(escaped_message("\xed\xa0\x80") == kReplacement + kReplacement + kReplacement);
  BOOST_TEST(escaped_message("\xf4\x90\x80\x80") ==
             kReplacement + kReplacement + kReplacement + kReplacement);  // above U+10FFFF
}

BOOST_AUTO_TEST_CASE(a_line_is_one_json_object) {
  BOOST_TEST(format_log_line(kTime, LogLevel::kWarning, 123, "worker \"7\" gone\n") ==
             R"({"time":"2026-11-23T10:00:00.123Z","level":"warn","pid":123,)"
             R"("msg":"worker \"7\" gone\n"})"
             "\n");
  BOOST_TEST(format_log_line(kTime, LogLevel::kInfo, 1, "x").find(R"("level":"info")") !=
             std::string::npos);
  BOOST_TEST(format_log_line(kTime, LogLevel::kError, 1, "x").find(R"("level":"error")") !=
             std::string::npos);
}

// Whatever bytes a message holds, the line is valid JSON (valid UTF-8 included) on one line.
BOOST_AUTO_TEST_CASE(every_byte_gives_valid_json) {
  std::string every_byte;
  for (int byte = 0; byte < 256; ++byte) every_byte += static_cast<char>(byte);
  const std::string line = format_log_line(kTime, LogLevel::kError, 99, every_byte);
  BOOST_TEST(line.find('\n') == line.size() - 1);
  rapidjson::Document document;
  document.Parse<rapidjson::kParseValidateEncodingFlag>(line.data(), line.size() - 1);
  BOOST_TEST_REQUIRE(!document.HasParseError());
  BOOST_TEST_REQUIRE(document["msg"].IsString());
  const std::string message(document["msg"].GetString(), document["msg"].GetStringLength());
  // The ASCII half comes back as it was; each of the 128 other bytes, alone, is not UTF-8.
  BOOST_TEST(message.substr(0, 128) == every_byte.substr(0, 128));
  std::string replaced;
  for (int i = 0; i < 128; ++i) replaced += kReplacement;
  BOOST_TEST(message.substr(128) == replaced);
}

BOOST_AUTO_TEST_CASE(errno_is_named_with_its_call) {
  BOOST_TEST(describe_errno("bind", 13) == "bind() failed (13: Permission denied)");
}

BOOST_AUTO_TEST_SUITE_END()
