-- A survey's answers read in the order they came (results, exports): without this index the
-- planner took the (survey_id, uuid) index for the filter and sorted a million rows by id.
CREATE INDEX survey_responses_by_id ON survey_responses(survey_id, id);
