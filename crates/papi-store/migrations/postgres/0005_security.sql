-- Anchored audit chain: entries keyed with a secret outside the database ('hmac-sha256'),
-- older ones plain SHA-256; a keyed head per commune so truncation shows; a keyed seal on each
-- task row so an edit made outside papi shows.
ALTER TABLE audit_log ADD COLUMN scheme TEXT NOT NULL DEFAULT 'sha256';
CREATE TABLE audit_heads (
    commune_id BIGINT PRIMARY KEY,
    entries BIGINT NOT NULL,
    hash TEXT NOT NULL,
    mac TEXT NOT NULL
);
ALTER TABLE tasks ADD COLUMN seal TEXT;
-- Sessions end after an idle time as well as at their absolute lifetime.
ALTER TABLE sessions ADD COLUMN last_seen_at BIGINT NOT NULL DEFAULT 0;
-- Failed sign-ins per account and per address, shared by every server on the database.
CREATE TABLE login_failures (
    subject TEXT PRIMARY KEY,
    failures BIGINT NOT NULL,
    last_at BIGINT NOT NULL,
    locked_until BIGINT NOT NULL
);
