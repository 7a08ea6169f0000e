#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>

#include "log/log.hpp"

BOOST_AUTO_TEST_SUITE(log_process_id)

// The id is cached; a worker forked from the master must not log with the master's.
BOOST_AUTO_TEST_CASE(is_this_process_even_after_fork) {
  BOOST_TEST(capi::log::process_id() == ::getpid());
  const pid_t child = ::fork();
  BOOST_TEST_REQUIRE(child >= 0);
  if (child == 0) ::_exit(capi::log::process_id() == ::getpid() ? 0 : 1);
  int status = 0;
  BOOST_TEST_REQUIRE(::waitpid(child, &status, 0) == child);
  BOOST_TEST(WIFEXITED(status));
  BOOST_TEST(WEXITSTATUS(status) == 0);
  BOOST_TEST(capi::log::process_id() == ::getpid());
}

BOOST_AUTO_TEST_SUITE_END()
