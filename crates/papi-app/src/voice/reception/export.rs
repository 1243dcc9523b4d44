//! The register as the commune prints and files it: DOCX (cover and landscape table) and
//! XLSX, over a period, under the commune's letterhead (the reporting documents' helper).

use chrono::{Datelike, NaiveDate};
use papi_core::Actor;
use papi_docs::decree30::write_docx;
use papi_docs::voice::{reception_register, reception_register_xlsx, RegisterData, RegisterRow};

use super::register::register;
use crate::error::{Error, Result};
use crate::reporting::documents::{commune_head, doc_context};
use crate::App;

async fn data(app: &App, actor: &Actor, from: NaiveDate, to: NaiveDate) -> Result<RegisterData> {
    let lines = register(app, actor, from, to).await?;
    let c = doc_context(app, actor.commune_id).await?;
    Ok(RegisterData {
        head: commune_head(&c, vec!["Lưu: VT, VP".into()], &c.chairman),
        number: format!("01/{}", from.year()),
        date: app.today(),
        commune: c.commune.full_name(),
        from,
        to,
        rows: lines
            .into_iter()
            .map(|l| RegisterRow {
                received_on: l.entry.received_on,
                name: l.entry.name,
                address: l.entry.address,
                id_number: l.entry.id_number,
                content: l.entry.content,
                prior_handling: l.entry.prior_handling,
                requests: l.entry.requests,
                handling: l.entry.handling,
            })
            .collect(),
    })
}

fn internal(e: impl std::fmt::Display) -> Error {
    Error::Internal(anyhow::anyhow!("{e}"))
}

/// Sổ tiếp công dân, `[from, to]`, as DOCX.
pub async fn register_docx(
    app: &App,
    actor: &Actor,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<u8>> {
    let d = data(app, actor, from, to).await?;
    write_docx(&reception_register(&d)).map_err(internal)
}

/// Sổ tiếp công dân, `[from, to]`, as XLSX.
pub async fn register_xlsx(
    app: &App,
    actor: &Actor,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<u8>> {
    let d = data(app, actor, from, to).await?;
    reception_register_xlsx(&d).map_err(internal)
}
