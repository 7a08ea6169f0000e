-- Search at scale: a narrow copy of what search matches on, for active customers only.
--
-- Search ranks the substring matches of a name by name. With the customers table's wide rows
-- (ciphertexts, addresses, metadata: about ten rows to a page) every candidate costs a
-- random heap page: a rare fragment whose matches sit late in the name order cost seconds
-- walking the name index, and a few thousand trigram candidates cost tens of milliseconds.
-- customer_search holds one short row per active customer (about a tenth of the size), so
-- that both ways of finding the first matches in name order are cheap: walking its name
-- index (a common fragment) or gathering the trigram candidates and sorting them (a rare one).
-- Rows are written in name order (the initial copy, and each bulk insert such as a COPY
-- batch of `customer-api seed`): customers sharing a name share a substring and then share
-- pages too, so that gathering a fragment's candidates reads far fewer pages than it has
-- candidates. (Rows created one at a time land wherever there is room; CLUSTER
-- customer_search USING customer_search_by_name restores the order, see docs/operations.)
-- The GIN indexes lead with business_id (btree_gin), so one business's search never reads
-- another's candidates.
--
-- Triggers on customers keep it exact in the same transaction, whatever writes the row
-- (the API, key rotation, COPY of `customer-api seed`): statement-level, with transition
-- tables, so a bulk load costs one INSERT ... SELECT rather than a call per row. No foreign
-- key for the same reason (the triggers delete what they inserted).
CREATE EXTENSION IF NOT EXISTS btree_gin;

CREATE TABLE customer_search (
  customer_id    text PRIMARY KEY,
  business_id    text NOT NULL,
  sort_name      text COLLATE "C" NOT NULL,
  company_lower  text,
  email_tokens   text[] NOT NULL
);

INSERT INTO customer_search (customer_id, business_id, sort_name, company_lower, email_tokens)
  SELECT id, business_id, sort_name, lower(company_name), email_tokens
  FROM customers WHERE deleted_at IS NULL ORDER BY business_id, sort_name, id;

CREATE INDEX customer_search_by_name ON customer_search (business_id, sort_name, customer_id)
  INCLUDE (company_lower);
CREATE INDEX customer_search_name_trgm ON customer_search
  USING gin (business_id, sort_name gin_trgm_ops);
CREATE INDEX customer_search_company_trgm ON customer_search
  USING gin (business_id, company_lower gin_trgm_ops);
-- Not partial: search's OR of the three must be able to use all three indexes together.
CREATE INDEX customer_search_tokens ON customer_search USING gin (business_id, email_tokens);

CREATE FUNCTION customer_search_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO customer_search (customer_id, business_id, sort_name, company_lower, email_tokens)
    SELECT id, business_id, sort_name, lower(company_name), email_tokens
    FROM new_rows WHERE deleted_at IS NULL ORDER BY business_id, sort_name, id;
  RETURN NULL;
END
$$;

-- An update touches the search row only when the customer became inactive (removed), or is
-- active and its searchable columns changed or it was just restored (upserted): an update of
-- notes or a key rotation leaves the search rows (and their GIN entries) alone.
CREATE FUNCTION customer_search_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM customer_search s USING new_rows n
    WHERE s.customer_id = n.id AND n.deleted_at IS NOT NULL;
  INSERT INTO customer_search (customer_id, business_id, sort_name, company_lower, email_tokens)
    SELECT n.id, n.business_id, n.sort_name, lower(n.company_name), n.email_tokens
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE n.deleted_at IS NULL
      AND (n.sort_name, n.company_name, n.email_tokens, o.deleted_at IS NULL)
          IS DISTINCT FROM (o.sort_name, o.company_name, o.email_tokens, true)
  ON CONFLICT (customer_id) DO UPDATE
    SET sort_name = EXCLUDED.sort_name, company_lower = EXCLUDED.company_lower,
        email_tokens = EXCLUDED.email_tokens;
  RETURN NULL;
END
$$;

CREATE FUNCTION customer_search_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM customer_search s USING old_rows o WHERE s.customer_id = o.id;
  RETURN NULL;
END
$$;

ANALYZE customer_search;

CREATE TRIGGER customers_search_insert AFTER INSERT ON customers
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_search_add();
CREATE TRIGGER customers_search_update AFTER UPDATE ON customers
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION customer_search_change();
CREATE TRIGGER customers_search_delete AFTER DELETE ON customers
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_search_remove();
