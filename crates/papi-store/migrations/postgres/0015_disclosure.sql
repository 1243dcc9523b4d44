-- The disclosure register (papi_core::disclosure): one row per version of a disclosed content
-- (a change of content is a new version that replaces the old, which stays as it was), the
-- forms each version was disclosed in (postings, portal, loudspeaker days, village heads), and
-- the files: the document disclosed and the photos that show a posting. Dates are ISO text;
-- loudspeaker days are ISO dates separated by commas.
CREATE TABLE disclosures (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL,
    grp BIGINT NOT NULL,
    topic TEXT NOT NULL,
    title TEXT NOT NULL,
    legal_basis TEXT NOT NULL,
    decided_on TEXT NOT NULL,
    village_id BIGINT,
    version BIGINT NOT NULL,
    replaces BIGINT,
    state TEXT NOT NULL,
    taken_down_on TEXT,
    source TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_on TEXT NOT NULL
);
CREATE INDEX disclosures_commune ON disclosures(commune_id, state, grp);
CREATE TABLE disclosure_forms (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL,
    disclosure_id BIGINT NOT NULL REFERENCES disclosures(id),
    kind TEXT NOT NULL,
    village_id BIGINT,
    url TEXT NOT NULL,
    from_on TEXT NOT NULL,
    until_on TEXT,
    days TEXT NOT NULL,
    note TEXT NOT NULL,
    done_by TEXT NOT NULL
);
CREATE INDEX disclosure_forms_entry ON disclosure_forms(commune_id, disclosure_id);
CREATE TABLE disclosure_files (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL,
    disclosure_id BIGINT NOT NULL REFERENCES disclosures(id),
    form_id BIGINT REFERENCES disclosure_forms(id),
    role TEXT NOT NULL,
    original_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    content BYTEA NOT NULL
);
CREATE INDEX disclosure_files_entry ON disclosure_files(commune_id, disclosure_id);
