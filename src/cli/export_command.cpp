// `customer-api export --business ID [--format ndjson|csv] [--status active|inactive|all]`:
// the same export as GET /v1/customers/export, for operators (SQL tools see only ciphertext),
// written to stdout as it is read, with no time limit.
#include <iostream>

#include "api/customers/customer_export.hpp"
#include "cli/commands.hpp"
#include "cli/with_keys.hpp"
#include "domain/object_id.hpp"
#include "records/customer_records.hpp"

namespace capi::cli {

int export_customers(const std::string& config_path, const ExportOptions& options) {
  if (!domain::is_object_id(options.business_id)) {
    std::cerr << "customer-api: --business must be a business id (24 hex characters)\n";
    return kExitUsage;
  }
  const auto format = api::parse_export_format(options.format);
  if (!format) {
    std::cerr << "customer-api: --format must be ndjson or csv\n";
    return kExitUsage;
  }
  store::ListFilter filter;
  if (options.status == "inactive") {
    filter.status = store::ListFilter::Status::kInactive;
  } else if (options.status == "all") {
    filter.status = store::ListFilter::Status::kAll;
  } else if (options.status != "active") {
    std::cerr << "customer-api: --status must be active, inactive or all\n";
    return kExitUsage;
  }
  return with_keys_and_database(
      config_path, "export", [&](const crypto::Keyring& keys, store::Connection& connection) {
        const records::CustomerRecords records(keys);
        const api::ExportTotals totals = api::export_customers(
            connection, records, options.business_id, filter, *format, [](std::string_view piece) {
              std::cout.write(piece.data(), static_cast<std::streamsize>(piece.size()));
            });
        std::cout.flush();
        std::cerr << "customer-api: exported " << totals.customers << " customers";
        if (totals.unreadable > 0) {
          std::cerr << "; " << totals.unreadable
                    << " of them have fields that do not decrypt (written as null)";
        }
        std::cerr << '\n';
        return std::cout ? (totals.unreadable > 0 ? kExitFailed : kExitOk) : kExitFailed;
      });
}

}  // namespace capi::cli
