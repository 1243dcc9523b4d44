//! `/public/{gso}/disclosures`: what the commune discloses now and until when, by village and
//! by group of Điều 11, each entry's page and its document; the hub that links residents to
//! the other public pages of the democracy law (decisions and contributions, boards,
//! inspections). Small HTML, no script: it must load on a phone on a slow line.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse};
use papi_app::disclosure::public::{self as svc, PublicEntry};
use papi_core::clock::format_date;
use papi_core::Commune;
use serde::Deserialize;

use super::view::groups;
use crate::error::{AppError, PageResult};
use crate::AppState;

async fn commune_by_gso(state: &AppState, gso: &str) -> Result<Commune, AppError> {
    papi_store::org::communes(&state.store)
        .await
        .map_err(papi_app::Error::from)?
        .into_iter()
        .find(|c| c.gso_code == gso)
        .ok_or(AppError::NotFound)
}

/// One form as the public page prints it.
pub struct FormView {
    pub label: &'static str,
    pub place: String,
    pub when: String,
}

/// One entry as the public page prints it.
pub struct EntryView {
    pub id: i64,
    pub group: u8,
    pub group_title: &'static str,
    pub title: String,
    pub legal_basis: String,
    pub decided_on: String,
    pub published_on: String,
    pub village: String,
    /// "Thường xuyên", "Đến hết 05/11/2025", "Đã kết thúc 04/11/2025".
    pub until: String,
    pub forms: Vec<FormView>,
    pub document: Option<(i64, String)>,
    pub note: String,
}

fn view(e: PublicEntry) -> EntryView {
    let forms: Vec<FormView> = e
        .forms
        .iter()
        .map(|f| {
            let when = if !f.days.is_empty() {
                format!(
                    "các ngày {}",
                    f.days
                        .iter()
                        .map(|d| format_date(*d))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            } else {
                match (f.until, f.at_least_until) {
                    (Some(u), _) => format!("từ {} đến {}", format_date(f.from), format_date(u)),
                    (None, Some(min)) => format!(
                        "từ {}, niêm yết ít nhất đến {}",
                        format_date(f.from),
                        format_date(min)
                    ),
                    (None, None) => format!("từ {}", format_date(f.from)),
                }
            };
            FormView {
                label: f.label,
                place: f.place.clone(),
                when,
            }
        })
        .collect();
    let until = if e.permanent {
        "Công khai thường xuyên".to_string()
    } else {
        let open = e.forms.iter().filter(|f| f.until.is_none());
        match open.filter_map(|f| f.at_least_until).max() {
            Some(d) => format!("Niêm yết ít nhất đến {}", format_date(d)),
            None => match e.forms.iter().filter_map(|f| f.until).max() {
                Some(d) => format!("Đã kết thúc niêm yết ngày {}", format_date(d)),
                None => String::new(),
            },
        }
    };
    let note = match (e.state, e.replaced_by) {
        (_, Some(next)) => {
            format!("Nội dung đã thay đổi và được công khai lại: xem bản mới (số {next}).")
        }
        (papi_core::disclosure::DisclosureState::TakenDown, _) => "Nội dung đã được gỡ.".into(),
        _ if e.version > 1 => format!(
            "Nội dung công khai lại lần {} do thông tin thay đổi.",
            e.version - 1
        ),
        _ => String::new(),
    };
    EntryView {
        id: e.id,
        group: e.group,
        group_title: e.group_title,
        title: e.title,
        legal_basis: e.legal_basis,
        decided_on: format_date(e.decided_on),
        published_on: format_date(e.published_on),
        village: e.village.unwrap_or_else(|| "Toàn xã".into()),
        until,
        forms,
        document: e.document,
        note,
    }
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    group: String,
    #[serde(default)]
    village: String,
}

#[derive(Template)]
#[template(path = "disclosure_public_list.html")]
struct ListPage {
    commune: String,
    gso: String,
    entries: Vec<EntryView>,
    groups: Vec<(u8, String)>,
    villages: Vec<(i64, String)>,
    group: u8,
    village: i64,
    today: String,
}

/// `GET /public/{gso}/disclosures`.
pub async fn list(
    State(state): State<AppState>,
    Path(gso): Path<String>,
    Query(q): Query<ListQuery>,
) -> PageResult {
    let c = commune_by_gso(&state, &gso).await?;
    let group: Option<u8> = q.group.trim().parse().ok().filter(|g| (1..=14).contains(g));
    let village: Option<i64> = q.village.trim().parse().ok();
    let entries = svc::list(&state, c.id, group, village).await?;
    let page = ListPage {
        commune: c.full_name(),
        gso: c.gso_code.clone(),
        entries: entries.into_iter().map(view).collect(),
        groups: groups(),
        villages: svc::villages_of(&state, c.id).await?,
        group: group.unwrap_or(0),
        village: village.unwrap_or(0),
        today: format_date(state.today()),
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Template)]
#[template(path = "disclosure_public_entry.html")]
struct EntryPage {
    commune: String,
    gso: String,
    e: EntryView,
}

/// `GET /public/{gso}/disclosures/{id}`.
pub async fn entry(
    State(state): State<AppState>,
    Path((gso, id)): Path<(String, i64)>,
) -> PageResult {
    let c = commune_by_gso(&state, &gso).await?;
    let e = svc::entry(&state, c.id, id).await?;
    let page = EntryPage {
        commune: c.full_name(),
        gso: c.gso_code.clone(),
        e: view(e),
    };
    Ok(Html(page.render()?).into_response())
}

/// `GET /public/{gso}/disclosures/{id}/files/{file}`: the disclosed document.
pub async fn document(
    State(state): State<AppState>,
    Path((gso, id, file)): Path<(String, i64, i64)>,
) -> PageResult {
    let c = commune_by_gso(&state, &gso).await?;
    let (meta, bytes) = svc::document(&state, c.id, id, file).await?;
    Ok(super::staff::download(
        &meta.original_name,
        &meta.content_type,
        bytes,
    ))
}
