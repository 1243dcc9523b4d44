//! The application layer between the front doors (`papi-web`, `papi-cli`) and the rest: the
//! context every use case runs in ([`App`]) and one service module per process, named as in
//! every other layer. A front door reads its input, calls one function here, and renders the
//! answer; permissions on objects, rules and writes happen here or below.

pub mod agenda;
pub mod calendar;
pub mod collect;
mod context;
pub mod disclosure;
pub mod error;
pub mod fieldwork;
pub mod inspection;
pub mod mail;
pub mod org;
pub mod outreach;
pub mod participation;
pub mod plan;
pub mod progress;
pub mod reporting;
pub mod review;
pub mod satisfaction;
pub mod setup;
pub mod survey;
pub mod task;
pub mod unit_plan;
pub mod voice;

pub use context::App;
pub use error::Error;
