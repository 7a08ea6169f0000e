#include "api/customers/customer_export.hpp"

#include "api/customers/customer_csv.hpp"
#include "api/customers/customer_json.hpp"
#include "store/customer_export_rows.hpp"

namespace capi::api {

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
  // One read-only snapshot for the whole export, never committed: it wrote nothing, and its
  // destructor rolls it back however the export ends.
  const store::Connection::Transaction snapshot(db, store::Connection::Isolation::kSnapshot);
  store::CustomerExportRows rows(db, business_id, filter);
  if (format == ExportFormat::kCsv) sink(customer_csv_header());
  ExportTotals totals;
  // Reused across rows and batches: the row read, the JSON of one customer, the batch's text.
  store::CustomerRow row;
  json::Buffer buffer;
  json::Writer writer(buffer);
  std::string batch;
  const auto write = [&](const store::CustomerRow& read) {
    const records::OpenedCustomer opened = records.open(read);
    if (!opened.unreadable.empty()) ++totals.unreadable;
    if (format == ExportFormat::kCsv) {
      append_customer_csv(batch, read, opened);
      return;
    }
    buffer.Clear();
    writer.Reset(buffer);
    write_customer(writer, read, opened, nullptr);
    batch.append(buffer.GetString(), buffer.GetSize());
    batch += '\n';
  };
  for (;;) {
    batch.clear();
    const int read = rows.next(row, write);
    totals.customers += read;
    sink(batch);
    if (read < store::CustomerExportRows::kBatch) break;
  }
  return totals;
}

}  // namespace capi::api
