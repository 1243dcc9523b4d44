-- Field collection (issue 13): enumerators who send answers from ODK Collect / KoboCollect
-- (OpenRosa 1.0), every submission as received (accepted, duplicate, rejected or outside the
-- fieldwork window, with the reason), its attachments, the fieldwork window of a survey and
-- the number of answers each village needs. Dates and times are ISO text (UTC for times).
CREATE TABLE survey_enumerators (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL,
    login TEXT NOT NULL,
    name TEXT NOT NULL,
    -- villages this enumerator works in, one per line; empty = any village
    villages TEXT NOT NULL,
    -- argon2 hash (basic authentication over HTTPS)
    password_hash TEXT NOT NULL,
    -- MD5(login:realm:password), hex (digest authentication as ODK Collect sends it)
    digest_ha1 TEXT NOT NULL,
    active BIGINT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX survey_enumerators_login ON survey_enumerators(commune_id, login);
CREATE TABLE survey_submissions (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL,
    survey_id BIGINT NOT NULL,
    -- meta/instanceID without the "uuid:" prefix
    instance_id TEXT NOT NULL,
    enumerator TEXT NOT NULL,
    received_at TEXT NOT NULL,
    -- accepted | duplicate | rejected | out_of_window | incomplete (attachments still coming)
    status TEXT NOT NULL,
    reason TEXT NOT NULL,
    village TEXT NOT NULL,
    xml TEXT NOT NULL
);
CREATE INDEX survey_submissions_survey ON survey_submissions(commune_id, survey_id, received_at);
CREATE INDEX survey_submissions_instance ON survey_submissions(survey_id, instance_id);
CREATE TABLE survey_submission_files (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL,
    submission_id BIGINT NOT NULL,
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    content BYTEA NOT NULL
);
CREATE INDEX survey_submission_files_submission ON survey_submission_files(commune_id, submission_id);
CREATE TABLE survey_village_targets (
    commune_id BIGINT NOT NULL,
    survey_id BIGINT NOT NULL,
    village TEXT NOT NULL,
    target BIGINT NOT NULL,
    PRIMARY KEY (survey_id, village)
);
-- who collected an answer (enumerator login; empty for files and the public web form) and how
ALTER TABLE survey_responses ADD COLUMN enumerator TEXT NOT NULL DEFAULT '';
ALTER TABLE survey_responses ADD COLUMN channel TEXT NOT NULL DEFAULT 'import';
-- the fieldwork window (inclusive dates; empty = open)
ALTER TABLE surveys ADD COLUMN field_opens TEXT NOT NULL DEFAULT '';
ALTER TABLE surveys ADD COLUMN field_closes TEXT NOT NULL DEFAULT '';
