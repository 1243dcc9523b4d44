-- Residents' voice (papi_core::voice): matters of three kinds, their file of steps, the
-- denouncer's sealed identity (encrypted with a key kept outside the database) and the
-- restricted log of its openings, protection requests, and citizen reception.
CREATE TABLE voice_settings (
    commune_id INTEGER PRIMARY KEY,
    acknowledge_working_days INTEGER NOT NULL,
    answer_working_days INTEGER NOT NULL
);
CREATE TABLE matters (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    commune_id INTEGER NOT NULL,
    code TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    channel TEXT NOT NULL,
    round INTEGER NOT NULL,
    received_on TEXT NOT NULL,
    title TEXT NOT NULL,
    content TEXT NOT NULL,
    village_id INTEGER,
    place TEXT NOT NULL,
    dimension INTEGER,
    portal_code TEXT NOT NULL,
    referrer TEXT NOT NULL,
    stage TEXT NOT NULL,
    complex INTEGER NOT NULL,
    remote INTEGER NOT NULL,
    several_places INTEGER NOT NULL,
    flags_reason TEXT NOT NULL,
    unit_id INTEGER,
    handler_id INTEGER,
    entered_by INTEGER,
    parent_id INTEGER,
    duplicate_of INTEGER,
    requester_name TEXT NOT NULL,
    requester_address TEXT NOT NULL,
    requester_phone TEXT NOT NULL,
    requester_email TEXT NOT NULL,
    requester_id_number TEXT NOT NULL,
    publish_consent INTEGER NOT NULL,
    answer TEXT NOT NULL,
    rating INTEGER,
    respondent TEXT NOT NULL,
    against_leadership INTEGER NOT NULL,
    signs_of_crime INTEGER NOT NULL
);
CREATE INDEX matters_commune ON matters(commune_id, kind, stage);
CREATE TABLE matter_accused (
    commune_id INTEGER NOT NULL,
    matter_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL
);
CREATE INDEX matter_accused_matter ON matter_accused(matter_id);
CREATE TABLE matter_steps (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    commune_id INTEGER NOT NULL,
    matter_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    on_date TEXT NOT NULL,
    by_user INTEGER,
    text TEXT NOT NULL,
    from_stage TEXT NOT NULL,
    to_stage TEXT NOT NULL
);
CREATE INDEX matter_steps_matter ON matter_steps(matter_id, id);
CREATE TABLE sealed_identities (
    matter_id INTEGER PRIMARY KEY,
    commune_id INTEGER NOT NULL,
    nonce TEXT NOT NULL,
    ciphertext BLOB NOT NULL
);
CREATE TABLE sealed_files (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    commune_id INTEGER NOT NULL,
    matter_id INTEGER NOT NULL,
    nonce TEXT NOT NULL,
    ciphertext BLOB NOT NULL
);
CREATE TABLE identity_openings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    commune_id INTEGER NOT NULL,
    matter_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    at TEXT NOT NULL,
    purpose TEXT NOT NULL
);
CREATE TABLE protection_requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    commune_id INTEGER NOT NULL,
    matter_id INTEGER NOT NULL,
    requested_on TEXT NOT NULL,
    decision TEXT NOT NULL,
    reasons TEXT NOT NULL,
    measures TEXT NOT NULL,
    decided_on TEXT,
    ended_on TEXT
);
CREATE TABLE reception_sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    commune_id INTEGER NOT NULL,
    date TEXT NOT NULL,
    posted_on TEXT,
    held INTEGER NOT NULL,
    online INTEGER NOT NULL,
    recording TEXT NOT NULL,
    postponed_to TEXT,
    postponement_announced_on TEXT,
    host TEXT NOT NULL
);
CREATE TABLE reception_entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    commune_id INTEGER NOT NULL,
    number INTEGER NOT NULL,
    received_on TEXT NOT NULL,
    session_id INTEGER,
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    id_number TEXT NOT NULL,
    content TEXT NOT NULL,
    prior_handling TEXT NOT NULL,
    requests TEXT NOT NULL,
    handling TEXT NOT NULL,
    matter_id INTEGER
);
CREATE UNIQUE INDEX reception_entries_number ON reception_entries(commune_id, number);
