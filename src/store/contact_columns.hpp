// The customer_contacts table's columns (declared once in contact_columns.cpp) and the
// statements and encoders made from them.
#pragma once

#include "store/columns.hpp"
#include "store/contact_row.hpp"

namespace capi::store {

const TableSchema<ContactRow>& contact_table();

}  // namespace capi::store
