// The listening socket the master opens once and every worker of every generation accepts on.
// Non-blocking (workers poll, then accept; a lost race is EAGAIN) and close-on-exec.
#pragma once

#include <sys/types.h>

#include <string>
#include <variant>

#include "server/listen_address.hpp"
#include "server/unique_fd.hpp"

namespace capi::server {

class ListenSocket {
 public:
  // Opens the socket `address` names, or says in one line why it cannot. A unix socket file
  // left behind by a dead server is replaced; one a live server still listens on is not.
  static std::variant<ListenSocket, std::string> open(const ListenAddress& address, unsigned mode,
                                                      int backlog);

  ListenSocket(ListenSocket&& other) noexcept;
  ListenSocket& operator=(ListenSocket&& other) noexcept;
  ListenSocket(const ListenSocket&) = delete;
  ListenSocket& operator=(const ListenSocket&) = delete;
  // Removes the unix socket file this process created, if it is still the same file.
  ~ListenSocket();

  int fd() const noexcept { return fd_.get(); }

  // The master stops holding the socket (its workers keep their copies); the socket file
  // stays until destruction, so that workers finishing their requests are not disturbed.
  void close() noexcept { fd_.reset(); }

 private:
  explicit ListenSocket(UniqueFd fd) noexcept : fd_(std::move(fd)) {}
  static std::variant<ListenSocket, std::string> open_unix(const std::string& path, unsigned mode,
                                                           int backlog);
  static std::variant<ListenSocket, std::string> open_tcp(const ListenAddress& address,
                                                          int backlog);
  // The socket systemd passed (socket activation); the socket file, if any, is systemd's.
  static std::variant<ListenSocket, std::string> adopt_systemd();
  // From now on the socket file at `path` is ours, to remove when we are done.
  void own_socket_file(const std::string& path) noexcept;
  void remove_socket_file() noexcept;

  UniqueFd fd_;
  std::string owned_path_;  // empty unless we created a unix socket file
  dev_t owned_device_ = 0;
  ino_t owned_inode_ = 0;
};

}  // namespace capi::server
