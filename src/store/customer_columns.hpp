// The customers table's columns (declared once in customer_columns.cpp) and the statements
// and encoders made from them.
#pragma once

#include "store/columns.hpp"
#include "store/customer_row.hpp"

namespace capi::store {

const TableSchema<CustomerRow>& customer_table();

}  // namespace capi::store
