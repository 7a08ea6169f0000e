// The planner's estimates of a search text's infix matches, kept for a few minutes per
// business and text (store/customer_search.cpp), and corrected when a walk of the name
// index finds fewer matches than the estimate promised.
//
// An estimate only chooses how the infix group is found (walking the name index or gathering
// every match); both give the same page. It moves only when ANALYZE refreshes pg_trgm's
// statistics, and asking for it costs a planning pass of the database: about 0.6 ms of its
// CPU for each search that gets past the name prefix, a tenth of what a search costs it.
// Bounded: at most kEntries texts, each trusted for kFresh.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace capi::store {

class EstimateMemo {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::size_t kEntries = 256;
  static constexpr std::chrono::seconds kFresh{300};

  std::optional<std::int64_t> find(std::string_view business_id, std::string_view text,
                                   Clock::time_point now) const;
  void keep(std::string_view business_id, std::string_view text, std::int64_t estimate,
            Clock::time_point now);
  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::int64_t estimate;
    Clock::time_point kept_at;
  };
  static std::string key(std::string_view business_id, std::string_view text);
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace capi::store
