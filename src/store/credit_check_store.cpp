#include "store/credit_check_store.hpp"

#include "store/built_statement.hpp"

namespace capi::store {
namespace {

constexpr const char* kColumns =
    "id, business_id, customer_id, credit_score, credit_rating, risk_assessment, currency,"
    " recommended_credit_limit_minor, current_credit_limit_minor, factors::text,"
    " (extract(epoch FROM checked_at) * 1000)::bigint";

struct Statements {
  BuiltStatement insert{
      "credit_check_insert",
      std::string("INSERT INTO credit_checks (id, business_id, customer_id, credit_score,"
                  " credit_rating, risk_assessment, currency, recommended_credit_limit_minor,"
                  " current_credit_limit_minor, factors) VALUES ($1, $2, $3, $4::int, $5, $6,"
                  " $7, $8::bigint, $9::bigint, $10::jsonb) RETURNING ") +
          kColumns};
  BuiltStatement of_customer{"credit_check_of_customer",
                             std::string("SELECT ") + kColumns +
                                 " FROM credit_checks WHERE business_id = $1 AND customer_id = $2"
                                 " ORDER BY checked_at DESC, id DESC LIMIT $3::int OFFSET $4::int"};
  BuiltStatement count_of_customer{
      "credit_check_count_of_customer",
      "SELECT count(*) FROM credit_checks WHERE business_id = $1 AND customer_id = $2"};
};

const Statements& statements() {
  static const Statements built;
  return built;
}

CreditCheckRow read(const Result& result, int row) {
  CreditCheckRow check;
  check.id = result.str(row, 0);
  check.business_id = result.str(row, 1);
  check.customer_id = result.str(row, 2);
  check.credit_score = static_cast<int>(result.integer(row, 3));
  check.credit_rating = result.str(row, 4);
  check.risk_assessment = result.str(row, 5);
  check.currency = result.str(row, 6);
  check.recommended_limit_minor = result.integer(row, 7);
  if (!result.is_null(row, 8)) check.current_limit_minor = result.integer(row, 8);
  check.factors_json = result.str(row, 9);
  check.checked_ms = result.integer(row, 10);
  return check;
}

}  // namespace

CreditCheckRow CreditCheckStore::insert(const CreditCheckRow& check) const {
  const std::string score = std::to_string(check.credit_score);
  const std::string recommended = std::to_string(check.recommended_limit_minor);
  const std::optional<std::string> current =
      check.current_limit_minor ? std::optional(std::to_string(*check.current_limit_minor))
                                : std::nullopt;
  const Param current_param = current ? Param(*current) : std::nullopt;
  const Result result = connection_.exec(
      statements().insert,
      {check.id, check.business_id, check.customer_id, score, check.credit_rating,
       check.risk_assessment, check.currency, recommended, current_param, check.factors_json});
  return read(result, 0);
}

std::vector<CreditCheckRow> CreditCheckStore::of_customer(const std::string& business_id,
                                                          const std::string& customer_id, int limit,
                                                          int offset) const {
  const Result result =
      connection_.exec(statements().of_customer,
                       {business_id, customer_id, std::to_string(limit), std::to_string(offset)});
  std::vector<CreditCheckRow> checks;
  checks.reserve(static_cast<std::size_t>(result.rows()));
  for (int i = 0; i < result.rows(); ++i) checks.push_back(read(result, i));
  return checks;
}

std::int64_t CreditCheckStore::count_of_customer(const std::string& business_id,
                                                 const std::string& customer_id) const {
  return connection_.exec(statements().count_of_customer, {business_id, customer_id}).integer(0, 0);
}

}  // namespace capi::store
