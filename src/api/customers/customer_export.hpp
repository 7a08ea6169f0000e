// The export of a business's customers (GET /v1/customers/export and `customer-api export`):
// every match of a listing filter, oldest first, as NDJSON (one customer object a line, as
// the listing shows it) or CSV (customer_csv.hpp, written straight from each row). Rows are
// read in batches through one cursor (store/customer_export_rows.hpp) inside one read-only
// snapshot and handed on batch by batch: memory stays flat however many customers there are,
// and the export is consistent as of its start.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "http/message.hpp"
#include "records/customer_records.hpp"
#include "store/connection.hpp"
#include "store/customer_filter.hpp"

namespace capi::api {

enum class ExportFormat { kNdjson, kCsv };

// "ndjson" or "csv"; nullopt for anything else.
std::optional<ExportFormat> parse_export_format(std::string_view text);
const char* export_content_type(ExportFormat format);

struct ExportTotals {
  std::int64_t customers = 0;
  std::int64_t unreadable = 0;  // customers with a field that did not decrypt (shown null)
};

// Writes the export to `sink`, a batch at a time. Throws DbError when the database fails
// part-way (what was written is then incomplete: the caller must make that visible).
ExportTotals export_customers(store::Connection& db, const records::CustomerRecords& records,
                              const std::string& business_id, const store::ListFilter& filter,
                              ExportFormat format, const http::BodySink& sink);

}  // namespace capi::api
