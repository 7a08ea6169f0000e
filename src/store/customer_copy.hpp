// Streams whole customer rows into the table with one COPY (binary format), for bulk loads
// (`customer-api seed`): every stored column as the row holds it, timestamps, version and
// deleted_at included; the database still checks every constraint and maintains every index.
// Runs in the caller's transaction; an unfinished copy is aborted (and the transaction with
// it).
#pragma once

#include <string>

#include "store/connection.hpp"
#include "store/customer_row.hpp"

namespace capi::store {

class CustomerCopy {
 public:
  explicit CustomerCopy(Connection& connection);
  CustomerCopy(const CustomerCopy&) = delete;
  CustomerCopy& operator=(const CustomerCopy&) = delete;
  ~CustomerCopy();

  // A row without customer_since takes its created_at, as an insert would.
  void add(const CustomerRow& row);
  // Ends the copy; returns the number of rows the database took.
  long finish();

 private:
  void flush();

  Connection& connection_;
  std::string buffer_;
  bool open_ = true;
};

}  // namespace capi::store
