//! The register's documents: the quarterly list of what was disclosed (Luật 10/2022/QH15
//! Điều 13 khoản 2 ¶2) and the annual report to the People's Council (Điều 14 khoản 3), as
//! DOCX, from the register judged today.

use chrono::{Datelike, NaiveDate};
use papi_core::clock::format_date;
use papi_core::disclosure::{group_title, Form, FormKind, Standing};
use papi_core::{Actor, Role};
use papi_docs::decree30::{write_docx, Signature};
use papi_docs::disclosure::{
    annual_report as annual_doc, quarterly_list as quarter_doc, AnnualReportData, DisclosedRow,
    QuarterListData,
};
use papi_docs::reports::Letterhead;

use super::register::{judge_commune, villages, Judged};
use crate::error::{Error, Result};
use crate::App;

async fn letterhead(app: &App, commune_id: i64) -> Result<(Letterhead, String)> {
    let c = papi_store::org::commune(&app.store, commune_id).await?;
    let chairman = papi_store::org::users(&app.store, commune_id)
        .await?
        .into_iter()
        .find(|u| u.role == Role::Chairman && u.active)
        .map(|u| u.full_name)
        .unwrap_or_default();
    let kind = c.kind.label();
    Ok((
        Letterhead {
            issuer_parent: format!("UBND TỈNH {}", c.province.to_uppercase()),
            issuer: format!(
                "ỦY BAN NHÂN DÂN {} {}",
                kind.to_uppercase(),
                c.name.to_uppercase()
            ),
            issuer_short: format!("UBND {}", c.full_name()),
            place: c.name.clone(),
            recipients: vec![
                "Thường trực HĐND xã".into(),
                "Ủy ban MTTQ Việt Nam xã".into(),
                "Các thôn".into(),
                "Lưu: VT, VP".into(),
            ],
            signature: Signature {
                authority: "TM. ỦY BAN NHÂN DÂN".into(),
                position: "CHỦ TỊCH".into(),
                deputy: false,
                signer_name: chairman,
            },
        },
        c.full_name(),
    ))
}

