#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>

#include "server/log.hpp"

namespace {

using capi::server::describe_errno;
using capi::server::format_log_line;
using capi::server::json_escape;
using capi::server::LogLevel;

}  // namespace

BOOST_AUTO_TEST_SUITE(server_log)

BOOST_AUTO_TEST_CASE(plain_text_is_unchanged) {
  BOOST_TEST(json_escape("worker 456 exited on signal 9 (SIGKILL)") ==
             "worker 456 exited on signal 9 (SIGKILL)");
}

BOOST_AUTO_TEST_CASE(quotes_backslashes_and_control_characters_are_escaped) {
  BOOST_TEST(json_escape(R"(say "hi" \ bye)") == R"(say \"hi\" \\ bye)");
  BOOST_TEST(json_escape("a\nb\rc\td\be\ff") == R"(a\nb\rc\td\be\ff)");
  BOOST_TEST(json_escape(std::string("\x01\x1f\x7f", 3)) == R"(\u0001\u001f\u007f)");
  BOOST_TEST(json_escape(std::string("nul\0here", 8)) == R"(nul\u0000here)");
}

BOOST_AUTO_TEST_CASE(utf8_passes_and_broken_bytes_are_replaced) {
  BOOST_TEST(json_escape("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80") ==
             "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
  BOOST_TEST(json_escape("a\xff"
                         "b") == R"(a\ufffdb)");
  BOOST_TEST(json_escape("\xc3") == R"(\ufffd)");                      // cut short
  BOOST_TEST(json_escape("\xc0\xaf") == R"(\ufffd\ufffd)");            // overlong '/'
  BOOST_TEST(json_escape("\xed\xa0\x80") == R"(\ufffd\ufffd\ufffd)");  // a surrogate
}

BOOST_AUTO_TEST_CASE(a_line_is_one_json_object) {
  const auto time = std::chrono::system_clock::time_point{} + std::chrono::seconds(1795428000) +
                    std::chrono::milliseconds(123);
  BOOST_TEST(format_log_line(time, LogLevel::kWarning, 123, "worker \"7\" gone\n") ==
             R"({"time":"2026-11-23T10:00:00.123Z","level":"warn","pid":123,)"
             R"("msg":"worker \"7\" gone\n"})"
             "\n");
  BOOST_TEST(format_log_line(time, LogLevel::kInfo, 1, "x").find(R"("level":"info")") !=
             std::string::npos);
  BOOST_TEST(format_log_line(time, LogLevel::kError, 1, "x").find(R"("level":"error")") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(errno_is_named_with_its_call) {
  BOOST_TEST(describe_errno("bind", 13) == "bind() failed (13: Permission denied)");
}

BOOST_AUTO_TEST_SUITE_END()
