//! E-mail pages: each user's choice of what papi mails them (`/staff/me/mail`), and the
//! commune's outbox for the office (`/staff/mail`): who was sent what, what waits, what failed.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Redirect};
use papi_core::clock::format_timestamp;
use papi_core::mail::{MailKind, MailState};
use papi_store::mail::MailFilter;
use serde::Deserialize;

use crate::auth::CurrentUser;
use crate::error::PageResult;
use crate::plan::edit::FormPairs;
use crate::view::Nav;
use crate::AppState;

/// One kind on the settings page.
struct KindRow {
    code: &'static str,
    label: &'static str,
    on: bool,
}

#[derive(Template)]
#[template(path = "mail_prefs.html")]
struct PrefsPage {
    nav: Nav,
    address: Option<String>,
    address_problem: Option<String>,
    kinds: Vec<KindRow>,
    saved: bool,
}

#[derive(Deserialize, Default)]
pub struct SavedQuery {
    #[serde(default)]
    saved: Option<String>,
}

pub async fn prefs(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<SavedQuery>,
) -> PageResult {
    let mine = papi_app::mail::my_mail(&state, &user.actor()).await?;
    let (address, address_problem) = match mine.address {
        Ok(a) => (Some(a), None),
        Err(e) => (None, Some(e)),
    };
    let page = PrefsPage {
        nav: Nav::new(&user, &state, "mail"),
        address,
        address_problem,
        kinds: mine
            .kinds
            .into_iter()
            .map(|(k, on)| KindRow {
                code: k.code(),
                label: k.label_vi(),
                on,
            })
            .collect(),
        saved: q.saved.is_some(),
    };
    Ok(Html(page.render()?).into_response())
}

/// Saves the ticked kinds; an unticked box is not sent by the browser, so a kind missing from
/// the form is switched off.
pub async fn save_prefs(
    State(state): State<AppState>,
    user: CurrentUser,
    body: Bytes,
) -> PageResult {
    let form = FormPairs::parse(&body)?;
    user.check_csrf(form.get("csrf"))?;
    let enabled: Vec<MailKind> = form
        .all("kind")
        .filter_map(MailKind::parse)
        .filter(|k| k.staff_may_switch_off())
        .collect();
    papi_app::mail::set_my_mail(&state, &user.actor(), &user.audit_name(), &enabled).await?;
    Ok(Redirect::to("/staff/me/mail?saved=1").into_response())
}

/// One message of the outbox as the list shows it: never the body, which may hold a
/// resident's words.
struct OutboxRow {
    id: i64,
    to: String,
    subject: String,
    kind: &'static str,
    state: &'static str,
    state_class: &'static str,
    created: String,
    sent: String,
    attempts: i64,
    last_error: String,
}

struct StateLink {
    code: &'static str,
    label: &'static str,
    current: bool,
}

#[derive(Template)]
#[template(path = "mail_outbox.html")]
struct OutboxPage {
    nav: Nav,
    rows: Vec<OutboxRow>,
    states: Vec<StateLink>,
    all_current: bool,
}

#[derive(Deserialize, Default)]
pub struct OutboxQuery {
    #[serde(default)]
    state: Option<String>,
}

pub async fn outbox(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<OutboxQuery>,
) -> PageResult {
    let chosen = q.state.as_deref().and_then(MailState::parse);
    let filter = MailFilter {
        state: chosen,
        limit: 200,
    };
    let mails = papi_app::mail::outbox(&state, &user.actor(), filter).await?;
    let rows = mails
        .into_iter()
        .map(|m| {
            let st = m.state();
            OutboxRow {
                id: m.id,
                to: m.to_addr,
                subject: m.subject,
                kind: m.kind.label_vi(),
                state: st.label_vi(),
                state_class: match st {
                    MailState::Sent => "ok",
                    MailState::Waiting => "soon",
                    MailState::Failed => "late",
                },
                created: format_timestamp(&m.created_at),
                sent: m
                    .sent_at
                    .as_deref()
                    .map(format_timestamp)
                    .unwrap_or_default(),
                attempts: m.attempts,
                last_error: m.last_error.unwrap_or_default(),
            }
        })
        .collect();
    let page = OutboxPage {
        nav: Nav::new(&user, &state, "mail"),
        rows,
        states: MailState::ALL
            .into_iter()
            .map(|s| StateLink {
                code: s.code(),
                label: s.label_vi(),
                current: chosen == Some(s),
            })
            .collect(),
        all_current: chosen.is_none(),
    };
    Ok(Html(page.render()?).into_response())
}
