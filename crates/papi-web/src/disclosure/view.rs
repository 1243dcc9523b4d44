//! How the register's facts print on a page: dates dd/mm/yyyy, each form in a line, the
//! badge class of a standing.

use papi_app::disclosure::Judged;
use papi_core::clock::format_date;
use papi_core::disclosure::{group_title, FindingKind, Form, Standing};

/// One entry as a row of the register.
pub struct Row {
    pub id: i64,
    pub group: u8,
    pub title: String,
    pub version: i32,
    pub decided_on: String,
    pub deadline: String,
    pub deadline_rule: String,
    pub published_on: String,
    pub standing: &'static str,
    pub class: &'static str,
    pub findings: Vec<String>,
}

pub fn class(s: Standing) -> &'static str {
    match s {
        Standing::OnTime | Standing::Permanent => "ok",
        Standing::Waiting => "soon",
        Standing::Replaced => "track",
        _ => "late",
    }
}

pub fn form_line(f: &Form, villages: &[(i64, String)]) -> String {
    papi_app::disclosure::documents::form_line(f, villages)
}

pub fn row(j: &Judged) -> Row {
    Row {
        id: j.entry.id,
        group: j.entry.group,
        title: j.entry.title.clone(),
        version: j.entry.version,
        decided_on: format_date(j.entry.decided_on),
        deadline: format_date(j.deadline.due),
        deadline_rule: format!("{} — {}", j.deadline.rule_id, j.deadline.source),
        published_on: j.published_on.map(format_date).unwrap_or_default(),
        standing: j.standing.label(),
        class: class(j.standing),
        findings: j
            .findings
            .iter()
            .filter(|f| f.kind != FindingKind::ToPublish || j.published_on.is_none())
            .map(|f| f.message.clone())
            .collect(),
    }
}

/// The 14 groups as (number, "Khoản n. title") for a select.
pub fn groups() -> Vec<(u8, String)> {
    (1..=14u8)
        .map(|g| (g, format!("Khoản {g}. {}", group_title(g).unwrap_or(""))))
        .collect()
}
