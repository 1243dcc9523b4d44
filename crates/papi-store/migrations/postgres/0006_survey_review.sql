-- Answers given on the public web form wait for the office's review unless they came with a
-- one-time invitation code; imported answers (collected by enumerators) count at once.
ALTER TABLE survey_responses ADD COLUMN review TEXT NOT NULL DEFAULT 'accepted';
-- Where a web answer came from, as hashes (no address is kept): "address-hash/device-hash".
ALTER TABLE survey_responses ADD COLUMN origin TEXT NOT NULL DEFAULT '';
ALTER TABLE survey_responses ADD COLUMN started_at TEXT NOT NULL DEFAULT '';
ALTER TABLE surveys ADD COLUMN invitations_only BIGINT NOT NULL DEFAULT 0;
CREATE TABLE survey_invitations (
    survey_id BIGINT NOT NULL REFERENCES surveys(id),
    commune_id BIGINT NOT NULL,
    code TEXT NOT NULL,
    created_at TEXT NOT NULL,
    used_by TEXT,
    PRIMARY KEY (survey_id, code)
);
