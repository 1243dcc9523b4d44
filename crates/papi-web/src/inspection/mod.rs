//! Inspections and self-checks: plans, checks, findings, remediation, re-checks.
