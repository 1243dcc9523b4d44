CREATE TABLE surveys (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL REFERENCES communes(id),
    year BIGINT NOT NULL,
    title TEXT NOT NULL,
    questionnaire_json TEXT NOT NULL,
    age_bands TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE survey_responses (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL,
    survey_id BIGINT NOT NULL REFERENCES surveys(id),
    uuid TEXT NOT NULL,
    village TEXT NOT NULL,
    sex TEXT NOT NULL,
    age_band TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    answers_json TEXT NOT NULL,
    scores_json TEXT NOT NULL,
    complete BIGINT NOT NULL
);
CREATE UNIQUE INDEX survey_responses_uuid ON survey_responses(survey_id, uuid);
CREATE TABLE survey_population (
    commune_id BIGINT NOT NULL,
    survey_id BIGINT NOT NULL REFERENCES surveys(id),
    village TEXT NOT NULL,
    sex TEXT NOT NULL,
    age_band TEXT NOT NULL,
    population BIGINT NOT NULL,
    PRIMARY KEY (survey_id, village, sex, age_band)
);
CREATE TABLE provincial_scores (
    province TEXT NOT NULL,
    year BIGINT NOT NULL,
    subdimension TEXT NOT NULL,
    score DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (province, year, subdimension)
);
