//! Residents' voice pages: the officials' register of matters and each matter's page
//! ([`matters`]), the public form, tracking page and Open311 endpoint ([`public`]), citizen
//! reception ([`reception`]) and the documents of a matter ([`documents`]).

pub mod dialogue;
pub mod documents;
pub mod matters;
pub mod public;
pub mod reception;
