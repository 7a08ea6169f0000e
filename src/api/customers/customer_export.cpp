#include "api/customers/customer_export.hpp"

#include "api/customers/customer_csv.hpp"
#include "api/customers/customer_json.hpp"
#include "store/customer_listing.hpp"

namespace capi::api {
namespace {

constexpr int kBatch = 500;

// One read-only snapshot for the whole export, ended however the export ends.
class Snapshot {
 public:
  explicit Snapshot(store::Connection& db) : db_(db) {
    db_.exec_script("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  }
  Snapshot(const Snapshot&) = delete;
  Snapshot& operator=(const Snapshot&) = delete;
  ~Snapshot() {
    try {
      if (db_.connected()) db_.exec_script("ROLLBACK");  // it wrote nothing
    } catch (const store::DbError&) {
      // The connection is reset; the server ended the transaction with it.
    }
  }

 private:
  store::Connection& db_;
};

}  // namespace

std::optional<ExportFormat> parse_export_format(std::string_view text) {
  if (text == "ndjson") return ExportFormat::kNdjson;
  if (text == "csv") return ExportFormat::kCsv;
  return std::nullopt;
}

const char* export_content_type(ExportFormat format) {
  return format == ExportFormat::kCsv ? "text/csv; charset=utf-8; header=present"
                                      : "application/x-ndjson";
}

ExportTotals export_customers(store::Connection& db, const records::CustomerRecords& records,
                              const std::string& business_id, const store::ListFilter& filter,
                              ExportFormat format, const http::BodySink& sink) {
  const store::CustomerListing listing(db);
  const Snapshot snapshot(db);
  if (format == ExportFormat::kCsv) sink(customer_csv_header());
  ExportTotals totals;
  store::ListPage page;
  page.sort = store::SortKey::kCreatedAt;  // ids follow creation: oldest first, ties by id
  page.limit = kBatch;
  std::string batch;
  for (;;) {
    const auto rows = listing.list(business_id, filter, page);
    batch.clear();
    for (const auto& row : rows) {
      const records::OpenedCustomer opened = records.open(row);
      if (!opened.unreadable.empty()) ++totals.unreadable;
      json::Buffer buffer;
      json::Writer writer(buffer);
      write_customer(writer, row, opened, nullptr);
      const std::string_view object(buffer.GetString(), buffer.GetSize());
      if (format == ExportFormat::kCsv) {
        batch += customer_csv_row(object);
      } else {
        batch += object;
        batch += '\n';
      }
    }
    totals.customers += static_cast<std::int64_t>(rows.size());
    sink(batch);
    if (static_cast<int>(rows.size()) < kBatch) break;
    page.after_value = store::sort_value(rows.back(), page.sort);
    page.after_id = rows.back().id;
  }
  return totals;
}

}  // namespace capi::api
