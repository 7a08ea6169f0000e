#include <boost/test/unit_test.hpp>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <variant>

#include "server/listen_socket.hpp"

namespace {

using capi::server::ListenAddress;
using capi::server::ListenSocket;

// A fresh directory under /tmp, removed with what is left in it.
struct TempDir {
  std::string path;
  TempDir() {
    std::string pattern = "/tmp/capi_listen_XXXXXX";
    BOOST_TEST_REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~TempDir() { std::system(("rm -rf '" + path + "'").c_str()); }
};

ListenAddress unix_at(const std::string& path) {
  ListenAddress address;
  address.kind = ListenAddress::Kind::kUnix;
  address.path = path;
  return address;
}

bool exists(const std::string& path) {
  struct stat status {};
  return ::lstat(path.c_str(), &status) == 0;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(server_listen_socket)

BOOST_AUTO_TEST_CASE(a_unix_socket_is_made_with_its_mode_and_removed_after) {
  const TempDir dir;
  const std::string path = dir.path + "/fcgi.sock";
  {
    auto opened = ListenSocket::open(unix_at(path), 0640, 16);
    BOOST_TEST_REQUIRE(std::holds_alternative<ListenSocket>(opened));
    const ListenSocket& socket = std::get<ListenSocket>(opened);
    struct stat status {};
    BOOST_TEST_REQUIRE(::stat(path.c_str(), &status) == 0);
    BOOST_TEST(S_ISSOCK(status.st_mode));
    BOOST_TEST((status.st_mode & 07777) == 0640u);
    BOOST_TEST((::fcntl(socket.fd(), F_GETFL) & O_NONBLOCK) != 0);
    BOOST_TEST((::fcntl(socket.fd(), F_GETFD) & FD_CLOEXEC) != 0);
  }
  BOOST_TEST(!exists(path));
}

BOOST_AUTO_TEST_CASE(a_live_socket_is_not_taken_over_but_a_stale_one_is) {
  const TempDir dir;
  const std::string path = dir.path + "/fcgi.sock";
  auto first = ListenSocket::open(unix_at(path), 0600, 16);
  BOOST_TEST_REQUIRE(std::holds_alternative<ListenSocket>(first));

  const auto second = ListenSocket::open(unix_at(path), 0600, 16);
  BOOST_TEST_REQUIRE(std::holds_alternative<std::string>(second));
  BOOST_TEST(std::get<std::string>(second).find("in use") != std::string::npos);
  BOOST_TEST(exists(path));  // the refused attempt left the live socket alone

  // Closing the descriptor without removing the file leaves what a killed server leaves.
  std::get<ListenSocket>(first).close();
  auto third = ListenSocket::open(unix_at(path), 0600, 16);
  BOOST_TEST(std::holds_alternative<ListenSocket>(third));
}

BOOST_AUTO_TEST_CASE(a_file_that_is_not_a_socket_is_left_alone) {
  const TempDir dir;
  const std::string path = dir.path + "/precious";
  std::ofstream(path) << "data";
  const auto opened = ListenSocket::open(unix_at(path), 0600, 16);
  BOOST_TEST_REQUIRE(std::holds_alternative<std::string>(opened));
  BOOST_TEST(std::get<std::string>(opened).find("not a socket") != std::string::npos);
  BOOST_TEST(exists(path));
}

BOOST_AUTO_TEST_CASE(tcp_on_a_free_loopback_port) {
  ListenAddress address;
  address.kind = ListenAddress::Kind::kTcp;
  address.host = "127.0.0.1";
  // Find a free port by binding port 0 first, then let go of it.
  const int probe = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in any{};
  any.sin_family = AF_INET;
  any.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  BOOST_TEST_REQUIRE(::bind(probe, reinterpret_cast<sockaddr*>(&any), sizeof any) == 0);
  socklen_t length = sizeof any;
  ::getsockname(probe, reinterpret_cast<sockaddr*>(&any), &length);
  address.port = ntohs(any.sin_port);
  ::close(probe);

  const auto opened = ListenSocket::open(address, 0, 16);
  BOOST_TEST(std::holds_alternative<ListenSocket>(opened));
}

BOOST_AUTO_TEST_CASE(systemd_without_a_passed_socket_is_an_error) {
  ::unsetenv("LISTEN_FDS");
  ::unsetenv("LISTEN_PID");
  ListenAddress address;
  address.kind = ListenAddress::Kind::kSystemd;
  const auto opened = ListenSocket::open(address, 0, 16);
  BOOST_TEST_REQUIRE(std::holds_alternative<std::string>(opened));
  BOOST_TEST(std::get<std::string>(opened).find("LISTEN_FDS") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
