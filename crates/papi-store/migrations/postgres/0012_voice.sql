-- Residents' voice (papi_core::voice): matters of three kinds, their file of steps, the
-- denouncer's sealed identity (encrypted with a key kept outside the database) and the
-- restricted log of its openings, protection requests, and citizen reception.
CREATE TABLE voice_settings (
    commune_id BIGINT PRIMARY KEY,
    acknowledge_working_days BIGINT NOT NULL,
    answer_working_days BIGINT NOT NULL
);
CREATE TABLE matters (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL,
    code TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    channel TEXT NOT NULL,
    round BIGINT NOT NULL,
    received_on TEXT NOT NULL,
    title TEXT NOT NULL,
    content TEXT NOT NULL,
    village_id BIGINT,
    place TEXT NOT NULL,
    dimension BIGINT,
    portal_code TEXT NOT NULL,
    referrer TEXT NOT NULL,
    stage TEXT NOT NULL,
    complex BIGINT NOT NULL,
    remote BIGINT NOT NULL,
    several_places BIGINT NOT NULL,
    flags_reason TEXT NOT NULL,
    unit_id BIGINT,
    handler_id BIGINT,
    entered_by BIGINT,
    parent_id BIGINT,
    duplicate_of BIGINT,
    requester_name TEXT NOT NULL,
    requester_address TEXT NOT NULL,
    requester_phone TEXT NOT NULL,
    requester_email TEXT NOT NULL,
    requester_id_number TEXT NOT NULL,
    publish_consent BIGINT NOT NULL,
    answer TEXT NOT NULL,
    rating BIGINT,
    respondent TEXT NOT NULL,
    against_leadership BIGINT NOT NULL,
    signs_of_crime BIGINT NOT NULL
);
CREATE INDEX matters_commune ON matters(commune_id, kind, stage);
CREATE TABLE matter_accused (
    commune_id BIGINT NOT NULL,
    matter_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL
);
CREATE INDEX matter_accused_matter ON matter_accused(matter_id);
CREATE TABLE matter_steps (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL,
    matter_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    on_date TEXT NOT NULL,
    by_user BIGINT,
    text TEXT NOT NULL,
    from_stage TEXT NOT NULL,
    to_stage TEXT NOT NULL
);
CREATE INDEX matter_steps_matter ON matter_steps(matter_id, id);
CREATE TABLE sealed_identities (
    matter_id BIGINT PRIMARY KEY,
    commune_id BIGINT NOT NULL,
    nonce TEXT NOT NULL,
    ciphertext BYTEA NOT NULL
);
CREATE TABLE sealed_files (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL,
    matter_id BIGINT NOT NULL,
    nonce TEXT NOT NULL,
    ciphertext BYTEA NOT NULL
);
CREATE TABLE identity_openings (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL,
    matter_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    at TEXT NOT NULL,
    purpose TEXT NOT NULL
);
CREATE TABLE protection_requests (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL,
    matter_id BIGINT NOT NULL,
    requested_on TEXT NOT NULL,
    decision TEXT NOT NULL,
    reasons TEXT NOT NULL,
    measures TEXT NOT NULL,
    decided_on TEXT,
    ended_on TEXT
);
CREATE TABLE reception_sessions (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL,
    date TEXT NOT NULL,
    posted_on TEXT,
    held BIGINT NOT NULL,
    online BIGINT NOT NULL,
    recording TEXT NOT NULL,
    postponed_to TEXT,
    postponement_announced_on TEXT,
    host TEXT NOT NULL
);
CREATE TABLE reception_entries (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL,
    number BIGINT NOT NULL,
    received_on TEXT NOT NULL,
    session_id BIGINT,
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    id_number TEXT NOT NULL,
    content TEXT NOT NULL,
    prior_handling TEXT NOT NULL,
    requests TEXT NOT NULL,
    handling TEXT NOT NULL,
    matter_id BIGINT
);
CREATE UNIQUE INDEX reception_entries_number ON reception_entries(commune_id, number);
