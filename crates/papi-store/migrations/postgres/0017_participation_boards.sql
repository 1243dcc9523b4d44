-- Supervision boards (papi_store::participation::board): the people's inspection board and the
-- community investment supervision boards, their members, plans, checks with their notices,
-- recommendations with the commune's answers, and the results of complaints told to the board.
-- Village conferences, the dialogue conference and meetings with residents, with the matters
-- raised (papi_store::participation::conference). The outreach log and its evidence files
-- (papi_store::outreach). Dates are ISO text. ledger_project_id and disclosure_id point to
-- other processes' tables by number only, without a foreign key, so either may land first.
CREATE TABLE boards (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    project TEXT NOT NULL,
    ledger_project_id BIGINT,
    established_on TEXT NOT NULL,
    term_end TEXT,
    recognised_by TEXT NOT NULL,
    dissolved_on TEXT
);
CREATE INDEX boards_commune ON boards(commune_id, kind);
CREATE TABLE board_members (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL,
    board_id BIGINT NOT NULL,
    name TEXT NOT NULL,
    village_id BIGINT,
    position TEXT NOT NULL,
    member_group TEXT NOT NULL,
    joined_on TEXT NOT NULL
);
CREATE INDEX board_members_board ON board_members(commune_id, board_id);
CREATE TABLE board_plans (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL,
    board_id BIGINT NOT NULL,
    period TEXT NOT NULL,
    title TEXT NOT NULL,
    from_date TEXT NOT NULL,
    to_date TEXT NOT NULL
);
CREATE INDEX board_plans_board ON board_plans(commune_id, board_id);
CREATE TABLE board_checks (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL,
    board_id BIGINT NOT NULL,
    target TEXT NOT NULL,
    check_on TEXT NOT NULL,
    notice_sent_on TEXT,
    recipients TEXT NOT NULL
);
CREATE INDEX board_checks_board ON board_checks(commune_id, board_id);
CREATE TABLE board_recommendations (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL,
    board_id BIGINT NOT NULL,
    received_on TEXT NOT NULL,
    content TEXT NOT NULL,
    answer TEXT NOT NULL,
    answered_on TEXT
);
CREATE INDEX board_recommendations_board ON board_recommendations(commune_id, board_id);
CREATE TABLE board_results (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL,
    board_id BIGINT NOT NULL,
    matter_code TEXT NOT NULL,
    matter_title TEXT NOT NULL,
    sent_on TEXT NOT NULL
);
CREATE INDEX board_results_board ON board_results(commune_id, board_id);
CREATE TABLE conferences (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    village_id BIGINT,
    held_on TEXT NOT NULL,
    noticed_on TEXT,
    title TEXT NOT NULL,
    agenda TEXT NOT NULL,
    minutes TEXT NOT NULL,
    attendance BIGINT,
    head_report BIGINT NOT NULL,
    front_report BIGINT NOT NULL,
    board_report BIGINT NOT NULL,
    sent_ubnd_on TEXT,
    sent_mttq_on TEXT
);
CREATE INDEX conferences_commune ON conferences(commune_id, held_on);
CREATE TABLE conference_items (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL,
    conference_id BIGINT NOT NULL,
    text TEXT NOT NULL,
    matter_code TEXT NOT NULL
);
CREATE INDEX conference_items_conference ON conference_items(commune_id, conference_id);
CREATE TABLE outreach_entries (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL,
    channel TEXT NOT NULL,
    topic TEXT NOT NULL,
    title TEXT NOT NULL,
    village_ids TEXT NOT NULL,
    dates TEXT NOT NULL,
    first_date TEXT NOT NULL,
    reach BIGINT,
    done_by TEXT NOT NULL,
    disclosure_id BIGINT,
    evidence_name TEXT NOT NULL
);
CREATE INDEX outreach_entries_commune ON outreach_entries(commune_id, first_date);
CREATE TABLE outreach_files (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL,
    entry_id BIGINT NOT NULL,
    content_type TEXT NOT NULL,
    content BYTEA NOT NULL
);
CREATE INDEX outreach_files_entry ON outreach_files(commune_id, entry_id);
