//! The papi domain. Everything here is pure: no files, no network, no database.
//! Handlers and storage call these functions; the rules live only here.

pub mod admin_units;
pub mod agenda;
pub mod clock;
pub mod collect;
pub mod dimension;
pub mod disclosure;
pub mod evidence;
pub mod fieldwork;
pub mod filter;
pub mod inspection;
pub mod login;
pub mod mail;
pub mod org;
pub mod outreach;
pub mod participation;
pub mod password;
pub mod permission;
pub mod plan;
pub mod plan_version;
pub mod progress;
pub mod reporting;
pub mod review;
pub mod satisfaction;
pub mod setup;
pub mod survey_review;
pub mod survey_setup;
pub mod task;
pub mod text;
pub mod timeliness;
pub mod unit_plan;
pub mod voice;

pub use dimension::Dimension;
pub use org::{Commune, CommuneKind, Role, Unit, User, Village};
pub use permission::{Action, Actor};
pub use plan::{CrossCutting, ItemKind, Plan, PlanItem};
pub use task::{Due, Recurrence, Task, TaskStatus, TaskUpdate};
