ALTER TABLE reporting_periods ADD COLUMN commune_due TEXT;
CREATE TABLE unit_plans (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL,
    plan_id BIGINT NOT NULL REFERENCES plans(id),
    unit_id BIGINT NOT NULL REFERENCES units(id),
    number TEXT NOT NULL,
    issued_on TEXT,
    status TEXT NOT NULL,
    first_submitted_on TEXT,
    comment TEXT NOT NULL
);
CREATE UNIQUE INDEX unit_plans_unit ON unit_plans(plan_id, unit_id);
CREATE TABLE unit_plan_rows (
    unit_plan_id BIGINT NOT NULL REFERENCES unit_plans(id),
    task_id BIGINT NOT NULL REFERENCES tasks(id),
    commune_id BIGINT NOT NULL,
    actions TEXT NOT NULL,
    deliverable TEXT NOT NULL,
    due TEXT,
    officer TEXT NOT NULL,
    PRIMARY KEY (unit_plan_id, task_id)
);
CREATE TABLE unit_reports (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL,
    period_id BIGINT NOT NULL REFERENCES reporting_periods(id),
    unit_id BIGINT NOT NULL REFERENCES units(id),
    status TEXT NOT NULL,
    first_submitted_on TEXT,
    comment TEXT NOT NULL
);
CREATE UNIQUE INDEX unit_reports_unit ON unit_reports(period_id, unit_id);
CREATE TABLE unit_report_rows (
    unit_report_id BIGINT NOT NULL REFERENCES unit_reports(id),
    task_id BIGINT NOT NULL REFERENCES tasks(id),
    commune_id BIGINT NOT NULL,
    done TEXT NOT NULL,
    status TEXT NOT NULL,
    progress BIGINT NOT NULL,
    figures TEXT NOT NULL,
    PRIMARY KEY (unit_report_id, task_id)
);
CREATE TABLE commune_reports (
    id BIGSERIAL PRIMARY KEY,
    commune_id BIGINT NOT NULL,
    period_id BIGINT NOT NULL REFERENCES reporting_periods(id),
    number TEXT NOT NULL,
    issued_on TEXT,
    status TEXT NOT NULL,
    highlights TEXT NOT NULL,
    shortcomings TEXT NOT NULL,
    causes TEXT NOT NULL,
    next_steps TEXT NOT NULL,
    approved_by TEXT NOT NULL
);
CREATE UNIQUE INDEX commune_reports_period ON commune_reports(period_id);
