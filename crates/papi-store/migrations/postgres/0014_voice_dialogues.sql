-- Dialogues held on complaints (papi_store::voice::dialogue), as their minutes record them
-- (Luật Khiếu nại Điều 30, 39). participants is JSON text: a list of name, role and attendance.
-- Dates are ISO text.
CREATE TABLE voice_dialogues (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL,
    matter_id BIGINT NOT NULL,
    held_on TEXT NOT NULL,
    starts_at TEXT NOT NULL,
    place TEXT NOT NULL,
    chair TEXT NOT NULL,
    invited_on TEXT,
    participants TEXT NOT NULL,
    content TEXT NOT NULL,
    opinions TEXT NOT NULL,
    result TEXT NOT NULL,
    copies BIGINT NOT NULL
);
CREATE INDEX voice_dialogues_matter ON voice_dialogues(commune_id, matter_id, held_on);
