// The orders table's columns (declared once in order_columns.cpp) and the statements and
// encoders made from them.
#pragma once

#include "store/columns.hpp"
#include "store/order_row.hpp"

namespace capi::store {

const TableSchema<OrderRow>& order_table();

}  // namespace capi::store
