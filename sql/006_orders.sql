-- Orders, their items and payments (API.md "Orders"). Money is bigint minor units of the
-- order's currency (the customer's). The shipping address is personal data, sealed by the
-- application like the customer's addresses: shipping_address_enc holds key id || nonce ||
-- XChaCha20-Poly1305 ciphertext bound to (business, order id, "shippingAddress"). Erasing
-- the customer sets it to NULL; the order stays as anonymous figures.
-- The customer's figures (order_count, lifetime_value_minor, balance_minor, first_order_at,
-- last_order_at, in customers) are rewritten in the transaction of every order write, under
-- the customer's row lock.
CREATE TABLE orders (
  id                    text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{24}$'),
  business_id           text NOT NULL REFERENCES businesses (id),
  customer_id           text NOT NULL REFERENCES customers (id),
  version               integer NOT NULL DEFAULT 1,
  order_number          text NOT NULL,
  status                text NOT NULL CHECK (status IN ('pending', 'confirmed', 'shipped',
                          'delivered', 'completed', 'cancelled', 'refunded')),
  currency              text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  order_date            timestamptz NOT NULL,
  due_date              timestamptz NOT NULL,
  ship_date             timestamptz,
  delivery_date         timestamptz,
  subtotal_minor        bigint NOT NULL CHECK (subtotal_minor >= 0),
  discount_minor        bigint NOT NULL CHECK (discount_minor BETWEEN 0 AND subtotal_minor),
  total_minor           bigint NOT NULL CHECK (total_minor = subtotal_minor - discount_minor),
  amount_paid_minor     bigint NOT NULL DEFAULT 0
                          CHECK (amount_paid_minor BETWEEN 0 AND total_minor),
  paid_at               timestamptz,
  items_count           integer NOT NULL CHECK (items_count BETWEEN 1 AND 500),
  shipping_address_enc  bytea,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now()
);

-- Order numbers are unique per business.
CREATE UNIQUE INDEX orders_number ON orders (business_id, order_number);
-- A customer's orders newest first (GET /v1/customers/{id}/orders, include=orders), and the
-- figures recomputed from them on every order write: the columns they sum are carried in the
-- index, so that aggregate can be an index-only scan.
CREATE INDEX orders_customer_newest ON orders (business_id, customer_id, order_date DESC, id DESC)
  INCLUDE (status, total_minor, amount_paid_minor);

CREATE TABLE order_items (
  order_id          text NOT NULL REFERENCES orders (id),
  business_id       text NOT NULL REFERENCES businesses (id),
  position          integer NOT NULL CHECK (position BETWEEN 0 AND 499),
  product_id        text NOT NULL,
  product_name      text NOT NULL,
  quantity          integer NOT NULL CHECK (quantity >= 1),
  unit_price_minor  bigint NOT NULL CHECK (unit_price_minor >= 0),
  line_total_minor  bigint NOT NULL CHECK (line_total_minor = quantity * unit_price_minor),
  PRIMARY KEY (order_id, position)
);

CREATE TABLE order_payments (
  id            text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{24}$'),
  business_id   text NOT NULL REFERENCES businesses (id),
  order_id      text NOT NULL REFERENCES orders (id),
  amount_minor  bigint NOT NULL CHECK (amount_minor > 0),
  paid_at       timestamptz NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX order_payments_order ON order_payments (order_id, paid_at);

-- Generated order numbers SO-YYYY-NNNNNN: one counter row per business and year, moved in
-- the transaction of the create (its row lock makes concurrent creates take turns).
CREATE TABLE order_number_counters (
  business_id  text NOT NULL REFERENCES businesses (id),
  year         integer NOT NULL,
  last_value   bigint NOT NULL,
  PRIMARY KEY (business_id, year)
);
