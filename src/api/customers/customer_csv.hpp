// Customers as CSV (RFC 4180): the columns of an export, each a member of the customer's JSON
// (customer_json.hpp) by its dotted path, so that CSV and NDJSON always say the same thing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "records/customer_records.hpp"
#include "store/customer_row.hpp"

namespace capi::api {

// The header row's names, in order: "id", "type", "name", ..., "billingAddress.line1", ...
const std::vector<std::string>& customer_csv_columns();

// The header row, CRLF-terminated.
std::string customer_csv_header();

// One CSV record (CRLF-terminated) from one customer's JSON text, as write_customer makes it:
// strings as they are, numbers as written (exact decimals), true/false, null as an empty
// field, arrays and objects (tags, metadata) as their compact JSON.
std::string customer_csv_row(std::string_view customer_json);

// Appends the same record as customer_csv_row(JSON of write_customer(row, opened)) to `out`,
// straight from the row (the export's way: no JSON written and parsed again per row).
// api_customer_csv_test holds the two to the same bytes.
void append_customer_csv(std::string& out, const store::CustomerRow& row,
                         const records::OpenedCustomer& opened);

// A field quoted when it holds a comma, a double quote, CR or LF (quotes doubled).
std::string csv_field(std::string_view value);

}  // namespace capi::api
