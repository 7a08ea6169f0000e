#include <boost/test/unit_test.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <string>

#include "server/exit_status.hpp"

namespace {

using capi::server::describe_exit_status;
using capi::server::exited_cleanly;
using capi::server::exited_on_startup_failure;
using capi::server::kWorkerExitStartupFailed;

// The real waitpid() status of a child that exits with `code`, or dies of `signo` if nonzero.
int status_of_child(int code, int signo = 0) {
  const pid_t pid = ::fork();
  BOOST_TEST_REQUIRE(pid >= 0);
  if (pid == 0) {
    if (signo != 0) {
      std::signal(signo, SIG_DFL);
      ::kill(::getpid(), signo);
    }
    ::_exit(code);
  }
  int status = 0;
  BOOST_TEST_REQUIRE(::waitpid(pid, &status, 0) == pid);
  return status;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(server_exit_status)

BOOST_AUTO_TEST_CASE(exit_codes) {
  const int clean = status_of_child(0);
  BOOST_TEST(describe_exit_status(clean) == "exited with code 0");
  BOOST_TEST(exited_cleanly(clean));
  BOOST_TEST(!exited_on_startup_failure(clean));

  const int startup = status_of_child(kWorkerExitStartupFailed);
  BOOST_TEST(describe_exit_status(startup) == "exited with code 3");
  BOOST_TEST(!exited_cleanly(startup));
  BOOST_TEST(exited_on_startup_failure(startup));
}

BOOST_AUTO_TEST_CASE(signals_are_named) {
  const int killed = status_of_child(0, SIGKILL);
  BOOST_TEST(describe_exit_status(killed) == "exited on signal 9 (SIGKILL)");
  BOOST_TEST(!exited_cleanly(killed));
  BOOST_TEST(!exited_on_startup_failure(killed));
  BOOST_TEST(describe_exit_status(status_of_child(0, SIGTERM)) == "exited on signal 15 (SIGTERM)");
}

BOOST_AUTO_TEST_SUITE_END()
