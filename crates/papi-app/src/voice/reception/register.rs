//! The sổ tiếp công dân (Luật Tiếp công dân Điều 25 khoản 2): each person received is one
//! line, and the matter they bring is opened through the one intake with the channel
//! `Reception` — so the ID number is required from 01/07/2026 and the 10-working-day notice
//! (`TCD-REPLY`, Điều 28 khoản 1) runs like for any matter received in person. A
//! denunciation's line never holds the denouncer in clear: the identity is sealed by the
//! intake and the line points to the sealed file by the matter's code.

use chrono::NaiveDate;
use papi_core::voice::intake::IntakeForm;
use papi_core::voice::{redact, Channel, MatterKind, Requester};
use papi_core::Actor;
use papi_store::voice::reception::Entry;

use super::{allowed, required_day};
use crate::error::{Error, Result};
use crate::voice::intake::{prepare_official, receive_in, Intake, Receipt};
use crate::App;

/// What the officer fills, in the register's order, with the kind of matter brought.
#[derive(Debug, Clone, Default)]
pub struct EntryInput {
    /// Ngày tiếp, `dd/mm/yyyy`.
    pub received_on: String,
    pub name: String,
    pub address: String,
    pub id_number: String,
    pub content: String,
    pub prior_handling: String,
    pub requests: String,
    /// What was done at the desk (empty: "received, code …").
    pub handling: String,
    /// `feedback`, `complaint` or `denunciation` ([`MatterKind::code`]).
    pub kind: String,
    /// The person, body or decision complained about or denounced.
    pub respondent: String,
}

/// A line of the register with the matter it opened.
#[derive(Debug, Clone)]
pub struct RegisterLine {
    pub entry: Entry,
    pub kind: Option<MatterKind>,
    pub code: String,
}

/// What stands in a denunciation's name, address and ID columns.
pub fn sealed_mark(code: &str) -> String {
    format!("[Niêm phong — hồ sơ {code}]")
}

