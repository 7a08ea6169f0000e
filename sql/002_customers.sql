-- Customers and their contacts. Personal data (email, phone, tax id, addresses, contacts'
-- email and phone) is encrypted by the application: the *_enc columns hold
-- key id || nonce || XChaCha20-Poly1305 ciphertext, bound to (business, record, field).
-- Exact lookups go through keyed blind indexes (*_index, HMAC-SHA-256 of the normalised
-- value), whole-word email search through email_tokens (HMACs of the address's words).
-- The database never sees a PII plaintext.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE customers (
  id                    text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{24}$'),
  business_id           text NOT NULL REFERENCES businesses (id),
  version               integer NOT NULL DEFAULT 1,
  type                  text NOT NULL DEFAULT 'individual' CHECK (type IN ('individual', 'business')),
  name                  text NOT NULL,
  sort_name             text GENERATED ALWAYS AS (lower(name)) STORED,
  company_name          text,
  email_enc             bytea,
  email_index           text,
  email_tokens          text[] NOT NULL DEFAULT '{}',
  phone_enc             bytea,
  phone_index           text,
  tax_id_enc            bytea,
  billing_address_enc   bytea,
  shipping_address_enc  bytea,
  website               text,
  country               text CHECK (country ~ '^[A-Z]{2}$'),
  currency              text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  segment               text,
  tags                  text[] NOT NULL DEFAULT '{}',
  payment_terms         text NOT NULL DEFAULT 'net_30',
  credit_limit_minor    bigint CHECK (credit_limit_minor >= 0),
  discount_rate_bp      integer NOT NULL DEFAULT 0 CHECK (discount_rate_bp BETWEEN 0 AND 10000),
  preferred_shipping    text,
  notes                 text,
  metadata              jsonb NOT NULL DEFAULT '{}',
  customer_since        timestamptz NOT NULL,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  deleted_at            timestamptz,
  erased_at             timestamptz,
  -- Order figures, moved in the same transaction as the orders and payments that change them.
  order_count           integer NOT NULL DEFAULT 0,
  lifetime_value_minor  bigint NOT NULL DEFAULT 0,
  balance_minor         bigint NOT NULL DEFAULT 0,
  first_order_at        timestamptz,
  last_order_at         timestamptz
);

-- Uniqueness among a business's active customers.
CREATE UNIQUE INDEX customers_active_email ON customers (business_id, email_index)
  WHERE deleted_at IS NULL AND email_index IS NOT NULL;
CREATE UNIQUE INDEX customers_active_phone ON customers (business_id, phone_index)
  WHERE deleted_at IS NULL AND phone_index IS NOT NULL;

-- Listing: keyset order by each sort key, ties broken by id.
CREATE INDEX customers_active_by_name ON customers (business_id, sort_name, id)
  WHERE deleted_at IS NULL;
CREATE INDEX customers_active_by_created ON customers (business_id, created_at, id)
  WHERE deleted_at IS NULL;
CREATE INDEX customers_active_by_updated ON customers (business_id, updated_at, id)
  WHERE deleted_at IS NULL;
CREATE INDEX customers_by_business_name ON customers (business_id, sort_name, id);

-- Search: substrings of name and company name, whole words of the email.
CREATE INDEX customers_name_trgm ON customers USING gin (sort_name gin_trgm_ops);
CREATE INDEX customers_company_trgm ON customers USING gin (lower(company_name) gin_trgm_ops);
CREATE INDEX customers_email_tokens ON customers USING gin (email_tokens);

CREATE TABLE customer_contacts (
  id           text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{24}$'),
  business_id  text NOT NULL REFERENCES businesses (id),
  customer_id  text NOT NULL REFERENCES customers (id),
  version      integer NOT NULL DEFAULT 1,
  name         text NOT NULL,
  title        text,
  email_enc    bytea,
  phone_enc    bytea,
  is_primary   boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customer_contacts_customer ON customer_contacts (customer_id, created_at, id);
CREATE UNIQUE INDEX customer_contacts_one_primary ON customer_contacts (customer_id)
  WHERE is_primary;
