// POST /v1/customers/{id}/credit-check computes a check from the customer's own history and
// stores it; GET /v1/customers/{id}/credit-checks lists the stored ones, newest first.
#include <charconv>

#include "api/customers/customer_query.hpp"
#include "api/error.hpp"
#include "api/insights/insights_handler.hpp"
#include "api/json_fields.hpp"
#include "api/reply_meta.hpp"
#include "domain/insight_rules.hpp"
#include "domain/iso_codes.hpp"
#include "domain/object_id.hpp"
#include "domain/time.hpp"

namespace capi::api {
namespace {

// The window of the revenue that the recommended limit is made from.
constexpr std::int64_t kRevenueDays = 365;

std::string factors_json(const std::vector<domain::CreditFactor>& factors) {
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartArray();
  for (const auto& factor : factors) {
    writer.StartObject();
    json::field(writer, "factor", factor.name);
    json::key(writer, "points");
    writer.Int(factor.points);
    json::key(writer, "maxPoints");
    writer.Int(factor.max_points);
    json::key(writer, "neutralPoints");
    writer.Int(factor.neutral_points);
    json::field(writer, "effect", factor.effect);
    json::field(writer, "description", factor.description);
    writer.EndObject();
  }
  writer.EndArray();
  return json::text(buffer);
}

void write_check(json::Writer& writer, const store::CreditCheckRow& check) {
  const int digits = domain::currency_digits(check.currency);
  writer.StartObject();
  json::field(writer, "id", check.id);
  json::field(writer, "customerId", check.customer_id);
  json::key(writer, "creditScore");
  writer.Int(check.credit_score);
  json::field(writer, "creditRating", check.credit_rating);
  json::field(writer, "riskAssessment", check.risk_assessment);
  json::field(writer, "currency", check.currency);
  money_fields(writer, "recommendedCreditLimit", check.recommended_limit_minor, digits);
  money_fields(writer, "currentCreditLimit", check.current_limit_minor, digits);
  time_field(writer, "lastChecked", check.checked_ms);
  json::key(writer, "factors");
  writer.RawValue(check.factors_json.data(), check.factors_json.size(), rapidjson::kArrayType);
  writer.EndObject();
}

int parse_page(const http::QueryParams& query, ApiError::Details& errors) {
  const auto page = query.get("page");
  if (!page) return 1;
  int number = 0;
  const auto [end, error] = std::from_chars(page->data(), page->data() + page->size(), number);
  if (page->empty() || error != std::errc{} || end != page->data() + page->size() || number < 1 ||
      number > 1'000'000) {
    errors.emplace_back("page", "must be a whole number of at least 1");
    return 1;
  }
  return number;
}

}  // namespace

Reply InsightsHandler::credit_check(const RequestContext& context) const {
  const store::CustomerRow row = require_customer(context);
  const std::int64_t now_ms = insights_now_ms();
  const std::int64_t since_ms = now_ms - kRevenueDays * domain::kMillisPerDay;
  const auto figures = insights_.payment_figures(
      row.business_id, row.id, insights_.split(row.business_id, row.id, since_ms, now_ms));

  domain::CreditInput input;
  input.paid_orders = figures.paid_orders;
  input.paid_on_time = figures.paid_on_time;
  input.utilization_hundredths =
      domain::utilization_hundredths(row.balance_minor, row.credit_limit_minor);
  input.tenure_days = domain::whole_days(row.customer_since_ms.value_or(row.created_ms), now_ms);
  input.order_count = row.order_count;
  input.overdue_minor = figures.overdue_minor;
  input.max_days_overdue = figures.oldest_overdue_due_ms
                               ? domain::whole_days(*figures.oldest_overdue_due_ms, now_ms)
                               : 0;
  const domain::CreditScore score = domain::credit_score(input);

  store::CreditCheckRow check;
  check.id = domain::new_object_id(row.business_id);
  check.business_id = row.business_id;
  check.customer_id = row.id;
  check.credit_score = score.score;
  check.credit_rating = domain::credit_rating(score.score);
  check.risk_assessment = domain::credit_risk(check.credit_rating);
  check.currency = row.currency;
  check.recommended_limit_minor =
      domain::recommended_credit_limit(check.credit_rating, figures.revenue_since_minor);
  check.current_limit_minor = row.credit_limit_minor;
  check.factors_json = factors_json(score.factors);
  const store::CreditCheckRow stored = checks_.insert(check);

  json::Buffer buffer;
  json::Writer writer(buffer);
  write_check(writer, stored);
  Reply reply;
  reply.status = 201;
  reply.message = "Credit check completed";
  reply.data = json::text(buffer);
  reply.customer_id = row.id;
  return reply;
}

Reply InsightsHandler::credit_checks(const RequestContext& context) const {
  ApiError::Details errors;
  const int limit = parse_limit(context.query.get("limit"), kDefaultLimit, errors);
  const int page = parse_page(context.query, errors);
  if (!errors.empty()) throw ApiError::validation(std::move(errors));
  // OFFSET reads and drops every row before the page: a page starts within the first matches.
  if (static_cast<long>(page - 1) * limit >= kMaxPagedMatches) {
    throw ApiError::validation(
        {{"page", "must start within the first " + std::to_string(kMaxPagedMatches) + " checks"}});
  }
  const store::CustomerRow row = require_customer(context);
  auto checks = checks_.of_customer(row.business_id, row.id, limit + 1, (page - 1) * limit);
  const bool has_more = static_cast<int>(checks.size()) > limit;
  if (has_more) checks.pop_back();

  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartArray();
  for (const auto& check : checks) write_check(writer, check);
  writer.EndArray();
  PageMeta meta;
  meta.limit = limit;
  auto& totals = meta.totals.emplace();
  totals.total = checks_.count_of_customer(row.business_id, row.id);
  totals.page = page;
  totals.has_more = has_more;
  Reply reply;
  reply.data = json::text(buffer);
  reply.meta = write_page_meta(meta);
  reply.customer_id = row.id;
  return reply;
}

}  // namespace capi::api
