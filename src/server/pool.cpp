// run_pool: the start-up chain, php-fpm style: each step either succeeds or stops start-up
// with one line saying why (exit code 2); then the master's loop runs until a graceful stop.
#include "server/pool.hpp"

#include <exception>
#include <optional>
#include <system_error>
#include <variant>

#include "server/listen_address.hpp"
#include "server/listen_socket.hpp"
#include "server/log.hpp"
#include "server/master.hpp"
#include "server/scoreboard.hpp"
#include "server/settings_check.hpp"
#include "server/signals.hpp"

namespace capi::server {
namespace {

constexpr int kExitFailed = 1;  // the master itself failed after start-up
constexpr int kExitCannotStart = 2;

int cannot_start(const std::string& why) {
  log_error("cannot start the pool: " + why);
  return kExitCannotStart;
}

}  // namespace

int run_pool(const GenerationLoader& load) {
  std::optional<Generation> first;
  try {
    first = load();
  } catch (const std::exception& error) {
    return cannot_start(error.what());
  } catch (...) {
    return cannot_start("the loader threw something that is not a std::exception");
  }
  if (const auto problem = find_settings_problem(first->settings)) return cannot_start(*problem);

  const PoolSettings& settings = first->settings;
  const ListenAddress address = std::get<ListenAddress>(parse_listen_address(settings.listen));
  auto opened = ListenSocket::open(address, settings.listen_mode, settings.listen_backlog);
  if (const auto* problem = std::get_if<std::string>(&opened)) {
    return cannot_start("cannot listen on " + settings.listen + ": " + *problem);
  }
  ListenSocket socket = std::move(std::get<ListenSocket>(opened));
  if (const auto problem = init_master_signals()) return cannot_start(*problem);

  std::optional<Scoreboard> scoreboard;
  try {
    scoreboard.emplace();
  } catch (const std::system_error& error) {
    return cannot_start(error.what());
  }

  try {
    Master master(load, std::move(*first), socket, *scoreboard);
    return master.run();
  } catch (const std::exception& error) {
    // Workers get SIGTERM from the kernel when we exit (PR_SET_PDEATHSIG) and finish cleanly.
    log_error(std::string("the pool's master failed: ") + error.what());
    return kExitFailed;
  }
}

}  // namespace capi::server
