-- The search table (004) followed every UPDATE statement on customers with a statement
-- trigger that joined the statement's old and new rows, so every order create and payment
-- (which update the customer's figures or balance, nothing it indexes) paid for a join, a
-- DELETE and an INSERT of nothing. Now a row trigger whose WHEN clause lets through only an
-- update that moves what the search table holds: the customer becomes active or inactive,
-- or an active customer's name or company changes. Same rows as before: an inactive
-- customer has no search row, an active one has its name and company.
CREATE FUNCTION customer_search_row_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.deleted_at IS NOT NULL THEN
    DELETE FROM customer_search WHERE customer_id = NEW.id;
  ELSE
    INSERT INTO customer_search (customer_id, business_id, sort_name, company_lower)
      VALUES (NEW.id, NEW.business_id, NEW.sort_name, lower(NEW.company_name))
    ON CONFLICT (customer_id) DO UPDATE
      SET sort_name = EXCLUDED.sort_name, company_lower = EXCLUDED.company_lower;
  END IF;
  RETURN NULL;
END
$$;

DROP TRIGGER customers_search_update ON customers;
DROP FUNCTION customer_search_change();
CREATE TRIGGER customers_search_update AFTER UPDATE ON customers
  FOR EACH ROW WHEN (
    (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)
    OR (NEW.deleted_at IS NULL
        AND (OLD.sort_name, OLD.company_name) IS DISTINCT FROM (NEW.sort_name, NEW.company_name)))
  EXECUTE FUNCTION customer_search_row_change();
