//! What residents see without signing in: what is disclosed now, where and until when, by
//! village and by group of Điều 11, and each entry's page with its document. Only published
//! entries are shown; photos and who did what stay in the staff register.

use chrono::NaiveDate;
use papi_core::disclosure::check::{posting_minimum, published_on};
use papi_core::disclosure::group::permanent;
use papi_core::disclosure::{group_title, Disclosure, DisclosureState, Form, FormKind};
use papi_store::disclosure::FileMeta;

use crate::error::{Error, Result};
use crate::App;

/// One form as residents read it.
#[derive(Debug, Clone)]
pub struct PublicForm {
    pub label: &'static str,
    /// The village, the portal address, or empty.
    pub place: String,
    pub from: NaiveDate,
    pub until: Option<NaiveDate>,
    /// For a posting still up: the earliest day the law lets it come down.
    pub at_least_until: Option<NaiveDate>,
    pub days: Vec<NaiveDate>,
    pub url: String,
}

/// One entry as residents read it.
#[derive(Debug, Clone)]
pub struct PublicEntry {
    pub id: i64,
    pub group: u8,
    pub group_title: &'static str,
    pub title: String,
    pub legal_basis: String,
    pub decided_on: NaiveDate,
    pub published_on: NaiveDate,
    pub village: Option<String>,
    pub permanent: bool,
    pub version: i32,
    pub state: DisclosureState,
    pub forms: Vec<PublicForm>,
    /// The document's file id and name.
    pub document: Option<(i64, String)>,
    /// The version that replaced this one, if any.
    pub replaced_by: Option<i64>,
}

fn public_form(e: &Disclosure, f: &Form, villages: &[(i64, String)], app: &App) -> PublicForm {
    let place = match f.kind {
        FormKind::Portal => f.url.clone(),
        _ => f
            .village_id
            .and_then(|v| villages.iter().find(|(id, _)| *id == v))
            .map(|(_, n)| n.clone())
            .unwrap_or_default(),
    };
    let posting = matches!(f.kind, FormKind::Office | FormKind::Village);
    let until = f.until.or(e.taken_down_on);
    let at_least_until = (posting && until.is_none() && !permanent(e.group, e.topic))
        .then(|| posting_minimum(e, f.from, &app.calendar()).due);
    PublicForm {
        label: f.kind.label(),
        place,
        from: f.from,
        until,
        at_least_until,
        days: f.days.clone(),
        url: f.url.clone(),
    }
}

async fn build(
    app: &App,
    all: &[Disclosure],
    e: &Disclosure,
    forms: Vec<Form>,
    villages: &[(i64, String)],
) -> Result<Option<PublicEntry>> {
    let days = crate::outreach::loudspeaker_days(app, e.commune_id, e.id).await?;
    let Some(first) = published_on(&forms, &days) else {
        return Ok(None);
    };
    let files = papi_store::disclosure::files(&app.store, e.commune_id, e.id).await?;
    let document = files
        .iter()
        .find(|f| f.role == "document")
        .map(|f| (f.id, f.original_name.clone()));
    Ok(Some(PublicEntry {
        id: e.id,
        group: e.group,
        group_title: group_title(e.group).unwrap_or(""),
        title: e.title.clone(),
        legal_basis: e.legal_basis.clone(),
        decided_on: e.decided_on,
        published_on: first,
        village: e
            .village_id
            .and_then(|v| villages.iter().find(|(id, _)| *id == v))
            .map(|(_, n)| n.clone()),
        permanent: permanent(e.group, e.topic),
        version: e.version,
        state: e.state,
        forms: forms
            .iter()
            .map(|f| public_form(e, f, villages, app))
            .collect(),
        document,
        replaced_by: all.iter().find(|x| x.replaces == Some(e.id)).map(|x| x.id),
    }))
}

/// What the commune discloses now (current versions already published), newest first,
/// filtered by group and village.
pub async fn list(
    app: &App,
    commune_id: i64,
    group: Option<u8>,
    village_id: Option<i64>,
) -> Result<Vec<PublicEntry>> {
    let all = papi_store::disclosure::list(&app.store, commune_id).await?;
    let all_forms = papi_store::disclosure::all_forms(&app.store, commune_id).await?;
    let villages = super::register::villages(app, commune_id).await?;
    let mut out = Vec::new();
    for e in all.iter().filter(|e| e.state == DisclosureState::Current) {
        if group.is_some_and(|g| g != e.group) {
            continue;
        }
        let forms: Vec<Form> = all_forms
            .iter()
            .filter(|f| f.disclosure_id == e.id)
            .cloned()
            .collect();
        if let Some(v) = village_id {
            let here = e.village_id == Some(v)
                || (e.village_id.is_none()
                    && forms
                        .iter()
                        .any(|f| f.village_id == Some(v) || f.village_id.is_none()));
            if !here {
                continue;
            }
        }
        if let Some(p) = build(app, &all, e, forms, &villages).await? {
            out.push(p);
        }
    }
    Ok(out)
}

/// One published entry of the commune (any version).
pub async fn entry(app: &App, commune_id: i64, id: i64) -> Result<PublicEntry> {
    let all = papi_store::disclosure::list(&app.store, commune_id).await?;
    let e = all.iter().find(|e| e.id == id).ok_or(Error::NotFound)?;
    let forms = papi_store::disclosure::forms(&app.store, commune_id, id).await?;
    let villages = super::register::villages(app, commune_id).await?;
    build(app, &all, e, forms, &villages)
        .await?
        .ok_or(Error::NotFound)
}

/// The document of a published entry, for download.
pub async fn document(
    app: &App,
    commune_id: i64,
    id: i64,
    file_id: i64,
) -> Result<(FileMeta, Vec<u8>)> {
    let e = entry(app, commune_id, id).await?;
    let (meta, bytes) = papi_store::disclosure::file(&app.store, commune_id, file_id).await?;
    if meta.disclosure_id != e.id || meta.role != "document" {
        return Err(Error::NotFound);
    }
    Ok((meta, bytes))
}

/// The commune's villages as (id, name), for filters and forms.
pub async fn villages_of(app: &App, commune_id: i64) -> Result<Vec<(i64, String)>> {
    super::register::villages(app, commune_id).await
}
