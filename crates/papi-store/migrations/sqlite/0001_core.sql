CREATE TABLE communes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    gso_code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    province TEXT NOT NULL
);
CREATE TABLE villages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    commune_id INTEGER NOT NULL REFERENCES communes(id),
    name TEXT NOT NULL
);
CREATE TABLE units (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    commune_id INTEGER NOT NULL REFERENCES communes(id),
    name TEXT NOT NULL,
    short_name TEXT NOT NULL
);
CREATE UNIQUE INDEX units_name ON units(commune_id, name);
CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    commune_id INTEGER NOT NULL REFERENCES communes(id),
    username TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,
    email TEXT NOT NULL,
    role TEXT NOT NULL,
    unit_id INTEGER REFERENCES units(id),
    village_id INTEGER REFERENCES villages(id),
    password_hash TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    commune_id INTEGER NOT NULL,
    csrf TEXT NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE TABLE plans (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    commune_id INTEGER NOT NULL REFERENCES communes(id),
    number TEXT NOT NULL,
    issued_on TEXT NOT NULL,
    year INTEGER NOT NULL,
    title TEXT NOT NULL,
    full_text TEXT NOT NULL,
    unit_plan_due_working_days INTEGER
);
CREATE TABLE reporting_periods (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    commune_id INTEGER NOT NULL,
    plan_id INTEGER NOT NULL REFERENCES plans(id),
    kind TEXT NOT NULL,
    from_date TEXT NOT NULL,
    to_date TEXT NOT NULL,
    due TEXT NOT NULL
);
CREATE TABLE plan_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    commune_id INTEGER NOT NULL,
    plan_id INTEGER NOT NULL REFERENCES plans(id),
    code TEXT NOT NULL,
    kind TEXT NOT NULL,
    dimension INTEGER,
    text TEXT NOT NULL,
    position INTEGER NOT NULL
);
CREATE UNIQUE INDEX plan_items_code ON plan_items(plan_id, code);
CREATE TABLE tasks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    commune_id INTEGER NOT NULL,
    plan_id INTEGER NOT NULL REFERENCES plans(id),
    item_id INTEGER REFERENCES plan_items(id),
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    lead_unit_id INTEGER NOT NULL REFERENCES units(id),
    deliverable TEXT NOT NULL,
    due TEXT NOT NULL,
    status TEXT NOT NULL,
    progress INTEGER NOT NULL,
    public INTEGER NOT NULL,
    last_update_on TEXT
);
CREATE INDEX tasks_plan ON tasks(commune_id, plan_id);
CREATE TABLE task_units (
    task_id INTEGER NOT NULL REFERENCES tasks(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    commune_id INTEGER NOT NULL,
    PRIMARY KEY (task_id, unit_id)
);
CREATE TABLE task_updates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    commune_id INTEGER NOT NULL,
    task_id INTEGER NOT NULL REFERENCES tasks(id),
    author_id INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    text TEXT NOT NULL,
    progress INTEGER NOT NULL,
    status_after TEXT NOT NULL
);
CREATE INDEX task_updates_task ON task_updates(task_id);
CREATE TABLE evidence (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    commune_id INTEGER NOT NULL,
    update_id INTEGER NOT NULL REFERENCES task_updates(id),
    original_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    content BLOB NOT NULL
);
CREATE INDEX evidence_update ON evidence(update_id);
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    commune_id INTEGER NOT NULL,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    before_json TEXT NOT NULL,
    after_json TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_commune ON audit_log(commune_id, id);
