-- Accounts, login throttling and the audit log: what the platform needs before anything
-- else. Applied once by `backforgectl migrate` inside a transaction.

-- Emails are stored trimmed and lower-cased by the application; the check keeps a stray
-- writer honest and the unique index makes duplicates impossible without a racy pre-check.
CREATE TABLE users (
    id            bigserial PRIMARY KEY,
    email         text        NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
    password_hash text        NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (email);

-- One row per failed login, keyed by the normalized email ('email') and by the client
-- address ('addr'); the throttle counts rows inside a sliding window. Rows outside the
-- window are pruned as the application goes.
CREATE TABLE login_failures (
    id    bigserial   PRIMARY KEY,
    kind  text        NOT NULL CHECK (kind IN ('email', 'addr')),
    key   text        NOT NULL CHECK (length(key) <= 512),
    at    timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX login_failures_key_at ON login_failures (kind, key, at);
CREATE INDEX login_failures_at ON login_failures (at);

-- Who did what: every register, login (success and failure) and later mutation.
-- user_id survives the user's deletion as NULL, so the trail outlives the account.
CREATE TABLE audit_log (
    id          bigserial   PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT clock_timestamp(),
    user_id     bigint      REFERENCES users (id) ON DELETE SET NULL,
    action      text        NOT NULL CHECK (length(action) BETWEEN 1 AND 64),
    target      text        CHECK (length(target) <= 512),
    remote_addr text        CHECK (length(remote_addr) <= 64),
    request_id  text        CHECK (length(request_id) <= 64),
    details     jsonb       NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_user_at ON audit_log (user_id, at);
CREATE INDEX audit_log_at ON audit_log (at);
