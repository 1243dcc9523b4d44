CREATE TABLE communes (
    id BIGSERIAL PRIMARY KEY,
    gso_code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    province TEXT NOT NULL
);
CREATE TABLE villages (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL REFERENCES communes(id),
    name TEXT NOT NULL
);
CREATE TABLE units (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL REFERENCES communes(id),
    name TEXT NOT NULL,
    short_name TEXT NOT NULL
);
CREATE UNIQUE INDEX units_name ON units(commune_id, name);
CREATE TABLE users (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL REFERENCES communes(id),
    username TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,
    email TEXT NOT NULL,
    role TEXT NOT NULL,
    unit_id BIGINT REFERENCES units(id),
    village_id BIGINT REFERENCES villages(id),
    password_hash TEXT NOT NULL,
    active BIGINT NOT NULL DEFAULT 1
);
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    commune_id BIGINT NOT NULL,
    csrf TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE TABLE plans (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL REFERENCES communes(id),
    number TEXT NOT NULL,
    issued_on TEXT NOT NULL,
    year BIGINT NOT NULL,
    title TEXT NOT NULL,
    full_text TEXT NOT NULL,
    unit_plan_due_working_days BIGINT
);
CREATE TABLE reporting_periods (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL,
    plan_id BIGINT NOT NULL REFERENCES plans(id),
    kind TEXT NOT NULL,
    from_date TEXT NOT NULL,
    to_date TEXT NOT NULL,
    due TEXT NOT NULL
);
CREATE TABLE plan_items (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL,
    plan_id BIGINT NOT NULL REFERENCES plans(id),
    code TEXT NOT NULL,
    kind TEXT NOT NULL,
    dimension BIGINT,
    text TEXT NOT NULL,
    position BIGINT NOT NULL
);
CREATE UNIQUE INDEX plan_items_code ON plan_items(plan_id, code);
CREATE TABLE tasks (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL,
    plan_id BIGINT NOT NULL REFERENCES plans(id),
    item_id BIGINT REFERENCES plan_items(id),
    position BIGINT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    lead_unit_id BIGINT NOT NULL REFERENCES units(id),
    deliverable TEXT NOT NULL,
    due TEXT NOT NULL,
    status TEXT NOT NULL,
    progress BIGINT NOT NULL,
    public BIGINT NOT NULL,
    last_update_on TEXT
);
CREATE INDEX tasks_plan ON tasks(commune_id, plan_id);
CREATE TABLE task_units (
    task_id BIGINT NOT NULL REFERENCES tasks(id),
    unit_id BIGINT NOT NULL REFERENCES units(id),
    commune_id BIGINT NOT NULL,
    PRIMARY KEY (task_id, unit_id)
);
CREATE TABLE task_updates (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL,
    task_id BIGINT NOT NULL REFERENCES tasks(id),
    author_id BIGINT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    text TEXT NOT NULL,
    progress BIGINT NOT NULL,
    status_after TEXT NOT NULL
);
CREATE INDEX task_updates_task ON task_updates(task_id);
CREATE TABLE evidence (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL,
    update_id BIGINT NOT NULL REFERENCES task_updates(id),
    original_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    content BYTEA NOT NULL
);
CREATE INDEX evidence_update ON evidence(update_id);
CREATE TABLE audit_log (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id BIGINT NOT NULL,
    before_json TEXT NOT NULL,
    after_json TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_commune ON audit_log(commune_id, id);
