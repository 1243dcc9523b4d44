-- E-mail waiting to be sent, being retried, sent or given up (papi_store::mail). A message is
-- queued in the same transaction as the action it reports, so it exists exactly when the
-- action committed; the worker sends it later. dedupe_key, when set, makes a reminder or a
-- digest go out once however often (or on however many servers) it is queued. Times are
-- RFC 3339 UTC text; next_attempt_at NULL with sent_at NULL means given up.
CREATE TABLE mail_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    commune_id INTEGER NOT NULL,
    to_addr TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    kind TEXT NOT NULL,
    dedupe_key TEXT UNIQUE,
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,
    sent_at TEXT,
    last_error TEXT
);
CREATE INDEX mail_outbox_due ON mail_outbox(next_attempt_at);
CREATE INDEX mail_outbox_commune ON mail_outbox(commune_id, id);
-- A staff member's choice for one kind of mail; without a row the role's default applies
-- (papi_core::mail::MailKind::default_for).
CREATE TABLE mail_prefs (
    commune_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    enabled INTEGER NOT NULL,
    PRIMARY KEY (user_id, kind)
);
