-- What an approved or accepted document showed, frozen at the moment of approval: the page's
-- content as JSON, the DOCX and XLSX as they were served, and who approved it when. A
-- correction withdraws the version with a reason; the next approval is the next version.
-- kind: commune_report (subject: the period), unit_report (the unit report), unit_plan
-- (the unit plan).
CREATE TABLE report_snapshots (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    subject_id BIGINT NOT NULL,
    version BIGINT NOT NULL,
    approved_by TEXT NOT NULL,
    approved_on TEXT NOT NULL,
    view_json TEXT NOT NULL,
    docx BYTEA NOT NULL,
    xlsx BYTEA NOT NULL,
    sha256 TEXT NOT NULL,
    withdrawn_by TEXT NOT NULL DEFAULT '',
    withdrawn_on TEXT NOT NULL DEFAULT '',
    withdraw_reason TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX report_snapshots_version ON report_snapshots(kind, subject_id, version);
