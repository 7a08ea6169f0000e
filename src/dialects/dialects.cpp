#include "dialects/dialects.hpp"

namespace capi::dialects {

void add_routes(api::Routes& routes, const Dialects& dialects) {
  Finora::add_routes(routes, dialects.finora);
  Cashfin::add_routes(routes, dialects.cashfin);
  Erp::add_routes(routes, dialects.erp);
  TalkingShops::add_routes(routes, dialects.talkingshops);
}

}  // namespace capi::dialects
