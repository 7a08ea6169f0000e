-- Per-customer rollups of the orders that count (not cancelled or refunded), so that
-- GET /v1/customers/{id}/analytics costs about the same whatever the customer's order count
-- (issue #12; docs/plans-at-scale.md, "Orders at scale"). Kept by triggers in the
-- transaction of every write of orders and order_items, whoever writes (the service, the
-- seeder's COPY, psql): inserts by statement-level triggers over their transition tables,
-- order updates by a row-level trigger that fires only when a column the figures read
-- changes (erasure's and the address's updates do not). The service's order writes hold the
-- customer's row lock, so the rollup rows of a customer change one write at a time.
-- A month is the UTC calendar month of order_date.

-- One row per customer and month with orders that count.
CREATE TABLE customer_order_months (
  business_id    text NOT NULL,
  customer_id    text NOT NULL,
  month          date NOT NULL,
  orders         bigint NOT NULL,
  revenue_minor  bigint NOT NULL,  -- sum of total_minor
  paid_orders    bigint NOT NULL,  -- paid in full (amount_paid = total, paid_at set)
  paid_on_time   bigint NOT NULL,  -- of those, paid_at <= due_date
  -- Sum of extract(epoch FROM paid_at - order_date) over the paid in full: numeric of scale 6,
  -- so that sum / count is the very numeric avg() gives over the orders themselves.
  paid_seconds   numeric NOT NULL,
  PRIMARY KEY (business_id, customer_id, month)
) WITH (fillfactor = 80);

-- One row per customer, month and product of the orders that count: lines, quantity and
-- line totals, and the product's name on its newest line (order_date, then order id
-- descending, then the lowest position), with that line's key so that rows can be merged.
CREATE TABLE customer_product_months (
  business_id      text NOT NULL,
  customer_id      text NOT NULL,
  month            date NOT NULL,
  product_id       text NOT NULL,
  lines            bigint NOT NULL,
  quantity         bigint NOT NULL,
  revenue_minor    bigint NOT NULL,
  name             text NOT NULL,
  name_order_date  timestamptz NOT NULL,
  name_order_id    text NOT NULL,
  name_position    integer NOT NULL,
  PRIMARY KEY (business_id, customer_id, month, product_id)
) WITH (fillfactor = 80);
-- A product's months (the name of a top product: a few rows).
CREATE INDEX customer_product_months_by_product
  ON customer_product_months (business_id, customer_id, product_id, month);

-- The product tables leave room in their pages and index no column a write changes, so that
-- the updates of a row (a product bought again in the month) are HOT: a hot row (the bench's
-- creates buy one product thousands of times in seconds) leaves no index entry per update.

-- The same over every month (period `all` reads it when every order that counts is in it).
CREATE TABLE customer_products (
  business_id      text NOT NULL,
  customer_id      text NOT NULL,
  product_id       text NOT NULL,
  lines            bigint NOT NULL,
  quantity         bigint NOT NULL,
  revenue_minor    bigint NOT NULL,
  name             text NOT NULL,
  name_order_date  timestamptz NOT NULL,
  name_order_id    text NOT NULL,
  name_position    integer NOT NULL,
  PRIMARY KEY (business_id, customer_id, product_id)
) WITH (fillfactor = 80);

-- Overdue figures read only the customer's open orders that count.
CREATE INDEX orders_customer_open
  ON orders (business_id, customer_id, due_date) INCLUDE (total_minor, amount_paid_minor)
  WHERE amount_paid_minor < total_minor AND status NOT IN ('cancelled', 'refunded');

-- Moves one order's month figures by `sign` (1: add it, -1: take it off); a month left
-- without orders is deleted.
CREATE FUNCTION order_rollups_month_delta(o orders, sign integer) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO customer_order_months AS m (business_id, customer_id, month, orders,
    revenue_minor, paid_orders, paid_on_time, paid_seconds)
  SELECT o.business_id, o.customer_id, date_trunc('month', o.order_date AT TIME ZONE 'UTC')::date,
    sign, sign * o.total_minor,
    CASE WHEN paid THEN sign ELSE 0 END,
    CASE WHEN paid AND o.paid_at <= o.due_date THEN sign ELSE 0 END,
    CASE WHEN paid THEN sign * extract(epoch FROM o.paid_at - o.order_date) ELSE 0.000000 END
  FROM (SELECT o.amount_paid_minor = o.total_minor AND o.paid_at IS NOT NULL AS paid) AS p
  ON CONFLICT (business_id, customer_id, month) DO UPDATE SET
    orders = m.orders + EXCLUDED.orders,
    revenue_minor = m.revenue_minor + EXCLUDED.revenue_minor,
    paid_orders = m.paid_orders + EXCLUDED.paid_orders,
    paid_on_time = m.paid_on_time + EXCLUDED.paid_on_time,
    paid_seconds = m.paid_seconds + EXCLUDED.paid_seconds;
  DELETE FROM customer_order_months
  WHERE business_id = o.business_id AND customer_id = o.customer_id
    AND month = date_trunc('month', o.order_date AT TIME ZONE 'UTC')::date AND orders = 0;
END $$;

-- Recounts a customer's month of some products from the orders and their items, then those
-- products' rows over every month from the month rows. Used when an order leaves or enters
-- a month other than by its insert (a status into or out of counting, a new order date) and
-- when items are deleted: it reads one month of the customer's orders.
CREATE FUNCTION order_rollups_recount_products(p_business text, p_customer text, p_month date,
                                               p_products text[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM customer_product_months
  WHERE business_id = p_business AND customer_id = p_customer AND month = p_month
    AND product_id = ANY (p_products);
  WITH l AS MATERIALIZED (
    SELECT i.product_id, i.quantity, i.line_total_minor, i.product_name, o.order_date,
           o.id AS order_id, i.position
    FROM orders o JOIN order_items i ON i.order_id = o.id
    WHERE o.business_id = p_business AND o.customer_id = p_customer
      AND o.order_date >= (p_month::timestamp AT TIME ZONE 'UTC')
      AND o.order_date < ((p_month + interval '1 month') AT TIME ZONE 'UTC')
      AND o.status NOT IN ('cancelled', 'refunded') AND i.product_id = ANY (p_products)),
  g AS (SELECT product_id, count(*) AS lines, sum(quantity) AS quantity,
               sum(line_total_minor) AS revenue_minor FROM l GROUP BY product_id),
  n AS (SELECT DISTINCT ON (product_id) product_id, product_name, order_date, order_id, position
        FROM l ORDER BY product_id, order_date DESC, order_id DESC, position)
  INSERT INTO customer_product_months (business_id, customer_id, month, product_id, lines,
    quantity, revenue_minor, name, name_order_date, name_order_id, name_position)
  SELECT p_business, p_customer, p_month, g.product_id, g.lines, g.quantity, g.revenue_minor,
         n.product_name, n.order_date, n.order_id, n.position
  FROM g JOIN n USING (product_id);
  DELETE FROM customer_products
  WHERE business_id = p_business AND customer_id = p_customer AND product_id = ANY (p_products);
  WITH m AS MATERIALIZED (
    SELECT * FROM customer_product_months
    WHERE business_id = p_business AND customer_id = p_customer
      AND product_id = ANY (p_products)),
  g AS (SELECT product_id, sum(lines) AS lines, sum(quantity) AS quantity,
               sum(revenue_minor) AS revenue_minor FROM m GROUP BY product_id),
  n AS (SELECT DISTINCT ON (product_id) product_id, name, name_order_date, name_order_id,
               name_position
        FROM m ORDER BY product_id, name_order_date DESC, name_order_id DESC, name_position)
  INSERT INTO customer_products (business_id, customer_id, product_id, lines, quantity,
    revenue_minor, name, name_order_date, name_order_id, name_position)
  SELECT p_business, p_customer, g.product_id, g.lines, g.quantity, g.revenue_minor, n.name,
         n.name_order_date, n.name_order_id, n.name_position
  FROM g JOIN n USING (product_id);
END $$;

-- Inserted orders (a create, or a COPY of many): their month figures. The triggers hand their
-- transition table over as an array: a statement over a transition table is planned again on
-- every call (about a millisecond for the items' below), one over a parameter keeps its plan
-- for the session.
CREATE FUNCTION order_rollups_add_orders(added orders[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO customer_order_months AS m (business_id, customer_id, month, orders,
    revenue_minor, paid_orders, paid_on_time, paid_seconds)
  SELECT business_id, customer_id, date_trunc('month', order_date AT TIME ZONE 'UTC')::date,
    count(*), sum(total_minor),
    count(*) FILTER (WHERE amount_paid_minor = total_minor AND paid_at IS NOT NULL),
    count(*) FILTER (WHERE amount_paid_minor = total_minor AND paid_at IS NOT NULL
                       AND paid_at <= due_date),
    COALESCE(sum(extract(epoch FROM paid_at - order_date))
               FILTER (WHERE amount_paid_minor = total_minor AND paid_at IS NOT NULL),
             0.000000)
  FROM unnest(added)
  WHERE status NOT IN ('cancelled', 'refunded')
  GROUP BY 1, 2, 3
  ON CONFLICT (business_id, customer_id, month) DO UPDATE SET
    orders = m.orders + EXCLUDED.orders,
    revenue_minor = m.revenue_minor + EXCLUDED.revenue_minor,
    paid_orders = m.paid_orders + EXCLUDED.paid_orders,
    paid_on_time = m.paid_on_time + EXCLUDED.paid_on_time,
    paid_seconds = m.paid_seconds + EXCLUDED.paid_seconds;
END $$;

CREATE FUNCTION order_rollups_orders_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM order_rollups_add_orders(ARRAY(SELECT o::orders FROM inserted_orders AS o));
  RETURN NULL;
END $$;

-- Inserted items (after their order, in the same transaction): their products' figures by
-- month and over every month, the newest line's name winning.
CREATE FUNCTION order_rollups_add_items(added order_items[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  WITH l AS MATERIALIZED (
    SELECT o.business_id, o.customer_id,
           date_trunc('month', o.order_date AT TIME ZONE 'UTC')::date AS month, i.product_id,
           i.quantity, i.line_total_minor, i.product_name, o.order_date, o.id AS order_id,
           i.position
    FROM unnest(added) AS i
    -- Each order by its key: OFFSET 0 keeps the subquery from being flattened into a join,
    -- which the cached plan could make a hash join over every order of the table.
    CROSS JOIN LATERAL (SELECT business_id, customer_id, order_date, id FROM orders
                        WHERE orders.id = i.order_id
                          AND orders.status NOT IN ('cancelled', 'refunded') OFFSET 0) AS o),
  by_month AS (
    INSERT INTO customer_product_months AS m (business_id, customer_id, month, product_id,
      lines, quantity, revenue_minor, name, name_order_date, name_order_id, name_position)
    SELECT g.business_id, g.customer_id, g.month, g.product_id, g.lines, g.quantity,
           g.revenue_minor, n.product_name, n.order_date, n.order_id, n.position
    FROM (SELECT business_id, customer_id, month, product_id, count(*) AS lines,
                 sum(quantity) AS quantity, sum(line_total_minor) AS revenue_minor
          FROM l GROUP BY 1, 2, 3, 4) AS g
    JOIN (SELECT DISTINCT ON (business_id, customer_id, month, product_id) business_id,
                 customer_id, month, product_id, product_name, order_date, order_id, position
          FROM l
          ORDER BY business_id, customer_id, month, product_id, order_date DESC,
                   order_id DESC, position) AS n
      USING (business_id, customer_id, month, product_id)
    ON CONFLICT (business_id, customer_id, month, product_id) DO UPDATE SET
      lines = m.lines + EXCLUDED.lines,
      quantity = m.quantity + EXCLUDED.quantity,
      revenue_minor = m.revenue_minor + EXCLUDED.revenue_minor,
      name = CASE WHEN (EXCLUDED.name_order_date, EXCLUDED.name_order_id,
                        -EXCLUDED.name_position)
                       > (m.name_order_date, m.name_order_id, -m.name_position)
                  THEN EXCLUDED.name ELSE m.name END,
      name_position = CASE WHEN (EXCLUDED.name_order_date, EXCLUDED.name_order_id,
                                 -EXCLUDED.name_position)
                                > (m.name_order_date, m.name_order_id, -m.name_position)
                           THEN EXCLUDED.name_position ELSE m.name_position END,
      name_order_id = CASE WHEN (EXCLUDED.name_order_date, EXCLUDED.name_order_id,
                                 -EXCLUDED.name_position)
                                > (m.name_order_date, m.name_order_id, -m.name_position)
                           THEN EXCLUDED.name_order_id ELSE m.name_order_id END,
      -- The winner's date is the later one (or both are the same).
      name_order_date = GREATEST(m.name_order_date, EXCLUDED.name_order_date)
    RETURNING 1)
  INSERT INTO customer_products AS m (business_id, customer_id, product_id, lines, quantity,
    revenue_minor, name, name_order_date, name_order_id, name_position)
  SELECT g.business_id, g.customer_id, g.product_id, g.lines, g.quantity, g.revenue_minor,
         n.product_name, n.order_date, n.order_id, n.position
  FROM (SELECT business_id, customer_id, product_id, count(*) AS lines,
               sum(quantity) AS quantity, sum(line_total_minor) AS revenue_minor
        FROM l GROUP BY 1, 2, 3) AS g
  JOIN (SELECT DISTINCT ON (business_id, customer_id, product_id) business_id, customer_id,
               product_id, product_name, order_date, order_id, position
        FROM l
        ORDER BY business_id, customer_id, product_id, order_date DESC, order_id DESC,
                 position) AS n
    USING (business_id, customer_id, product_id)
  ON CONFLICT (business_id, customer_id, product_id) DO UPDATE SET
    lines = m.lines + EXCLUDED.lines,
    quantity = m.quantity + EXCLUDED.quantity,
    revenue_minor = m.revenue_minor + EXCLUDED.revenue_minor,
    name = CASE WHEN (EXCLUDED.name_order_date, EXCLUDED.name_order_id, -EXCLUDED.name_position)
                     > (m.name_order_date, m.name_order_id, -m.name_position)
                THEN EXCLUDED.name ELSE m.name END,
    name_position = CASE WHEN (EXCLUDED.name_order_date, EXCLUDED.name_order_id,
                               -EXCLUDED.name_position)
                              > (m.name_order_date, m.name_order_id, -m.name_position)
                         THEN EXCLUDED.name_position ELSE m.name_position END,
    name_order_id = CASE WHEN (EXCLUDED.name_order_date, EXCLUDED.name_order_id,
                               -EXCLUDED.name_position)
                              > (m.name_order_date, m.name_order_id, -m.name_position)
                         THEN EXCLUDED.name_order_id ELSE m.name_order_id END,
    name_order_date = GREATEST(m.name_order_date, EXCLUDED.name_order_date);
END $$;

CREATE FUNCTION order_rollups_items_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM order_rollups_add_items(ARRAY(SELECT i::order_items FROM inserted_items AS i));
  RETURN NULL;
END $$;

-- An order changed (a status, a payment, a date, a total): its month figures move, and when
-- it enters or leaves counting or moves in time, its products are recounted in the months
-- it left and entered.
CREATE FUNCTION order_rollups_order_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  counted boolean := OLD.status NOT IN ('cancelled', 'refunded');
  counts boolean := NEW.status NOT IN ('cancelled', 'refunded');
  old_month date := date_trunc('month', OLD.order_date AT TIME ZONE 'UTC')::date;
  new_month date := date_trunc('month', NEW.order_date AT TIME ZONE 'UTC')::date;
  products text[];
BEGIN
  IF counted THEN
    PERFORM order_rollups_month_delta(OLD, -1);
  END IF;
  IF counts THEN
    PERFORM order_rollups_month_delta(NEW, 1);
  END IF;
  IF counted <> counts OR ((counted OR counts) AND (OLD.order_date <> NEW.order_date
      OR OLD.customer_id <> NEW.customer_id OR OLD.business_id <> NEW.business_id)) THEN
    products := ARRAY(SELECT DISTINCT product_id FROM order_items WHERE order_id = NEW.id);
    PERFORM order_rollups_recount_products(OLD.business_id, OLD.customer_id, old_month,
                                           products);
    IF (NEW.business_id, NEW.customer_id, new_month)
       IS DISTINCT FROM (OLD.business_id, OLD.customer_id, old_month) THEN
      PERFORM order_rollups_recount_products(NEW.business_id, NEW.customer_id, new_month,
                                             products);
    END IF;
  END IF;
  RETURN NULL;
END $$;

-- A deleted order (its items are gone first, by their foreign key): its month figures.
CREATE FUNCTION order_rollups_order_deleted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status NOT IN ('cancelled', 'refunded') THEN
    PERFORM order_rollups_month_delta(OLD, -1);
  END IF;
  RETURN NULL;
END $$;

-- Deleted items: their products recounted in the months of their orders.
CREATE FUNCTION order_rollups_items_deleted() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  touched record;
BEGIN
  FOR touched IN
    SELECT o.business_id, o.customer_id,
           date_trunc('month', o.order_date AT TIME ZONE 'UTC')::date AS month,
           array_agg(DISTINCT i.product_id) AS products
    FROM deleted_items i JOIN orders o ON o.id = i.order_id
    GROUP BY 1, 2, 3
  LOOP
    PERFORM order_rollups_recount_products(touched.business_id, touched.customer_id,
                                           touched.month, touched.products);
  END LOOP;
  RETURN NULL;
END $$;

CREATE TRIGGER orders_rollups_insert AFTER INSERT ON orders
  REFERENCING NEW TABLE AS inserted_orders
  FOR EACH STATEMENT EXECUTE FUNCTION order_rollups_orders_inserted();
CREATE TRIGGER orders_rollups_update AFTER UPDATE ON orders
  FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status
        OR OLD.order_date IS DISTINCT FROM NEW.order_date
        OR OLD.due_date IS DISTINCT FROM NEW.due_date
        OR OLD.total_minor IS DISTINCT FROM NEW.total_minor
        OR OLD.amount_paid_minor IS DISTINCT FROM NEW.amount_paid_minor
        OR OLD.paid_at IS DISTINCT FROM NEW.paid_at
        OR OLD.customer_id IS DISTINCT FROM NEW.customer_id
        OR OLD.business_id IS DISTINCT FROM NEW.business_id)
  EXECUTE FUNCTION order_rollups_order_updated();
CREATE TRIGGER orders_rollups_delete AFTER DELETE ON orders
  FOR EACH ROW EXECUTE FUNCTION order_rollups_order_deleted();
CREATE TRIGGER order_items_rollups_insert AFTER INSERT ON order_items
  REFERENCING NEW TABLE AS inserted_items
  FOR EACH STATEMENT EXECUTE FUNCTION order_rollups_items_inserted();
CREATE TRIGGER order_items_rollups_delete AFTER DELETE ON order_items
  REFERENCING OLD TABLE AS deleted_items
  FOR EACH STATEMENT EXECUTE FUNCTION order_rollups_items_deleted();

-- The rollups of the orders already there (the triggers above hold off concurrent order
-- writes until this migration commits).
INSERT INTO customer_order_months (business_id, customer_id, month, orders, revenue_minor,
  paid_orders, paid_on_time, paid_seconds)
SELECT business_id, customer_id, date_trunc('month', order_date AT TIME ZONE 'UTC')::date,
  count(*), sum(total_minor),
  count(*) FILTER (WHERE amount_paid_minor = total_minor AND paid_at IS NOT NULL),
  count(*) FILTER (WHERE amount_paid_minor = total_minor AND paid_at IS NOT NULL
                     AND paid_at <= due_date),
  COALESCE(sum(extract(epoch FROM paid_at - order_date))
             FILTER (WHERE amount_paid_minor = total_minor AND paid_at IS NOT NULL), 0.000000)
FROM orders
WHERE status NOT IN ('cancelled', 'refunded')
GROUP BY 1, 2, 3;

INSERT INTO customer_product_months (business_id, customer_id, month, product_id, lines,
  quantity, revenue_minor, name, name_order_date, name_order_id, name_position)
SELECT DISTINCT ON (o.business_id, o.customer_id,
                    date_trunc('month', o.order_date AT TIME ZONE 'UTC'), i.product_id)
  o.business_id, o.customer_id, date_trunc('month', o.order_date AT TIME ZONE 'UTC')::date,
  i.product_id,
  count(*) OVER w, sum(i.quantity) OVER w, sum(i.line_total_minor) OVER w,
  i.product_name, o.order_date, o.id, i.position
FROM orders o JOIN order_items i ON i.order_id = o.id
WHERE o.status NOT IN ('cancelled', 'refunded')
WINDOW w AS (PARTITION BY o.business_id, o.customer_id,
             date_trunc('month', o.order_date AT TIME ZONE 'UTC'), i.product_id)
ORDER BY o.business_id, o.customer_id, date_trunc('month', o.order_date AT TIME ZONE 'UTC'),
         i.product_id, o.order_date DESC, o.id DESC, i.position;

INSERT INTO customer_products (business_id, customer_id, product_id, lines, quantity,
  revenue_minor, name, name_order_date, name_order_id, name_position)
SELECT DISTINCT ON (business_id, customer_id, product_id)
  business_id, customer_id, product_id,
  sum(lines) OVER w, sum(quantity) OVER w, sum(revenue_minor) OVER w,
  name, name_order_date, name_order_id, name_position
FROM customer_product_months
WINDOW w AS (PARTITION BY business_id, customer_id, product_id)
ORDER BY business_id, customer_id, product_id, name_order_date DESC, name_order_id DESC,
         name_position;
