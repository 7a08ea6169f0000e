// The idempotency_records table's columns (declared once in idempotency_columns.cpp): what
// its store reads, and what key rotation reseals.
#pragma once

#include "store/columns.hpp"
#include "store/idempotency_row.hpp"

namespace capi::store {

const TableSchema<IdempotencyRow>& idempotency_table();

}  // namespace capi::store
