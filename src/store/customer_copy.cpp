#include "store/customer_copy.hpp"

#include "store/copy_binary.hpp"
#include "store/customer_columns.hpp"

namespace capi::store {
namespace {

constexpr std::size_t kCopyChunk = 1 << 20;

}  // namespace

CustomerCopy::CustomerCopy(Connection& connection) : connection_(connection) {
  static const std::string sql = customer_table().copy_sql();
  connection_.begin_copy(sql.c_str());
  buffer_.reserve(kCopyChunk + kCopyChunk / 8);  // a chunk and the row that crosses it
  copy_header(buffer_);
}

CustomerCopy::~CustomerCopy() {
  if (open_) connection_.abort_copy("customer copy abandoned");
}

void CustomerCopy::add(const CustomerRow& row) {
  if (row.customer_since_ms) {
    customer_table().copy_row(buffer_, row);
  } else {
    CustomerRow dated = row;
    dated.customer_since_ms = row.created_ms;
    customer_table().copy_row(buffer_, dated);
  }
  if (buffer_.size() >= kCopyChunk) flush();
}

void CustomerCopy::flush() {
  if (buffer_.empty()) return;
  connection_.put_copy_data(buffer_);
  buffer_.clear();
}

long CustomerCopy::finish() {
  copy_trailer(buffer_);
  flush();
  open_ = false;
  return connection_.end_copy();
}

}  // namespace capi::store
