-- The disclosure register (papi_core::disclosure): one row per version of a disclosed content
-- (a change of content is a new version that replaces the old, which stays as it was), the
-- forms each version was disclosed in (postings, portal, loudspeaker days, village heads), and
-- the files: the document disclosed and the photos that show a posting. Dates are ISO text;
-- loudspeaker days are ISO dates separated by commas.
CREATE TABLE disclosures (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    commune_id INTEGER NOT NULL,
    grp INTEGER NOT NULL,
    topic TEXT NOT NULL,
    title TEXT NOT NULL,
    legal_basis TEXT NOT NULL,
    decided_on TEXT NOT NULL,
    village_id INTEGER,
    version INTEGER NOT NULL,
    replaces INTEGER,
    state TEXT NOT NULL,
    taken_down_on TEXT,
    source TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_on TEXT NOT NULL
);
CREATE INDEX disclosures_commune ON disclosures(commune_id, state, grp);
CREATE TABLE disclosure_forms (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    commune_id INTEGER NOT NULL,
    disclosure_id INTEGER NOT NULL REFERENCES disclosures(id),
    kind TEXT NOT NULL,
    village_id INTEGER,
    url TEXT NOT NULL,
    from_on TEXT NOT NULL,
    until_on TEXT,
    days TEXT NOT NULL,
    note TEXT NOT NULL,
    done_by TEXT NOT NULL
);
CREATE INDEX disclosure_forms_entry ON disclosure_forms(commune_id, disclosure_id);
CREATE TABLE disclosure_files (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    commune_id INTEGER NOT NULL,
    disclosure_id INTEGER NOT NULL REFERENCES disclosures(id),
    form_id INTEGER REFERENCES disclosure_forms(id),
    role TEXT NOT NULL,
    original_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    content BLOB NOT NULL
);
CREATE INDEX disclosure_files_entry ON disclosure_files(commune_id, disclosure_id);
