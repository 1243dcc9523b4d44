-- Satisfaction surveys of public services run by the commune (papi_core::satisfaction): the
-- survey of a service for a period with its questionnaire (JSON, a copy made when the survey
-- was created, so later edits of a template never change past results), and the answers
-- residents sent from the phone form, with one-way tags of their address and device and the
-- intake decision. Dates are ISO text.
CREATE TABLE satisfaction_surveys (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    service_name TEXT NOT NULL,
    period_label TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    questionnaire_json TEXT NOT NULL,
    open BIGINT NOT NULL
);
CREATE INDEX satisfaction_surveys_commune ON satisfaction_surveys(commune_id, starts_on);
CREATE TABLE satisfaction_responses (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL,
    survey_id BIGINT NOT NULL,
    submitted_at TEXT NOT NULL,
    address_tag TEXT NOT NULL,
    device_tag TEXT NOT NULL,
    answers_json TEXT NOT NULL,
    review TEXT NOT NULL
);
CREATE INDEX satisfaction_responses_survey ON satisfaction_responses(commune_id, survey_id, submitted_at);
