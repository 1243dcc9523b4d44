//! Disclosure (công khai): the register of what the commune must disclose (Luật 10/2022/QH15
//! Đ.11–14), its forms and durations, and the rules that judge each posting.
//!
//! The register keeps one row per version of a disclosed content: a change of content is a new
//! version that replaces the old one (Đ.14 k.1: changed information is disclosed again), and a
//! published version is never edited. The checks in [`check`] are pure: they take the entry,
//! its forms, the commune's villages, the calendar and today, and say what is wrong.

pub mod check;
pub mod entry;
pub mod group;
pub mod who;

pub use check::{check, obligations, Finding, FindingKind, Standing};
pub use entry::{Disclosure, DisclosureState, Form, FormKind};
pub use group::{group_title, Topic, GROUPS};
pub use who::{can_record_form, can_register};
