-- What residents decide (Luật Thực hiện dân chủ ở cơ sở 2022, Điều 15–22), the contributions
-- ledger of a passed decision, and consultations (Điều 25–28). Dates are ISO text; money is
-- whole đồng. passed and result are what papi-core computed from the tallies.
CREATE TABLE participation_decisions (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL,
    title TEXT NOT NULL,
    subject TEXT NOT NULL,
    village_id BIGINT,
    proposer TEXT NOT NULL,
    agreed_with_front BIGINT NOT NULL,
    initiative_households BIGINT NOT NULL,
    initiative_consent_on TEXT,
    form TEXT NOT NULL,
    quorum_failed BIGINT NOT NULL,
    held_on TEXT NOT NULL,
    notice_on TEXT,
    documents_on TEXT,
    passed BIGINT NOT NULL,
    result TEXT NOT NULL,
    sent_on TEXT,
    recognised_on TEXT
);
CREATE INDEX participation_decisions_commune ON participation_decisions(commune_id, held_on);
CREATE TABLE participation_tallies (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL,
    decision_id BIGINT NOT NULL REFERENCES participation_decisions(id),
    village_id BIGINT NOT NULL,
    total_households BIGINT NOT NULL,
    present BIGINT NOT NULL,
    votes_for BIGINT NOT NULL,
    votes_against BIGINT NOT NULL,
    abstain BIGINT NOT NULL,
    online_agreed BIGINT NOT NULL
);
CREATE INDEX participation_tallies_decision ON participation_tallies(commune_id, decision_id);
CREATE TABLE participation_ledgers (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL,
    decision_id BIGINT NOT NULL REFERENCES participation_decisions(id),
    village_id BIGINT,
    project TEXT NOT NULL,
    level_per_household BIGINT NOT NULL,
    account_kind TEXT NOT NULL,
    account TEXT NOT NULL,
    opened_on TEXT NOT NULL,
    disclosure_id BIGINT,
    published_on TEXT
);
CREATE INDEX participation_ledgers_commune ON participation_ledgers(commune_id);
CREATE TABLE participation_ledger_entries (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL,
    ledger_id BIGINT NOT NULL REFERENCES participation_ledgers(id),
    on_date TEXT NOT NULL,
    kind TEXT NOT NULL,
    amount BIGINT NOT NULL,
    who TEXT NOT NULL,
    purpose TEXT NOT NULL
);
CREATE INDEX participation_ledger_entries_ledger ON participation_ledger_entries(commune_id, ledger_id, on_date);
CREATE TABLE participation_consultations (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL,
    title TEXT NOT NULL,
    topic TEXT NOT NULL,
    village_id BIGINT,
    channels TEXT NOT NULL,
    published_on TEXT NOT NULL,
    closes_on TEXT NOT NULL,
    draft_name TEXT NOT NULL,
    summary TEXT NOT NULL,
    decision TEXT NOT NULL,
    adopted BIGINT,
    explanation TEXT NOT NULL,
    closed_on TEXT
);
CREATE INDEX participation_consultations_commune ON participation_consultations(commune_id, published_on);
CREATE TABLE participation_consultation_drafts (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL,
    consultation_id BIGINT NOT NULL REFERENCES participation_consultations(id),
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    content BYTEA NOT NULL
);
CREATE INDEX participation_consultation_drafts_of ON participation_consultation_drafts(commune_id, consultation_id);
CREATE TABLE participation_comments (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL,
    consultation_id BIGINT NOT NULL REFERENCES participation_consultations(id),
    on_date TEXT NOT NULL,
    who TEXT NOT NULL,
    village_id BIGINT,
    text TEXT NOT NULL,
    stance TEXT NOT NULL
);
CREATE INDEX participation_comments_of ON participation_comments(commune_id, consultation_id);
