-- Larder, a grocery delivery service: the two PostgreSQL databases of its services.
-- The product catalogue lives in MongoDB and carts, sessions and prices in Redis; those stores
-- and their collections and key patterns are declared in the services file.
-- Written for Seams.

-- database: orders-db
CREATE TABLE customers (
    customer_id   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    full_name     TEXT NOT NULL,
    phone         TEXT,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE orders (
    order_id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id   BIGINT NOT NULL REFERENCES customers (customer_id),
    delivery_slot TSTZRANGE NOT NULL,
    status        TEXT NOT NULL DEFAULT 'placed',
    total_cents   INTEGER NOT NULL,
    placed_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE order_lines (
    order_id      BIGINT NOT NULL REFERENCES orders (order_id),
    line_no       SMALLINT NOT NULL,
    sku           TEXT NOT NULL,
    quantity      INTEGER NOT NULL,
    price_cents   INTEGER NOT NULL,
    PRIMARY KEY (order_id, line_no)
);

CREATE TABLE payments (
    payment_id    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id      BIGINT NOT NULL REFERENCES orders (order_id),
    provider_ref  TEXT NOT NULL UNIQUE,
    amount_cents  INTEGER NOT NULL,
    captured_at   TIMESTAMPTZ
);

-- database: stock-db
CREATE TABLE warehouses (
    warehouse_id  INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    postcode_area TEXT NOT NULL
);

CREATE TABLE stock_levels (
    warehouse_id  INTEGER NOT NULL REFERENCES warehouses (warehouse_id),
    sku           TEXT NOT NULL,
    on_hand       INTEGER NOT NULL,
    reserved      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (warehouse_id, sku)
);

CREATE TABLE picks (
    pick_id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    warehouse_id  INTEGER NOT NULL REFERENCES warehouses (warehouse_id),
    order_ref     BIGINT NOT NULL,
    sku           TEXT NOT NULL,
    quantity      INTEGER NOT NULL,
    picked_at     TIMESTAMPTZ
);
