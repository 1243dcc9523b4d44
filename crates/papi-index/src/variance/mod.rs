//! Standard errors and 95 % intervals: Taylor linearisation ([`linearise`]) and the Rao–Wu
//! rescaling bootstrap ([`bootstrap`]) (papi-method.md §4.2).

pub mod bootstrap;
pub mod linearise;
