-- Tenants and their API keys. A key is stored only as the SHA-256 of its text (keys are
-- 256-bit random, so a plain digest is enough); `prefix` is what operators see in listings.
CREATE TABLE businesses (
  id          text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{24}$'),
  name        text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  currency    text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  country     text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE api_keys (
  id           text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{24}$'),
  business_id  text NOT NULL REFERENCES businesses (id),
  key_hash     text NOT NULL UNIQUE CHECK (key_hash ~ '^[0-9a-f]{64}$'),
  prefix       text NOT NULL,
  access       text NOT NULL CHECK (access IN ('read_write', 'read_only')),
  rate_limit   integer CHECK (rate_limit > 0),  -- requests per minute; NULL: the configured default
  created_at   timestamptz NOT NULL DEFAULT now(),
  revoked_at   timestamptz
);

CREATE INDEX api_keys_business_id ON api_keys (business_id);
