//! Satisfaction surveys of public services: the staff list and results, the printable QR
//! code for each desk, the resident's phone form and the public results.

pub mod public;
pub mod staff;
mod view;
