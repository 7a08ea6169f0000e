#include "server/listen_socket.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <systemd/sd-daemon.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <optional>
#include <utility>

#include "server/log.hpp"

namespace capi::server {
namespace {

constexpr int kSocketFlags = SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC;

sockaddr_un unix_address(const std::string& path) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::memcpy(address.sun_path, path.data(), path.size());  // length checked when parsed
  return address;
}

// A socket file left at `path` is removed if no server answers on it any more (php-fpm and
// nginx simply unlink; probing first keeps a second pool from stealing a live one's socket).
std::optional<std::string> remove_stale_socket_file(const std::string& path) {
  struct stat status {};
  if (::lstat(path.c_str(), &status) != 0) {
    if (errno == ENOENT) return std::nullopt;
    return describe_errno("lstat", errno);
  }
  if (!S_ISSOCK(status.st_mode)) return path + " exists and is not a socket";

  const UniqueFd probe{::socket(AF_UNIX, kSocketFlags, 0)};
  if (!probe.valid()) return describe_errno("socket", errno);
  const sockaddr_un address = unix_address(path);
  // Non-blocking: a live server with a full backlog answers EAGAIN instead of keeping us here.
  if (::connect(probe.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0 ||
      errno == EAGAIN) {
    return path + " is in use by a running server";
  }
  if (errno != ECONNREFUSED) return "probing " + path + ": " + describe_errno("connect", errno);
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
    return "removing the stale " + path + ": " + describe_errno("unlink", errno);
  }
  return std::nullopt;
}

using AddressList = std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)>;

}  // namespace

std::variant<ListenSocket, std::string> ListenSocket::open_unix(const std::string& path,
                                                                unsigned mode, int backlog) {
  if (auto problem = remove_stale_socket_file(path)) return *std::move(problem);
  UniqueFd fd{::socket(AF_UNIX, kSocketFlags, 0)};
  if (!fd.valid()) return describe_errno("socket", errno);
  const sockaddr_un bound = unix_address(path);
  if (::bind(fd.get(), reinterpret_cast<const sockaddr*>(&bound), sizeof bound) != 0) {
    return describe_errno("bind", errno);
  }
  ListenSocket socket{std::move(fd)};
  socket.own_socket_file(path);  // any failure below removes the file again
  // Before listen(): nobody can connect until the permissions are the configured ones.
  if (::chmod(path.c_str(), mode) != 0) return describe_errno("chmod", errno);
  if (::listen(socket.fd(), backlog) != 0) return describe_errno("listen", errno);
  return socket;
}

std::variant<ListenSocket, std::string> ListenSocket::open_tcp(const ListenAddress& address,
                                                               int backlog) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string port = std::to_string(address.port);
  if (const int rc = ::getaddrinfo(address.host.c_str(), port.c_str(), &hints, &found); rc != 0) {
    return "cannot resolve " + address.host + ": " + ::gai_strerror(rc);
  }
  const AddressList candidates{found, &::freeaddrinfo};
  std::string last_problem = "no address to listen on";
  for (const addrinfo* candidate = candidates.get(); candidate != nullptr;
       candidate = candidate->ai_next) {
    UniqueFd fd{::socket(candidate->ai_family, kSocketFlags, candidate->ai_protocol)};
    if (!fd.valid()) {
      last_problem = describe_errno("socket", errno);
      continue;
    }
    // A restarted pool must not wait out the old connections' TIME_WAIT.
    const int on = 1;
    if (::setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) != 0) {
      last_problem = describe_errno("setsockopt(SO_REUSEADDR)", errno);
      continue;
    }
    if (::bind(fd.get(), candidate->ai_addr, candidate->ai_addrlen) != 0) {
      last_problem = describe_errno("bind", errno);
      continue;
    }
    if (::listen(fd.get(), backlog) != 0) {
      last_problem = describe_errno("listen", errno);
      continue;
    }
    return ListenSocket{std::move(fd)};
  }
  return last_problem;
}

std::variant<ListenSocket, std::string> ListenSocket::adopt_systemd() {
  // 1: unset LISTEN_FDS and friends, so that nothing we start mistakes them for its own.
  const int passed = ::sd_listen_fds(1);
  if (passed < 0) return describe_errno("sd_listen_fds", -passed);
  if (passed == 0) {
    return "listen = systemd, but no socket was passed (LISTEN_FDS is not set; start the "
           "service through its .socket unit)";
  }
  if (passed > 1) {
    log_warning("systemd passed " + std::to_string(passed) + " sockets; using the first");
  }
  UniqueFd fd{SD_LISTEN_FDS_START};
  if (::sd_is_socket(fd.get(), AF_UNSPEC, SOCK_STREAM, 1) <= 0) {
    return "the socket systemd passed is not a listening stream socket";
  }
  const int flags = ::fcntl(fd.get(), F_GETFL);
  if (flags < 0 || ::fcntl(fd.get(), F_SETFL, flags | O_NONBLOCK) != 0) {
    return describe_errno("fcntl(O_NONBLOCK)", errno);
  }
  if (::fcntl(fd.get(), F_SETFD, FD_CLOEXEC) != 0) {
    return describe_errno("fcntl(FD_CLOEXEC)", errno);
  }
  return ListenSocket{std::move(fd)};  // the socket file, if any, belongs to systemd
}

std::variant<ListenSocket, std::string> ListenSocket::open(const ListenAddress& address,
                                                           unsigned mode, int backlog) {
  switch (address.kind) {
    case ListenAddress::Kind::kUnix:
      return open_unix(address.path, mode, backlog);
    case ListenAddress::Kind::kTcp:
      return open_tcp(address, backlog);
    case ListenAddress::Kind::kSystemd:
      return adopt_systemd();
  }
  return std::string("unknown kind of listen address");
}

ListenSocket::ListenSocket(ListenSocket&& other) noexcept
    : fd_(std::move(other.fd_)),
      owned_path_(std::exchange(other.owned_path_, {})),
      owned_device_(other.owned_device_),
      owned_inode_(other.owned_inode_) {}

ListenSocket& ListenSocket::operator=(ListenSocket&& other) noexcept {
  if (this != &other) {
    remove_socket_file();
    fd_ = std::move(other.fd_);
    owned_path_ = std::exchange(other.owned_path_, {});
    owned_device_ = other.owned_device_;
    owned_inode_ = other.owned_inode_;
  }
  return *this;
}

ListenSocket::~ListenSocket() {
  remove_socket_file();
}

void ListenSocket::own_socket_file(const std::string& path) noexcept {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) return;  // gone already: nothing to remove later
  owned_path_ = path;
  owned_device_ = status.st_dev;
  owned_inode_ = status.st_ino;
}

void ListenSocket::remove_socket_file() noexcept {
  if (owned_path_.empty()) return;
  // Only our own file: a pool started after us may have replaced it with its own.
  struct stat status {};
  if (::stat(owned_path_.c_str(), &status) == 0 && status.st_dev == owned_device_ &&
      status.st_ino == owned_inode_) {
    ::unlink(owned_path_.c_str());
  }
  owned_path_.clear();
}

}  // namespace capi::server
