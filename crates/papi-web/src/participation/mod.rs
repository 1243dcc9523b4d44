//! Participation (Luật 10/2022/QH15 ch. II–IV): what residents decide, the contributions
//! ledger, consultations, supervision boards and village conferences.

pub mod board;
pub mod conference;
pub mod consultation;
pub mod decision;
pub mod ledger;
pub mod schemas;
