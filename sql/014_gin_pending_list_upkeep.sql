-- The GIN indexes (names' and company names' trigrams, email words, tags) take new entries
-- into a pending list first (fastupdate) and fold it into the index only when it reaches
-- gin_pending_list_limit (4 MB) or when the table is vacuumed. Every scan of the index reads
-- the whole list: on the benchmark's database, 337 pages (94,010 entries) pending in
-- customer_search_company_trgm cost each search 4-5 ms, more than the rest of its gather.
-- Whoever inserts the entry that fills the list pays for folding all of it (tens to hundreds
-- of milliseconds) inside a create.
--
-- The workers fold the lists every 2 seconds after answering (api/chore.hpp,
-- store/index_upkeep.hpp), so the lists stay short whatever the write rate, and bulk writes
-- such as an import keep the pending list's batching. Measured on 10,000 rows inserted into
-- customer_search (its two trigram indexes, the list folded at the end): 270-500 ms with the
-- 4 MB list, 690-820 ms with a 256 kB limit, 1,110 ms with fastupdate off.
--
-- gin_clean_pending_list may only be called by an index's owner; the service's role owns
-- nothing (README, "Database roles"), so this function runs as the schema's owner. It folds
-- only what is pending, in the GIN indexes of this schema that its owner owns.
CREATE FUNCTION clean_gin_pending_lists() RETURNS bigint
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT coalesce(sum(gin_clean_pending_list(i.indexrelid)), 0)::bigint
    FROM pg_index i
    JOIN pg_class c ON c.oid = i.indexrelid
    JOIN pg_am a ON a.oid = c.relam
   WHERE a.amname = 'gin'
     AND c.relnamespace = 'public'::regnamespace
     AND c.relowner = (SELECT r.oid FROM pg_roles r WHERE r.rolname = current_user)
$$;
