CREATE TABLE calendar_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    commune_id INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX calendar_tokens_user ON calendar_tokens(user_id);
CREATE TABLE calendar_overrides (
    year INTEGER PRIMARY KEY,
    schedule_json TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);
