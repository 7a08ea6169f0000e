-- The listing sorted by lifetimeValue (GET /v1/customers?sort=-lifetimeValue, ascending too,
-- pages and cursors): the business's active customers in that order, so that a page is a
-- bounded index range scan instead of a sort of every active customer of the business (about
-- 160 ms at 18,000 customers, seconds at a million; docs/plans-at-scale.md, "Orders at
-- scale"). Its cost: an order create changes lifetime_value_minor, so the customer's update
-- in the create can no longer be a HOT update and writes an entry into each index of
-- customers (payments leave lifetime_value_minor alone and stay HOT).
CREATE INDEX customers_active_by_lifetime_value
  ON customers (business_id, lifetime_value_minor, id) WHERE deleted_at IS NULL;
