//! Citizen reception: the chairman's schedule, its compliance, and the register.
