-- Idempotency-Key records (API.md "Idempotency"): the answer to a successful keyed write,
-- written in the transaction of its effect and replayed for 24 hours.
-- id: HMAC-SHA-256 (the blind-index key) of the business id and the client's key, so that
--   a key is scoped to its business and its text (client data) is never stored.
-- request_digest: HMAC-SHA-256 of the method, the path with its query string, and the body:
--   a repeat must match it byte for byte (else 422 idempotency_key_reused).
-- response_enc: the response body, sealed like personal data (it shows customers' email,
--   phone, ...), bound to (business, id, "response"); headers: "Name: value" lines (ETag).
-- customer_id: the customer whose data the answer shows; erasing that customer deletes the
--   record in the same transaction.
-- Rows older than 24 hours are no longer replayed, and workers delete them in small batches
-- (src/api/idempotency.cpp).
CREATE TABLE idempotency_records (
  id              text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{64}$'),
  business_id     text NOT NULL REFERENCES businesses (id),
  method          text NOT NULL,
  target          text NOT NULL,
  request_digest  text NOT NULL CHECK (request_digest ~ '^[0-9a-f]{64}$'),
  status          integer NOT NULL CHECK (status BETWEEN 200 AND 299),
  headers         text NOT NULL,
  response_enc    bytea NOT NULL,
  customer_id     text,
  created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX idempotency_records_created_at ON idempotency_records (created_at);
CREATE INDEX idempotency_records_customer ON idempotency_records (business_id, customer_id)
  WHERE customer_id IS NOT NULL;
