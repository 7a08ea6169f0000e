#include "store/index_upkeep.hpp"

namespace capi::store {

long fold_gin_pending_lists(Connection& connection) {
  static constexpr Statement kFold{"gin_pending_lists_fold", "SELECT clean_gin_pending_lists()"};
  return static_cast<long>(connection.exec(kFold, {}).integer(0, 0));
}

}  // namespace capi::store
