//! The resident self-assessment: results for staff and the public (radar, intervals, villages,
//! the province beside), imports of answers and of the population table, and the web form a
//! resident or an enumerator fills in on a phone.

pub mod create;
pub mod fieldwork;
pub mod form;
pub mod import;
pub mod results;
pub mod review;

pub use papi_app::survey::{benchmark, parse_form, score, Benchmark, Scored};
