CREATE TABLE surveys (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    commune_id INTEGER NOT NULL REFERENCES communes(id),
    year INTEGER NOT NULL,
    title TEXT NOT NULL,
    questionnaire_json TEXT NOT NULL,
    age_bands TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE survey_responses (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    commune_id INTEGER NOT NULL,
    survey_id INTEGER NOT NULL REFERENCES surveys(id),
    uuid TEXT NOT NULL,
    village TEXT NOT NULL,
    sex TEXT NOT NULL,
    age_band TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    answers_json TEXT NOT NULL,
    scores_json TEXT NOT NULL,
    complete INTEGER NOT NULL
);
CREATE UNIQUE INDEX survey_responses_uuid ON survey_responses(survey_id, uuid);
CREATE TABLE survey_population (
    commune_id INTEGER NOT NULL,
    survey_id INTEGER NOT NULL REFERENCES surveys(id),
    village TEXT NOT NULL,
    sex TEXT NOT NULL,
    age_band TEXT NOT NULL,
    population BIGINT NOT NULL,
    PRIMARY KEY (survey_id, village, sex, age_band)
);
CREATE TABLE provincial_scores (
    province TEXT NOT NULL,
    year INTEGER NOT NULL,
    subdimension TEXT NOT NULL,
    score REAL NOT NULL,
    PRIMARY KEY (province, year, subdimension)
);
