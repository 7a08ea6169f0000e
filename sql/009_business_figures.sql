-- Business-wide figures for GET /v1/customers/stats, kept up to date instead of recounted:
-- counting a million customers on every request took seconds (docs/plans-at-scale.md).
--
-- Triggers on customers and orders append signed changes to two change logs in the
-- transaction of the write that moves a figure; nothing is updated in place there, so
-- concurrent writes of one business never wait for each other on a counter row. The
-- workers fold the logs into the figure tables now and then (compact_business_figures,
-- below, run after an answer was sent); a read sums the figure rows and the changes not yet
-- folded, so it is exact at every moment.
--
-- business_customer_figures: customers by segment ('unsegmented' for none), type, currency
-- and whether active, with their summed lifetime value.
-- business_day_figures: by UTC day and currency, the customers created that day and the
-- orders dated that day that count (not cancelled or refunded) with their summed totals.
-- A period of whole days reads these alone; the parts of a day at either end of a period
-- are counted from the rows themselves (orders_business_date, and the two indexes by
-- creation time below).
CREATE TABLE business_customer_figures (
  business_id           text NOT NULL,
  segment               text NOT NULL,
  type                  text NOT NULL,
  currency              text NOT NULL,
  active                boolean NOT NULL,
  customers             bigint NOT NULL,
  lifetime_value_minor  bigint NOT NULL,
  PRIMARY KEY (business_id, segment, type, currency, active)
);
-- The change logs have their figure table's columns, without its key: a key may have many
-- changes until they are folded.
CREATE TABLE business_customer_figure_changes (LIKE business_customer_figures);
CREATE INDEX business_customer_figure_changes_business
  ON business_customer_figure_changes (business_id);

CREATE TABLE business_day_figures (
  business_id    text NOT NULL,
  day            date NOT NULL,
  currency       text NOT NULL,
  new_customers  bigint NOT NULL,
  orders         bigint NOT NULL,
  revenue_minor  bigint NOT NULL,
  PRIMARY KEY (business_id, day, currency)
);
CREATE TABLE business_day_figure_changes (LIKE business_day_figures);
CREATE INDEX business_day_figure_changes_business
  ON business_day_figure_changes (business_id, day);

-- Inactive customers by creation time: with customers_active_by_created, the customers
-- created in part of a day are two index-only counts.
CREATE INDEX customers_inactive_by_created ON customers (business_id, created_at)
  WHERE deleted_at IS NOT NULL;

-- Customers: a statement's new rows at once (COPY of an import or the seed is one
-- statement), an update or delete row by row, and only when it moves a figure.
CREATE FUNCTION business_figures_customers_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO business_customer_figure_changes
    SELECT business_id, COALESCE(segment, 'unsegmented'), type, currency, deleted_at IS NULL,
           count(*), sum(lifetime_value_minor)
    FROM inserted_customers GROUP BY 1, 2, 3, 4, 5;
  INSERT INTO business_day_figure_changes
    SELECT business_id, (created_at AT TIME ZONE 'UTC')::date, currency, count(*), 0, 0
    FROM inserted_customers GROUP BY 1, 2, 3;
  RETURN NULL;
END $$;

