-- LLM bookkeeping: one llm_calls row per chat call (cached answers too) for cost and
-- latency reports, and the response cache keyed by the sha256 of the canonical request.

-- user_id is NULL for calls made outside a user's request (backforgectl) and survives the
-- user's deletion as NULL so the cost history stays complete. The API key is never stored.
CREATE TABLE llm_calls (
    id                bigserial     PRIMARY KEY,
    user_id           bigint        REFERENCES users (id) ON DELETE SET NULL,
    provider          text          NOT NULL CHECK (length(provider) BETWEEN 1 AND 64),
    model             text          NOT NULL CHECK (length(model) BETWEEN 1 AND 128),
    request_hash      text          NOT NULL CHECK (request_hash ~ '^[0-9a-f]{64}$'),
    prompt_tokens     bigint        NOT NULL DEFAULT 0 CHECK (prompt_tokens >= 0),
    completion_tokens bigint        NOT NULL DEFAULT 0 CHECK (completion_tokens >= 0),
    latency_ms        bigint        NOT NULL DEFAULT 0 CHECK (latency_ms >= 0),
    http_status       integer       NOT NULL DEFAULT 0 CHECK (http_status BETWEEN 0 AND 999),
    outcome           text          NOT NULL CHECK (outcome IN ('ok', 'cached', 'http_error',
                                        'timeout', 'bad_reply', 'too_large', 'review_failed',
                                        'transport_error')),
    cost_usd          numeric(14,6) NOT NULL DEFAULT 0 CHECK (cost_usd >= 0),
    cached            boolean       NOT NULL DEFAULT false,
    created_at        timestamptz   NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX llm_calls_user_created ON llm_calls (user_id, created_at);
CREATE INDEX llm_calls_created ON llm_calls (created_at);

-- Replies by request hash. Bounded two ways, both enforced by the writer
-- (llm/store.c) after every insert, so no timer is needed:
--   age:  rows older than the store's max age (default 7 days) are never read and are
--         deleted;
--   size: only the newest max_entries rows (default 10000) are kept; older ones are
--         deleted, oldest first.
-- Each reply is at most LLM_MAX_RESPONSE (2 MiB) bytes.
CREATE TABLE llm_cache (
    request_hash text        PRIMARY KEY CHECK (request_hash ~ '^[0-9a-f]{64}$'),
    reply        text        NOT NULL CHECK (octet_length(reply) <= 2097152),
    created_at   timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX llm_cache_created ON llm_cache (created_at);