/// The register's lines received in `[from, to]`, in the register's order.
pub async fn register(
    app: &App,
    actor: &Actor,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<RegisterLine>> {
    allowed(actor)?;
    let entries = papi_store::voice::reception::entries(&app.store, actor.commune_id).await?;
    let matters = papi_store::voice::list(&app.store, actor.commune_id).await?;
    Ok(entries
        .into_iter()
        .filter(|e| e.received_on >= from && e.received_on <= to)
        .map(|entry| {
            let m = entry
                .matter_id
                .and_then(|id| matters.iter().find(|m| m.id == id));
            RegisterLine {
                kind: m.map(|m| m.kind),
                code: m.map(|m| m.code.clone()).unwrap_or_default(),
                entry,
            }
        })
        .collect())
}

/// One line of a matter's title: the start of what the person said.
fn title_of(content: &str) -> String {
    let first = content.trim().lines().next().unwrap_or("").trim();
    if first.chars().count() <= 120 {
        first.to_string()
    } else {
        let cut: String = first.chars().take(117).collect();
        format!("{}…", cut.trim_end())
    }
}

/// Enters a person received: opens the matter through the intake (channel `Reception`), then
/// writes the register line linked to it. Returns the matter's receipt (its tracking code).
pub async fn add_entry(app: &App, actor: &Actor, by: &str, input: EntryInput) -> Result<Receipt> {
    allowed(actor)?;
    let received_on = required_day("Ngày tiếp", &input.received_on)?;
    let kind = MatterKind::parse(input.kind.trim()).ok_or_else(|| {
        Error::Invalid("Chọn loại vụ việc: phản ánh, kiến nghị; khiếu nại; hoặc tố cáo.".into())
    })?;
    for (label, value, max) in [
        (
            "Quá trình xem xét giải quyết đã có",
            &input.prior_handling,
            papi_core::text::limits::TEXT,
        ),
        (
            "Yêu cầu, đề nghị",
            &input.requests,
            papi_core::text::limits::TEXT,
        ),
        (
            "Việc tiếp nhận, xử lý",
            &input.handling,
            papi_core::text::limits::TEXT,
        ),
    ] {
        papi_core::text::limits::check(label, value, max).map_err(Error::Invalid)?;
    }
    let mut content = input.content.trim().to_string();
    if !input.requests.trim().is_empty() {
        content = format!("{content}\nYêu cầu, đề nghị: {}", input.requests.trim());
    }
    let form = IntakeForm {
        kind: Some(kind),
        channel: Some(Channel::Reception),
        received_on: Some(received_on),
        title: title_of(&input.content),
        content,
        requester: Requester {
            name: input.name.trim().to_string(),
            address: input.address.trim().to_string(),
            id_number: input.id_number.trim().to_string(),
            ..Default::default()
        },
        respondent: input.respondent.trim().to_string(),
        ..Default::default()
    };
    let ready = prepare_official(
        app,
        actor,
        Intake {
            form,
            ..Default::default()
        },
    )
    .await?;
    let sessions = papi_store::voice::reception::sessions(&app.store, actor.commune_id).await?;
    let session_id = sessions
        .iter()
        .find(|s| s.date == received_on && s.postponed_to.is_none())
        .map(|s| s.id);
    // The matter and its register line commit together or not at all.
    let mut w = app.store.begin_write().await?;
    let receipt = receive_in(app, &mut w, by, ready).await?;
    let handling = if input.handling.trim().is_empty() {
        format!(
            "Tiếp nhận {}, mã số {}.",
            kind.label().to_lowercase(),
            receipt.code
        )
    } else {
        format!("{} (mã số {})", input.handling.trim(), receipt.code)
    };
    let entry = if kind == MatterKind::Denunciation {
        // The identity went into the sealed file; whatever else was typed is redacted of it
        // as the intake redacts the matter's content.
        let hide = [
            input.name.trim(),
            input.address.trim(),
            input.id_number.trim(),
        ];
        let mark = sealed_mark(&receipt.code);
        Entry {
            id: 0,
            number: 0,
            received_on,
            session_id,
            name: mark.clone(),
            address: mark.clone(),
            id_number: mark,
            content: redact(input.content.trim(), &hide),
            prior_handling: redact(input.prior_handling.trim(), &hide),
            requests: redact(input.requests.trim(), &hide),
            handling: redact(&handling, &hide),
            matter_id: Some(receipt.id),
        }
    } else {
        Entry {
            id: 0,
            number: 0,
            received_on,
            session_id,
            name: input.name.trim().to_string(),
            address: input.address.trim().to_string(),
            id_number: input.id_number.trim().to_string(),
            content: input.content.trim().to_string(),
            prior_handling: input.prior_handling.trim().to_string(),
            requests: input.requests.trim().to_string(),
            handling,
            matter_id: Some(receipt.id),
        }
    };
    papi_store::voice::reception::add_entry(&mut w, by, actor.commune_id, &entry).await?;
    w.commit().await?;
    Ok(receipt)
}

/// Updates the last column, what was done with the matter.
pub async fn set_handling(
    app: &App,
    actor: &Actor,
    by: &str,
    entry_id: i64,
    text: &str,
) -> Result<()> {
    allowed(actor)?;
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::Invalid("Nhập việc tiếp nhận, xử lý vụ việc.".into()));
    }
    papi_core::text::limits::check("Việc tiếp nhận, xử lý", text, papi_core::text::limits::TEXT)
        .map_err(Error::Invalid)?;
    let entries = papi_store::voice::reception::entries(&app.store, actor.commune_id).await?;
    if !entries.iter().any(|e| e.id == entry_id) {
        return Err(Error::NotFound);
    }
    let mut w = app.store.begin_write().await?;
    papi_store::voice::reception::set_handling(&mut w, by, actor.commune_id, entry_id, text)
        .await?;
    w.commit().await?;
    Ok(())
}
