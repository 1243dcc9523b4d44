-- Field collection (issue 13): the key that signs the Digest authentication nonces of the
-- OpenRosa server, shared by every server of an installation (one row, made on first use).
CREATE TABLE collect_keys (
    id INTEGER PRIMARY KEY,
    secret TEXT NOT NULL
);
