// GET /v1/customers/export: the listing's filters, every match, streamed (customer_export.hpp).
#include "api/customers/customer_export.hpp"
#include "api/customers/customer_query.hpp"
#include "api/customers/customers_handler.hpp"
#include "api/error.hpp"
#include "log/log.hpp"

namespace capi::api {

Reply CustomersHandler::export_all(const RequestContext& context) const {
  const Caller& caller = *context.caller;
  ApiError::Details errors;
  const auto format_text = context.query.get("format");
  const auto format = parse_export_format(format_text.value_or("ndjson"));
  if (!format) errors.emplace_back("format", "must be ndjson or csv");
  // An export is every match: paging and order are not its to take.
  for (const char* paging : {"page", "limit", "cursor", "sort"}) {
    if (context.query.get(paging)) {
      errors.emplace_back(paging,
                          "is not taken by export, which returns every match, oldest first");
    }
  }
  if (!errors.empty()) throw ApiError::validation(std::move(errors));
  const ListRequest request = parse_list_request(
      context.query, {caller.business_id, caller.business_country, records_, cursors_});

  Reply answer;
  answer.raw_content_type = export_content_type(*format);
  answer.headers.emplace_back("Content-Disposition",
                              std::string("attachment; filename=\"customers.") +
                                  (*format == ExportFormat::kCsv ? "csv" : "ndjson") + '"');
  answer.raw_stream = [this, business_id = caller.business_id, filter = request.filter,
                       format = *format,
                       request_id = context.request_id](const http::BodySink& sink) {
    const ExportTotals totals = export_customers(db_, records_, business_id, filter, format, sink);
    if (totals.unreadable > 0) {
      log::Line(config::LogLevel::kError, "exported customers with fields that do not decrypt")
          .field("requestId", request_id)
          .field("customers", static_cast<long long>(totals.unreadable))
          .emit();
    }
  };
  return answer;
}

}  // namespace capi::api