/// One form in a line: what, where, when.
pub fn form_line(f: &Form, villages: &[(i64, String)]) -> String {
    let village = f
        .village_id
        .and_then(|v| villages.iter().find(|(id, _)| *id == v))
        .map(|(_, n)| format!(" ({n})"))
        .unwrap_or_default();
    let when = match f.kind {
        FormKind::Loudspeaker => format!(
            "các ngày {}",
            f.days
                .iter()
                .map(|d| format_date(*d))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        FormKind::Portal => format!("{} từ {}", f.url, format_date(f.from)),
        _ => match f.until {
            Some(u) if u != f.from => format!("từ {} đến {}", format_date(f.from), format_date(u)),
            Some(_) => format!("ngày {}", format_date(f.from)),
            None => format!("từ {} (đang công khai)", format_date(f.from)),
        },
    };
    format!("{}{village}: {when}", f.kind.label())
}

fn row(j: &Judged, villages: &[(i64, String)]) -> DisclosedRow {
    let mut forms: Vec<String> = j.forms.iter().map(|f| form_line(f, villages)).collect();
    if !j.outreach_days.is_empty() {
        forms.push(format!(
            "Phát trên hệ thống truyền thanh (sổ tuyên truyền): các ngày {}",
            j.outreach_days
                .iter()
                .map(|d| format_date(*d))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    DisclosedRow {
        group: j.entry.group,
        title: if j.entry.version > 1 {
            format!(
                "{} (công khai lại lần {})",
                j.entry.title,
                j.entry.version - 1
            )
        } else {
            j.entry.title.clone()
        },
        legal_basis: j.entry.legal_basis.clone(),
        decided_on: j.entry.decided_on,
        forms,
        standing: j.standing.label().to_string(),
    }
}

fn quarter_of(d: NaiveDate) -> u8 {
    ((d.month0() / 3) + 1) as u8
}

/// The entries first published in quarter `q` of `year` (every version), oldest first.
pub async fn quarter_entries(app: &App, actor: &Actor, year: i32, q: u8) -> Result<Vec<Judged>> {
    if !(1..=4).contains(&q) {
        return Err(Error::Invalid(format!(
            "Quý: «{q}» không có (chọn từ 1 đến 4)."
        )));
    }
    let mut out: Vec<Judged> = judge_commune(app, actor.commune_id)
        .await?
        .into_iter()
        .filter(|j| {
            j.published_on
                .is_some_and(|p| p.year() == year && quarter_of(p) == q)
        })
        .collect();
    out.sort_by_key(|j| (j.published_on, j.entry.id));
    Ok(out)
}

/// The quarterly list as DOCX, with its file name.
pub async fn quarterly_list(
    app: &App,
    actor: &Actor,
    year: i32,
    q: u8,
) -> Result<(String, Vec<u8>)> {
    let entries = quarter_entries(app, actor, year, q).await?;
    let (head, commune) = letterhead(app, actor.commune_id).await?;
    let villages = villages(app, actor.commune_id).await?;
    let data = QuarterListData {
        head,
        number: "      /TB-UBND".into(),
        date: app.today(),
        commune,
        year,
        quarter: q,
        rows: entries.iter().map(|j| row(j, &villages)).collect(),
    };
    let bytes = write_docx(&quarter_doc(&data)).map_err(|e| Error::Internal(e.into()))?;
    Ok((format!("danh-muc-cong-khai-quy-{q}-{year}.docx"), bytes))
}

/// The data of the annual report: every version published in `year`.
pub async fn annual_data(app: &App, actor: &Actor, year: i32) -> Result<AnnualReportData> {
    let all = judge_commune(app, actor.commune_id).await?;
    let villages = villages(app, actor.commune_id).await?;
    let mut year_entries: Vec<&Judged> = all
        .iter()
        .filter(|j| {
            j.published_on.is_some_and(|p| p.year() == year)
                || (j.published_on.is_none() && j.entry.decided_on.year() == year)
        })
        .collect();
    year_entries.sort_by_key(|j| (j.entry.group, j.entry.decided_on, j.entry.id));
    let mut by_group = Vec::new();
    for g in 1..=14u8 {
        let n = year_entries.iter().filter(|j| j.entry.group == g).count();
        if n > 0 {
            by_group.push((g, group_title(g).unwrap_or("").to_string(), n));
        }
    }
    let order = [
        Standing::OnTime,
        Standing::Permanent,
        Standing::Waiting,
        Standing::Late,
        Standing::TooShort,
        Standing::MissingForm,
        Standing::NotPublished,
        Standing::TakenDown,
        Standing::Replaced,
    ];
    let by_standing = order
        .iter()
        .map(|s| {
            let label = s.label();
            let mut chars = label.chars();
            let cap = chars
                .next()
                .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
                .unwrap_or_default();
            (
                cap,
                year_entries.iter().filter(|j| j.standing == *s).count(),
            )
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    let open_findings = year_entries
        .iter()
        .flat_map(|j| {
            j.findings
                .iter()
                .filter(|f| f.met_on.is_none())
                .map(|f| format!("{}: {}", j.entry.title, f.message))
                .collect::<Vec<_>>()
        })
        .collect();
    let (head, commune) = letterhead(app, actor.commune_id).await?;
    Ok(AnnualReportData {
        head,
        number: "      /BC-UBND".into(),
        date: app.today(),
        commune,
        year,
        by_group,
        by_standing,
        redisclosed: year_entries
            .iter()
            .filter(|j| j.entry.replaces.is_some())
            .count(),
        open_findings,
        rows: year_entries.iter().map(|j| row(j, &villages)).collect(),
    })
}

/// The annual report as DOCX, with its file name.
pub async fn annual_report(app: &App, actor: &Actor, year: i32) -> Result<(String, Vec<u8>)> {
    if !(2023..=2100).contains(&year) {
        return Err(Error::Invalid(format!(
            "Năm: {year} ngoài thời gian áp dụng Luật 10/2022/QH15 (từ 2023)."
        )));
    }
    let data = annual_data(app, actor, year).await?;
    let bytes = write_docx(&annual_doc(&data)).map_err(|e| Error::Internal(e.into()))?;
    Ok((format!("bao-cao-cong-khai-nam-{year}.docx"), bytes))
}
