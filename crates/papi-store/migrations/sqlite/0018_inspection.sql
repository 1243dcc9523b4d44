-- Inspections and self-checks (papi_core::inspection): the year's checks, each check's copy of
-- its checklist (with an optional evidence file per criterion), findings with their remediation
-- deadline and report, and the re-checks that close them. Dates are ISO text.
CREATE TABLE inspection_settings (
    commune_id INTEGER PRIMARY KEY,
    remediation_working_days INTEGER NOT NULL
);
CREATE TABLE inspections (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    commune_id INTEGER NOT NULL,
    year INTEGER NOT NULL,
    title TEXT NOT NULL,
    mode TEXT NOT NULL,
    checklist TEXT NOT NULL,
    unit_id INTEGER,
    village_id INTEGER,
    target_name TEXT NOT NULL,
    planned_on TEXT NOT NULL,
    held_on TEXT,
    inspector TEXT NOT NULL,
    conclusion TEXT NOT NULL,
    concluded_on TEXT,
    disclosure_id INTEGER
);
CREATE INDEX inspections_year ON inspections(commune_id, year, planned_on);
CREATE TABLE inspection_criteria (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    commune_id INTEGER NOT NULL,
    inspection_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    verdict TEXT NOT NULL,
    note TEXT NOT NULL,
    file_name TEXT,
    file_type TEXT,
    file_content BLOB
);
CREATE INDEX inspection_criteria_check ON inspection_criteria(commune_id, inspection_id, position);
CREATE TABLE inspection_findings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    commune_id INTEGER NOT NULL,
    inspection_id INTEGER NOT NULL,
    text TEXT NOT NULL,
    owner_unit_id INTEGER NOT NULL,
    found_on TEXT NOT NULL,
    due TEXT NOT NULL,
    first_due TEXT NOT NULL,
    remediated_on TEXT,
    remediation TEXT NOT NULL,
    closed_on TEXT
);
CREATE INDEX inspection_findings_check ON inspection_findings(commune_id, inspection_id);
CREATE TABLE inspection_rechecks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    commune_id INTEGER NOT NULL,
    finding_id INTEGER NOT NULL,
    on_date TEXT NOT NULL,
    by_name TEXT NOT NULL,
    passed INTEGER NOT NULL,
    note TEXT NOT NULL,
    new_due TEXT
);
CREATE INDEX inspection_rechecks_finding ON inspection_rechecks(commune_id, finding_id, on_date);
