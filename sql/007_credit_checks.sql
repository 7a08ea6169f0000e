-- Insights (API.md "Insights" and the customers "Stats"): stored credit checks, and the
-- indexes that keep the business-wide and per-customer figures set-based and bounded.

-- A credit check as computed at `checked_at` (POST /v1/customers/{id}/credit-check): the
-- score, its rating and factors are kept as they were, so that later orders never rewrite a
-- past check. Money is bigint minor units of the customer's currency at the time.
CREATE TABLE credit_checks (
  id                           text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{24}$'),
  business_id                  text NOT NULL REFERENCES businesses (id),
  customer_id                  text NOT NULL REFERENCES customers (id),
  credit_score                 integer NOT NULL CHECK (credit_score BETWEEN 300 AND 850),
  credit_rating                text NOT NULL CHECK (credit_rating IN ('excellent', 'good',
                                 'fair', 'poor')),
  risk_assessment              text NOT NULL CHECK (risk_assessment IN ('low', 'medium',
                                 'high')),
  currency                     text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  recommended_credit_limit_minor bigint NOT NULL CHECK (recommended_credit_limit_minor >= 0),
  current_credit_limit_minor   bigint,
  factors                      jsonb NOT NULL,
  checked_at                   timestamptz NOT NULL DEFAULT now()
);
-- A customer's checks newest first.
CREATE INDEX credit_checks_customer_newest
  ON credit_checks (business_id, customer_id, checked_at DESC, id DESC);

-- Stats for a period: the business's orders by date, with what the figures read, so that a
-- month is an index-only range scan.
CREATE INDEX orders_business_date
  ON orders (business_id, order_date) INCLUDE (status, currency, total_minor);
