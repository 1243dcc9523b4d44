-- Supervision boards (papi_store::participation::board): the people's inspection board and the
-- community investment supervision boards, their members, plans, checks with their notices,
-- recommendations with the commune's answers, and the results of complaints told to the board.
-- Village conferences, the dialogue conference and meetings with residents, with the matters
-- raised (papi_store::participation::conference). The outreach log and its evidence files
-- (papi_store::outreach). Dates are ISO text. ledger_project_id and disclosure_id point to
-- other processes' tables by number only, without a foreign key, so either may land first.
CREATE TABLE boards (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    commune_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    project TEXT NOT NULL,
    ledger_project_id INTEGER,
    established_on TEXT NOT NULL,
    term_end TEXT,
    recognised_by TEXT NOT NULL,
    dissolved_on TEXT
);
CREATE INDEX boards_commune ON boards(commune_id, kind);
CREATE TABLE board_members (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    commune_id INTEGER NOT NULL,
    board_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    village_id INTEGER,
    position TEXT NOT NULL,
    member_group TEXT NOT NULL,
    joined_on TEXT NOT NULL
);
CREATE INDEX board_members_board ON board_members(commune_id, board_id);
CREATE TABLE board_plans (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    commune_id INTEGER NOT NULL,
    board_id INTEGER NOT NULL,
    period TEXT NOT NULL,
    title TEXT NOT NULL,
    from_date TEXT NOT NULL,
    to_date TEXT NOT NULL
);
CREATE INDEX board_plans_board ON board_plans(commune_id, board_id);
CREATE TABLE board_checks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    commune_id INTEGER NOT NULL,
    board_id INTEGER NOT NULL,
    target TEXT NOT NULL,
    check_on TEXT NOT NULL,
    notice_sent_on TEXT,
    recipients TEXT NOT NULL
);
CREATE INDEX board_checks_board ON board_checks(commune_id, board_id);
CREATE TABLE board_recommendations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    commune_id INTEGER NOT NULL,
    board_id INTEGER NOT NULL,
    received_on TEXT NOT NULL,
    content TEXT NOT NULL,
    answer TEXT NOT NULL,
    answered_on TEXT
);
CREATE INDEX board_recommendations_board ON board_recommendations(commune_id, board_id);
CREATE TABLE board_results (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    commune_id INTEGER NOT NULL,
    board_id INTEGER NOT NULL,
    matter_code TEXT NOT NULL,
    matter_title TEXT NOT NULL,
    sent_on TEXT NOT NULL
);
CREATE INDEX board_results_board ON board_results(commune_id, board_id);
CREATE TABLE conferences (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    commune_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    village_id INTEGER,
    held_on TEXT NOT NULL,
    noticed_on TEXT,
    title TEXT NOT NULL,
    agenda TEXT NOT NULL,
    minutes TEXT NOT NULL,
    attendance INTEGER,
    head_report INTEGER NOT NULL,
    front_report INTEGER NOT NULL,
    board_report INTEGER NOT NULL,
    sent_ubnd_on TEXT,
    sent_mttq_on TEXT
);
CREATE INDEX conferences_commune ON conferences(commune_id, held_on);
CREATE TABLE conference_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    commune_id INTEGER NOT NULL,
    conference_id INTEGER NOT NULL,
    text TEXT NOT NULL,
    matter_code TEXT NOT NULL
);
CREATE INDEX conference_items_conference ON conference_items(commune_id, conference_id);
CREATE TABLE outreach_entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    commune_id INTEGER NOT NULL,
    channel TEXT NOT NULL,
    topic TEXT NOT NULL,
    title TEXT NOT NULL,
    village_ids TEXT NOT NULL,
    dates TEXT NOT NULL,
    first_date TEXT NOT NULL,
    reach INTEGER,
    done_by TEXT NOT NULL,
    disclosure_id INTEGER,
    evidence_name TEXT NOT NULL
);
CREATE INDEX outreach_entries_commune ON outreach_entries(commune_id, first_date);
CREATE TABLE outreach_files (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    commune_id INTEGER NOT NULL,
    entry_id INTEGER NOT NULL,
    content_type TEXT NOT NULL,
    content BLOB NOT NULL
);
CREATE INDEX outreach_files_entry ON outreach_files(commune_id, entry_id);
