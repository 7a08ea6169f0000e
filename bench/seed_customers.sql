-- Seeds :count customers into business :'business' straight through SQL, for query plans at
-- scale (issue 3's EXPLAIN check) until the real generator lands (bench issue). The
-- personal-data columns hold random bytes of realistic size and the blind indexes random
-- digests: the shapes and selectivity of the real thing, not decryptable data.
-- Usage: psql -v business=<id> -v count=1000000 -f bench/seed_customers.sql
\set ON_ERROR_STOP on
BEGIN;
WITH first_names(n, a) AS (
  SELECT array_length(a, 1), a FROM (VALUES (ARRAY['Wanjiru','Otieno','Amina','Kofi','Chen',
    'Priya','Olga','Lucas','Fatima','Hiroshi','Zanele','Mateo','Ana','Yusuf','Ingrid',
    'Jamal','Mei','Søren','Дмитрий','محمد','Ελένη','अनिल','美咲','Chinedu','Aroha'])) v(a)),
last_names(n, a) AS (
  SELECT array_length(a, 1), a FROM (VALUES (ARRAY['Kamau','Mensah','Okafor','Wang','Patel',
    'Ivanova','Silva','Hassan','Tanaka','Dlamini','García','Costa','Demir','Larsen','Bello',
    'Nakamura','Müller','Смирнов','العلي','Παπαδόπουλος','शर्मा','佐藤','Mwangi','Nkosi'])) v(a))
INSERT INTO customers (id, business_id, type, name, company_name, email_enc, email_index,
  email_tokens, phone_enc, phone_index, country, currency, segment, tags, metadata,
  customer_since, created_at, updated_at, deleted_at)
SELECT
  lpad(to_hex(1600000000 + i), 8, '0') || substr(md5(:'business' || i), 1, 16),
  :'business',
  CASE WHEN i % 4 = 0 THEN 'business' ELSE 'individual' END,
  f.a[1 + i % f.n] || ' ' || l.a[1 + (i / f.n) % l.n] || ' ' || i,
  CASE WHEN i % 4 = 0 THEN l.a[1 + i % l.n] || ' Traders ' || (i % 997) END,
  decode(md5('e' || i) || md5('E' || i) || md5('x' || i), 'hex'),
  encode(sha256(convert_to('email' || :'business' || i, 'UTF8')), 'hex'),
  ARRAY[encode(sha256(convert_to('t1' || i, 'UTF8')), 'hex'),
        encode(sha256(convert_to('t2' || (i % 5000), 'UTF8')), 'hex'),
        encode(sha256(convert_to('com', 'UTF8')), 'hex')],
  decode(md5('p' || i) || md5('P' || i), 'hex'),
  encode(sha256(convert_to('phone' || :'business' || i, 'UTF8')), 'hex'),
  (ARRAY['KE','UG','TZ','NG','GH','ZA','IN','DE','US','BR'])[1 + abs(hashtext('c' || i)) % 10],
  'KES',
  (ARRAY['retail','wholesale','premium','vip', NULL])[1 + abs(hashtext('s' || i)) % 5],
  CASE WHEN abs(hashtext('t' || i)) % 7 = 0 THEN ARRAY['newsletter'] ELSE '{}' END,
  jsonb_build_object('source', 'seed', 'batch', i / 10000),
  now() - (i || ' minutes')::interval,
  now() - (i || ' minutes')::interval,
  now() - (i || ' seconds')::interval,
  CASE WHEN abs(hashtext('d' || i)) % 10 = 0 THEN now() END
FROM generate_series(1, :count) AS i, first_names f, last_names l;
COMMIT;
VACUUM ANALYZE customers;
