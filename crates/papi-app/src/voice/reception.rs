//! Citizen reception as use cases: the chairman's schedule and its compliance, and the
//! register (sổ tiếp công dân).
