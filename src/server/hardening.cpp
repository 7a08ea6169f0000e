#include "server/hardening.hpp"

#include <sys/prctl.h>
#include <sys/resource.h>

#include <cerrno>

#include "server/log.hpp"

namespace capi::server {

std::string forbid_core_dumps() {
  std::string problems;
  const rlimit none{0, 0};
  if (::setrlimit(RLIMIT_CORE, &none) != 0)
    problems = describe_errno("setrlimit(RLIMIT_CORE)", errno);
  if (::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) {
    if (!problems.empty()) problems += "; ";
    problems += describe_errno("prctl(PR_SET_DUMPABLE)", errno);
  }
  return problems;
}

}  // namespace capi::server
