#include "store/estimate_memo.hpp"

namespace capi::store {

std::string EstimateMemo::key(std::string_view business_id, std::string_view text) {
  // A business id never holds a NUL; the text may, and comes last.
  std::string joined;
  joined.reserve(business_id.size() + 1 + text.size());
  joined.append(business_id).append(1, '\0').append(text);
  return joined;
}

std::optional<std::int64_t> EstimateMemo::find(std::string_view business_id, std::string_view text,
                                               Clock::time_point now) const {
  const auto found = entries_.find(key(business_id, text));
  if (found == entries_.end() || now - found->second.kept_at >= kFresh) return std::nullopt;
  return found->second.estimate;
}

void EstimateMemo::keep(std::string_view business_id, std::string_view text, std::int64_t estimate,
                        Clock::time_point now) {
  if (entries_.size() >= kEntries) {
    std::erase_if(entries_,
                  [&](const auto& entry) { return now - entry.second.kept_at >= kFresh; });
  }
  // Still full of fresh ones: start again rather than track which is oldest.
  if (entries_.size() >= kEntries) entries_.clear();
  entries_.insert_or_assign(key(business_id, text), Entry{estimate, now});
}

}  // namespace capi::store