-- An update that keeps the customer under the same key only moves its lifetime value (an
-- order's create, status move or payment): one change row. Otherwise it leaves one key
-- and joins another. The day of its creation moves only if that or its currency changes.
CREATE FUNCTION business_figures_customer_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND (OLD.business_id, COALESCE(OLD.segment, 'unsegmented'), OLD.type, OLD.currency,
          OLD.deleted_at IS NULL)
       = (NEW.business_id, COALESCE(NEW.segment, 'unsegmented'), NEW.type, NEW.currency,
          NEW.deleted_at IS NULL) THEN
    INSERT INTO business_customer_figure_changes VALUES
      (NEW.business_id, COALESCE(NEW.segment, 'unsegmented'), NEW.type, NEW.currency,
       NEW.deleted_at IS NULL, 0, NEW.lifetime_value_minor - OLD.lifetime_value_minor);
  ELSE
    IF TG_OP <> 'INSERT' THEN
      INSERT INTO business_customer_figure_changes VALUES
        (OLD.business_id, COALESCE(OLD.segment, 'unsegmented'), OLD.type, OLD.currency,
         OLD.deleted_at IS NULL, -1, -OLD.lifetime_value_minor);
    END IF;
    IF TG_OP <> 'DELETE' THEN
      INSERT INTO business_customer_figure_changes VALUES
        (NEW.business_id, COALESCE(NEW.segment, 'unsegmented'), NEW.type, NEW.currency,
         NEW.deleted_at IS NULL, 1, NEW.lifetime_value_minor);
    END IF;
  END IF;
  IF TG_OP = 'UPDATE' AND (OLD.business_id, OLD.created_at, OLD.currency)
                        = (NEW.business_id, NEW.created_at, NEW.currency) THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO business_day_figure_changes VALUES
      (OLD.business_id, (OLD.created_at AT TIME ZONE 'UTC')::date, OLD.currency, -1, 0, 0);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO business_day_figure_changes VALUES
      (NEW.business_id, (NEW.created_at AT TIME ZONE 'UTC')::date, NEW.currency, 1, 0, 0);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER business_figures_customers_insert AFTER INSERT ON customers
  REFERENCING NEW TABLE AS inserted_customers
  FOR EACH STATEMENT EXECUTE FUNCTION business_figures_customers_inserted();
CREATE TRIGGER business_figures_customer_update AFTER UPDATE ON customers
  FOR EACH ROW WHEN (
    OLD.segment IS DISTINCT FROM NEW.segment OR OLD.type <> NEW.type
    OR OLD.currency <> NEW.currency OR OLD.business_id <> NEW.business_id
    OR (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)
    OR OLD.lifetime_value_minor <> NEW.lifetime_value_minor
    OR OLD.created_at <> NEW.created_at)
  EXECUTE FUNCTION business_figures_customer_changed();
CREATE TRIGGER business_figures_customer_delete AFTER DELETE ON customers
  FOR EACH ROW EXECUTE FUNCTION business_figures_customer_changed();

-- Orders: only those that count move a figure.
CREATE FUNCTION business_figures_orders_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO business_day_figure_changes
    SELECT business_id, (order_date AT TIME ZONE 'UTC')::date, currency, 0, count(*),
           sum(total_minor)
    FROM inserted_orders WHERE status NOT IN ('cancelled', 'refunded') GROUP BY 1, 2, 3;
  RETURN NULL;
END $$;

CREATE FUNCTION business_figures_order_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.status NOT IN ('cancelled', 'refunded') THEN
    INSERT INTO business_day_figure_changes VALUES
      (OLD.business_id, (OLD.order_date AT TIME ZONE 'UTC')::date, OLD.currency, 0, -1,
       -OLD.total_minor);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.status NOT IN ('cancelled', 'refunded') THEN
    INSERT INTO business_day_figure_changes VALUES
      (NEW.business_id, (NEW.order_date AT TIME ZONE 'UTC')::date, NEW.currency, 0, 1,
       NEW.total_minor);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER business_figures_orders_insert AFTER INSERT ON orders
  REFERENCING NEW TABLE AS inserted_orders
  FOR EACH STATEMENT EXECUTE FUNCTION business_figures_orders_inserted();
CREATE TRIGGER business_figures_order_update AFTER UPDATE ON orders
  FOR EACH ROW WHEN (
    (OLD.status IN ('cancelled', 'refunded')) <> (NEW.status IN ('cancelled', 'refunded'))
    OR OLD.total_minor <> NEW.total_minor OR OLD.order_date <> NEW.order_date
    OR OLD.currency <> NEW.currency OR OLD.business_id <> NEW.business_id)
  EXECUTE FUNCTION business_figures_order_changed();
CREATE TRIGGER business_figures_order_delete AFTER DELETE ON orders
  FOR EACH ROW EXECUTE FUNCTION business_figures_order_changed();

-- Folds up to `batch` rows of each change log into the figure tables and returns how many
-- it folded. Rows another compaction holds are skipped; the upserts run in key order, so
-- two compactions never deadlock.
CREATE FUNCTION compact_business_figures(batch integer) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  customer_rows bigint;
  day_rows bigint;
BEGIN
  WITH moved AS (
    DELETE FROM business_customer_figure_changes WHERE ctid = ANY (ARRAY(
      SELECT ctid FROM business_customer_figure_changes LIMIT batch FOR UPDATE SKIP LOCKED))
    RETURNING *),
  folded AS (
    INSERT INTO business_customer_figures
      SELECT business_id, segment, type, currency, active, sum(customers),
             sum(lifetime_value_minor)
      FROM moved GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (business_id, segment, type, currency, active) DO UPDATE
      SET customers = business_customer_figures.customers + excluded.customers,
          lifetime_value_minor = business_customer_figures.lifetime_value_minor
                                 + excluded.lifetime_value_minor)
  SELECT count(*) INTO customer_rows FROM moved;

  WITH moved AS (
    DELETE FROM business_day_figure_changes WHERE ctid = ANY (ARRAY(
      SELECT ctid FROM business_day_figure_changes LIMIT batch FOR UPDATE SKIP LOCKED))
    RETURNING *),
  folded AS (
    INSERT INTO business_day_figures
      SELECT business_id, day, currency, sum(new_customers), sum(orders), sum(revenue_minor)
      FROM moved GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (business_id, day, currency) DO UPDATE
      SET new_customers = business_day_figures.new_customers + excluded.new_customers,
          orders = business_day_figures.orders + excluded.orders,
          revenue_minor = business_day_figures.revenue_minor + excluded.revenue_minor)
  SELECT count(*) INTO day_rows FROM moved;

  RETURN customer_rows + day_rows;
END $$;

-- The figures of the rows already there.
INSERT INTO business_customer_figures
  SELECT business_id, COALESCE(segment, 'unsegmented'), type, currency, deleted_at IS NULL,
         count(*), sum(lifetime_value_minor)
  FROM customers GROUP BY 1, 2, 3, 4, 5;
INSERT INTO business_day_figures
  SELECT business_id, day, currency, sum(new_customers), sum(orders), sum(revenue_minor)
  FROM (SELECT business_id, (created_at AT TIME ZONE 'UTC')::date AS day, currency,
               1 AS new_customers, 0 AS orders, 0::bigint AS revenue_minor
        FROM customers
        UNION ALL
        SELECT business_id, (order_date AT TIME ZONE 'UTC')::date, currency, 0, 1, total_minor
        FROM orders WHERE status NOT IN ('cancelled', 'refunded')) AS rows
  GROUP BY 1, 2, 3;
