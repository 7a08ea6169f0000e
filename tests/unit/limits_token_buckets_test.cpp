#include <boost/test/unit_test.hpp>

#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "limits/token_buckets.hpp"

using capi::limits::charge;
using capi::limits::TokenBuckets;
using std::chrono::nanoseconds;
using namespace std::chrono_literals;

namespace {
constexpr std::int64_t kMinute = 60'000'000'000;
constexpr std::int64_t kStart = 1'000 * kMinute;  // an arbitrary steady-clock reading
}  // namespace

BOOST_AUTO_TEST_SUITE(limits_token_buckets)

BOOST_AUTO_TEST_CASE(a_full_bucket_allows_the_budget_at_once_then_refuses) {
  std::int64_t state = 0;
  for (int i = 1; i <= 100; ++i) {
    const auto next = charge(state, 100, kMinute, kStart);
    BOOST_TEST_REQUIRE(next.decision.allowed, "request " << i);
    BOOST_TEST(next.decision.remaining == 100 - i);
    BOOST_TEST(next.decision.limit == 100);
    state = next.full_at;
  }
  const auto refused = charge(state, 100, kMinute, kStart);
  BOOST_TEST(!refused.decision.allowed);
  BOOST_TEST(refused.decision.remaining == 0);
  BOOST_TEST(refused.full_at == state);                   // a refusal costs nothing
  BOOST_TEST(refused.decision.retry_after_seconds == 1);  // one token: 0.6 s, rounded up
  BOOST_TEST(refused.decision.reset_seconds == 60);
}

BOOST_AUTO_TEST_CASE(the_bucket_refills_continuously_at_the_budget_per_window) {
  std::int64_t state = 0;
  for (int i = 0; i < 10; ++i) state = charge(state, 10, kMinute, kStart).full_at;
  BOOST_TEST(!charge(state, 10, kMinute, kStart).decision.allowed);
  // 10 a minute: a token every 6 s.
  const auto early = charge(state, 10, kMinute, kStart + 5'900'000'000);
  BOOST_TEST(!early.decision.allowed);
  BOOST_TEST(early.decision.retry_after_seconds == 1);
  const auto back = charge(state, 10, kMinute, kStart + 6'000'000'000);
  BOOST_TEST(back.decision.allowed);
  BOOST_TEST(back.decision.remaining == 0);
  // Half a minute later, five tokens are back (and no more than the budget ever).
  const auto later = charge(back.full_at, 10, kMinute, kStart + 36'000'000'000);
  BOOST_TEST(later.decision.remaining == 4);
  const auto idle = charge(state, 10, kMinute, kStart + 100 * kMinute);
  BOOST_TEST(idle.decision.remaining == 9);
  BOOST_TEST(idle.decision.reset_seconds == 6);
}

BOOST_AUTO_TEST_CASE(huge_budgets_and_odd_ones_are_exact) {
  std::int64_t state = 0;
  int allowed = 0;
  for (int i = 0; i < 10; ++i) {
    const auto next = charge(state, 7, kMinute, kStart);
    if (next.decision.allowed) ++allowed;
    state = next.full_at;
  }
  BOOST_TEST(allowed == 7);
  const auto big = charge(0, 1'000'000'000, kMinute, kStart);
  BOOST_TEST(big.decision.allowed);
  BOOST_TEST(big.decision.remaining == 999'999'999);
}

BOOST_AUTO_TEST_CASE(keys_have_buckets_of_their_own) {
  auto buckets = TokenBuckets::create_shared(64);
  const nanoseconds now(kStart);
  for (int i = 0; i < 3; ++i)
    BOOST_TEST(buckets.take("key-a", 3, nanoseconds(kMinute), now)->allowed);
  BOOST_TEST(!buckets.take("key-a", 3, nanoseconds(kMinute), now)->allowed);
  BOOST_TEST(buckets.take("key-b", 3, nanoseconds(kMinute), now)->allowed);
}

BOOST_AUTO_TEST_CASE(a_full_table_says_so) {
  auto buckets = TokenBuckets::create_shared(4);
  const nanoseconds now(kStart);
  for (int i = 0; i < 4; ++i) {
    BOOST_TEST(buckets.take("key-" + std::to_string(i), 5, nanoseconds(kMinute), now).has_value());
  }
  BOOST_TEST(!buckets.take("key-4", 5, nanoseconds(kMinute), now).has_value());
  BOOST_TEST(buckets.take("key-0", 5, nanoseconds(kMinute), now).has_value());
}

// Processes forked after the mapping charge the same buckets: 4 processes of 100 attempts on
// a budget of 150 get exactly 150 between them, however they interleave.
BOOST_AUTO_TEST_CASE(forked_processes_share_the_buckets_exactly) {
  auto buckets = TokenBuckets::create_shared(1024);
  auto* const allowed =
      static_cast<std::atomic<int>*>(mmap(nullptr, sizeof(std::atomic<int>), PROT_READ | PROT_WRITE,
                                          MAP_SHARED | MAP_ANONYMOUS, -1, 0));
  BOOST_TEST_REQUIRE(allowed != MAP_FAILED);
  new (allowed) std::atomic<int>(0);
  const nanoseconds now(kStart);  // one instant: no refill in between
  std::vector<pid_t> children;
  for (int p = 0; p < 4; ++p) {
    const pid_t child = fork();
    BOOST_TEST_REQUIRE(child >= 0);
    if (child == 0) {
      for (int i = 0; i < 100; ++i) {
        const auto decision = buckets.take("shared-key", 150, nanoseconds(kMinute), now);
        if (decision && decision->allowed) allowed->fetch_add(1);
      }
      _exit(0);
    }
    children.push_back(child);
  }
  for (const pid_t child : children) {
    int status = 0;
    waitpid(child, &status, 0);
    BOOST_TEST((WIFEXITED(status) && WEXITSTATUS(status) == 0));
  }
  BOOST_TEST(allowed->load() == 150);
  BOOST_TEST(!buckets.take("shared-key", 150, nanoseconds(kMinute), now)->allowed);
  munmap(allowed, sizeof(std::atomic<int>));
}

BOOST_AUTO_TEST_SUITE_END()
