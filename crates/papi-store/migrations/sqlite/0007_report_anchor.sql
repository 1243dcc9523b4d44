-- The audit chain's head at the moment the chairman approved a commune report, printed on the
-- report so a later cut or rewrite of the log can be shown against the paper.
ALTER TABLE commune_reports ADD COLUMN audit_anchor TEXT NOT NULL DEFAULT '';
