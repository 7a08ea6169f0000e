// The rows of an export (GET /v1/customers/export, `customer-api export`): every customer a
// listing filter matches, oldest first (created_at, then id), read through one cursor in the
// caller's transaction a batch at a time, in binary format. The cursor's query runs once (no
// keyset query per batch), each FETCH is a statement of its own (db_statement_timeout applies
// to a batch, not to the whole export), and the rows come as the columns' binary send forms:
// no output function on the server and no text parsing in the worker. Each batch is fetched
// while the one before is written out (Connection::send_ahead), so the server and the worker
// work at the same time.
#pragma once

#include <functional>
#include <string>

#include "store/connection.hpp"
#include "store/customer_filter.hpp"
#include "store/customer_row.hpp"

namespace capi::store {

class CustomerExportRows {
 public:
  // Rows of one batch.
  static constexpr int kBatch = 500;

  // Declares the cursor and sends the first FETCH; the caller's transaction must be open and
  // stay open while it is used.
  CustomerExportRows(Connection& connection, const std::string& business_id,
                     const ListFilter& filter);

  // Receives the next batch and, unless it is the last, sends the FETCH after it; then each
  // row is read into `row` (one object reused across the rows: its strings keep their
  // capacity) and handed to `each`. Returns the number of rows; fewer than kBatch means the
  // export is complete.
  int next(CustomerRow& row, const std::function<void(const CustomerRow&)>& each);

 private:
  Connection& connection_;
};

}  // namespace capi::store
