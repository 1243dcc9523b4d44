CREATE TABLE calendar_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    commune_id BIGINT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX calendar_tokens_user ON calendar_tokens(user_id);
CREATE TABLE calendar_overrides (
    year BIGINT PRIMARY KEY,
    schedule_json TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);
