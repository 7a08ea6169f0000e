-- Name order and search at scale.
--
-- sort_name (the lower-cased name) gets the "C" collation: names sort by the code points of
-- their lower-cased form on every cluster, whatever its locale, and a name prefix
-- (`sort_name LIKE 'wan%'`) becomes a range of the (business_id, sort_name, id) index, so that
-- search can read the name-prefix matches in name order without sorting every match.
-- Dropping the column drops the indexes on it; they are made again below.
ALTER TABLE customers DROP COLUMN sort_name;
ALTER TABLE customers
  ADD COLUMN sort_name text COLLATE "C" GENERATED ALWAYS AS (lower(name)) STORED;

CREATE INDEX customers_active_by_name ON customers (business_id, sort_name, id)
  WHERE deleted_at IS NULL;
CREATE INDEX customers_by_business_name ON customers (business_id, sort_name, id);
CREATE INDEX customers_name_trgm ON customers USING gin (sort_name gin_trgm_ops);

-- Listing filters that can be selective: a rare segment, country or tag is found through its
-- own index instead of walking the whole name order.
CREATE INDEX customers_active_by_segment ON customers (business_id, segment)
  WHERE deleted_at IS NULL AND segment IS NOT NULL;
CREATE INDEX customers_active_by_country ON customers (business_id, country)
  WHERE deleted_at IS NULL AND country IS NOT NULL;
CREATE INDEX customers_tags ON customers USING gin (tags) WHERE tags <> '{}';
