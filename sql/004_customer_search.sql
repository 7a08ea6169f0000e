-- Search at scale: a narrow copy of what substring search matches on (name and company name),
-- for active customers only.
--
-- Search ranks the substring matches of a name by name. With the customers table's wide rows
-- (ciphertexts, addresses, metadata: about ten rows to a page) every candidate costs a
-- random heap page: a rare fragment whose matches sit late in the name order cost seconds
-- walking the name index, and a few thousand trigram candidates tens of milliseconds.
-- customer_search holds one short row per active customer (a tenth of the size), so that
-- both ways of finding the first matches in name order are cheap: walking its name index
-- (a common fragment; the index holds all the walk looks at) or gathering the trigram
-- candidates and sorting them (a rare one). Email words stay on customers: their blind index
-- values are exact, and the GIN index there serves them as well.
-- Rows are written in name order (the initial copy, and each bulk insert such as a COPY
-- batch of `customer-api seed`): customers sharing a name share a substring and then share
-- pages too, so that gathering a fragment's candidates reads far fewer pages than it has
-- candidates. (Rows created one at a time land wherever there is room; CLUSTER
-- customer_search USING customer_search_by_name restores the order, see docs/operations.)
-- The trigram indexes do not lead with business_id: a btree_gin composite was measured at
-- twice the cost for a large business (every scan decodes that business's whole posting
-- list), while another business's candidates only add their share of rechecks.
--
-- Triggers on customers keep it exact in the same transaction, whatever writes the row
-- (the API, key rotation, COPY of `customer-api seed`): statement-level, with transition
-- tables, so a bulk load costs one INSERT ... SELECT rather than a call per row. No foreign
-- key for the same reason (the triggers delete what they inserted).
CREATE TABLE customer_search (
  customer_id    text PRIMARY KEY,
  business_id    text NOT NULL,
  sort_name      text COLLATE "C" NOT NULL,
  company_lower  text
);

INSERT INTO customer_search (customer_id, business_id, sort_name, company_lower)
  SELECT id, business_id, sort_name, lower(company_name)
  FROM customers WHERE deleted_at IS NULL ORDER BY business_id, sort_name, id;

CREATE INDEX customer_search_by_name ON customer_search (business_id, sort_name, customer_id)
  INCLUDE (company_lower);
CREATE INDEX customer_search_name_trgm ON customer_search USING gin (sort_name gin_trgm_ops);
CREATE INDEX customer_search_company_trgm ON customer_search
  USING gin (company_lower gin_trgm_ops);

CREATE FUNCTION customer_search_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO customer_search (customer_id, business_id, sort_name, company_lower)
    SELECT id, business_id, sort_name, lower(company_name)
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
  INSERT INTO customer_search (customer_id, business_id, sort_name, company_lower)
    SELECT n.id, n.business_id, n.sort_name, lower(n.company_name)
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE n.deleted_at IS NULL
      AND (n.sort_name, n.company_name, o.deleted_at IS NULL)
          IS DISTINCT FROM (o.sort_name, o.company_name, true)
  ON CONFLICT (customer_id) DO UPDATE
    SET sort_name = EXCLUDED.sort_name, company_lower = EXCLUDED.company_lower;
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
