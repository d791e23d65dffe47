-- The seed example: two Python services share one PostgreSQL database.
CREATE TABLE users (
    id      integer PRIMARY KEY,
    name    text,
    status  text
);

CREATE TABLE messages (
    id          bigint PRIMARY KEY,
    user_id     integer NOT NULL REFERENCES users (id),
    body        text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);
