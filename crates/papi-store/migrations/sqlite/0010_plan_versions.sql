-- Plan versions: importing a plan for a year that already has one adds a version of it. The
-- `plans` row stays the plan of the year (tasks, periods, unit plans and reports keep pointing
-- at it) and mirrors its active version; each version keeps its own document and items.
CREATE TABLE plan_versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    commune_id INTEGER NOT NULL REFERENCES communes(id),
    plan_id INTEGER NOT NULL REFERENCES plans(id),
    version INTEGER NOT NULL,
    number TEXT NOT NULL,
    issued_on TEXT NOT NULL,
    title TEXT NOT NULL,
    full_text TEXT NOT NULL,
    unit_plan_due_working_days INTEGER,
    imported_by TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX plan_versions_number ON plan_versions(plan_id, version);
INSERT INTO plan_versions (commune_id, plan_id, version, number, issued_on, title, full_text,
    unit_plan_due_working_days, imported_by, imported_at, active)
SELECT p.commune_id, p.id, 1, p.number, p.issued_on, p.title, p.full_text,
    p.unit_plan_due_working_days,
    COALESCE((SELECT a.actor FROM audit_log a WHERE a.entity = 'plan' AND a.action = 'import'
              AND a.entity_id = p.id ORDER BY a.id LIMIT 1), ''),
    COALESCE((SELECT a.at FROM audit_log a WHERE a.entity = 'plan' AND a.action = 'import'
              AND a.entity_id = p.id ORDER BY a.id LIMIT 1), ''),
    1
FROM plans p;

ALTER TABLE plan_items ADD COLUMN version_id INTEGER REFERENCES plan_versions(id);
UPDATE plan_items SET version_id = (SELECT v.id FROM plan_versions v WHERE v.plan_id = plan_items.plan_id);
DROP INDEX plan_items_code;
CREATE UNIQUE INDEX plan_items_code ON plan_items(plan_id, version_id, code);

-- The item each task had in a version, recorded when the version stops being the active one,
-- so that it can be read as it was and switched back to.
CREATE TABLE task_version_items (
    task_id INTEGER NOT NULL REFERENCES tasks(id),
    version_id INTEGER NOT NULL REFERENCES plan_versions(id),
    item_id INTEGER REFERENCES plan_items(id),
    commune_id INTEGER NOT NULL,
    PRIMARY KEY (task_id, version_id)
);

-- Task codes ("Mã nhiệm vụ"), unique within a plan: a re-imported task table finds its rows by
-- them. Existing tasks are numbered NV01, NV02 … in table order.
ALTER TABLE tasks ADD COLUMN code TEXT NOT NULL DEFAULT '';
UPDATE tasks SET code = (
    SELECT printf('NV%02d', r.n) FROM (
        SELECT id, ROW_NUMBER() OVER (PARTITION BY plan_id ORDER BY position, id) AS n FROM tasks
    ) r WHERE r.id = tasks.id
);
CREATE UNIQUE INDEX tasks_code ON tasks(plan_id, code);
