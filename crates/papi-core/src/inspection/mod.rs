//! Inspections and self-checks (kiểm tra): plans, scheduled and unannounced checks,
//! checklists, findings with remediation deadlines and the re-check that closes them.
