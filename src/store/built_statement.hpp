// A statement whose SQL is made at start-up from a table's column declarations (see
// columns.hpp). Held in function-local statics: the text lives as long as the process, so
// the Statement's pointers stay valid. Neither copied nor moved (the SQL would move).
#pragma once

#include <string>

#include "store/connection.hpp"

namespace capi::store {

class BuiltStatement {
 public:
  BuiltStatement(std::string name, std::string sql, Planning planning = Planning::kReused,
                 ResultFormat format = ResultFormat::kText)
      : name_(std::move(name)),
        sql_(std::move(sql)),
        statement_{name_.c_str(), sql_.c_str(), planning, format} {}
  BuiltStatement(const BuiltStatement&) = delete;
  BuiltStatement& operator=(const BuiltStatement&) = delete;

  operator const Statement&() const { return statement_; }  // NOLINT(google-explicit-constructor)
  const std::string& sql() const { return sql_; }

 private:
  std::string name_;
  std::string sql_;
  Statement statement_;
};

}  // namespace capi::store
