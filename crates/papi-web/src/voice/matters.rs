//! The officials' pages of residents' matters: the register with its clocks and figures, the
//! intake form for every channel, and each matter's page with its file, clocks, the router's
//! suggestion, the steps open to the user, and — for the custodian of a denunciation only —
//! the sealed identity, its restricted log and protection requests.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use papi_app::voice::{Intake, MatterView, StepInput};
use papi_core::agenda::Today;
use papi_core::clock::format_date;
use papi_core::voice::intake::IntakeForm;
use papi_core::voice::{Channel, Clock, Matter, MatterKind, Requester, StepKind, Visibility};
use papi_core::{Action, Dimension, Role};
use papi_store::voice::protection::Protection;
use papi_store::voice::seal::Identity;

use crate::auth::CurrentUser;
use crate::error::{AppError, PageResult};
use crate::plan::edit::{FormPairs, Option_};
use crate::view::{form_page, Nav};
use crate::AppState;

/// A clock as the pages show it: dates formatted, lateness judged in working days.
pub struct ClockRow {
    pub title: String,
    pub due: String,
    pub met: String,
    pub badge: &'static str,
    pub note: String,
    pub source: String,
    pub status: String,
    pub warning: String,
}

pub(crate) fn clock_row(c: &Clock, on: &Today) -> ClockRow {
    let (badge, note) = match (c.due, c.met_on) {
        (_, Some(met)) if c.due.is_none_or(|d| met <= d) => ("ok", "Đúng hạn".to_string()),
        (Some(_), Some(_)) => ("late", "Trễ hạn".to_string()),
        (None, Some(_)) => ("ok", "Đã thực hiện".to_string()),
        (None, None) if c.stopped => ("muted", "Tạm dừng (tạm đình chỉ)".to_string()),
        (None, None) => ("muted", "—".to_string()),
        (Some(d), None) if d < on.date => (
            "late",
            format!(
                "Quá hạn {} ngày làm việc",
                on.cal.working_days_between(d, on.date)
            ),
        ),
        (Some(d), None) if on.is_due_soon(d) => (
            "soon",
            format!(
                "Còn {} ngày làm việc",
                on.cal.working_days_between(on.date, d)
            ),
        ),
        (Some(_), None) => ("track", "Trong hạn".to_string()),
    };
    ClockRow {
        title: c.title.clone(),
        due: c.due.map(format_date).unwrap_or_else(|| "—".into()),
        met: c.met_on.map(format_date).unwrap_or_default(),
        badge,
        note,
        source: c.source.clone(),
        status: c.status.clone(),
        warning: c.warning.clone().unwrap_or_default(),
    }
}

pub(crate) async fn today(
    state: &AppState,
    commune_id: i64,
) -> Result<
    (
        chrono::NaiveDate,
        std::sync::Arc<papi_calendar::Calendar>,
        papi_core::agenda::DueSoon,
    ),
    AppError,
> {
    let c = papi_store::org::commune(&state.store, commune_id)
        .await
        .map_err(papi_app::Error::from)?;
    Ok((state.today(), state.calendar(), c.due_soon))
}

pub struct MatterRow {
    pub id: i64,
    pub code: String,
    pub kind: &'static str,
    pub title: String,
    pub channel: &'static str,
    pub received: String,
    pub stage: &'static str,
    pub closed: bool,
    pub next: Option<ClockRow>,
}

#[derive(Template)]
#[template(path = "voice_list.html")]
struct ListPage {
    nav: Nav,
    rows: Vec<MatterRow>,
    kind: String,
    can_receive: bool,
    can_settings: bool,
    total: usize,
    late_open: usize,
    on_time: String,
    acknowledge_days: u32,
    answer_days: u32,
    saved: bool,
}

#[derive(serde::Deserialize)]
pub struct ListQuery {
    kind: Option<String>,
    saved: Option<String>,
}

/// `GET /staff/voice`: the matters the user may see, soonest deadline first among the open.
pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<ListQuery>,
) -> PageResult {
    let actor = user.actor();
    let (date, cal, due_soon) = today(&state, actor.commune_id).await?;
    let on = Today {
        date,
        cal: &cal,
        due_soon,
    };
    let kind = q.kind.unwrap_or_default();
    let filter = MatterKind::parse(&kind);
    let all = papi_app::voice::list(&state, &actor).await?;
    let mut late_open = 0;
    let mut met = 0;
    let mut met_on_time = 0;
    let mut rows: Vec<MatterRow> = Vec::new();
    for (m, clocks) in &all {
        for c in clocks {
            match (c.due, c.met_on) {
                (Some(d), Some(x)) => {
                    met += 1;
                    if x <= d {
                        met_on_time += 1;
                    }
                }
                (Some(d), None) if d < date => late_open += 1,
                _ => {}
            }
        }
        if filter.is_some_and(|k| k != m.kind) {
            continue;
        }
        let next = clocks
            .iter()
            .find(|c| c.met_on.is_none())
            .map(|c| clock_row(c, &on));
        rows.push(MatterRow {
            id: m.id,
            code: m.code.clone(),
            kind: m.kind.label(),
            title: m.title.clone(),
            channel: m.channel.label(),
            received: format_date(m.received_on),
            stage: m.stage.label(),
            closed: m.stage.is_closed(),
            next,
        });
    }
    rows.sort_by_key(|r| (r.closed, r.next.as_ref().map(|n| n.badge != "late")));
    let times = papi_store::voice::feedback_times(&state.store, actor.commune_id)
        .await
        .map_err(papi_app::Error::from)?;
    let page = ListPage {
        nav: nav(&user, &state),
        total: all.len(),
        rows,
        kind,
        can_receive: matches!(
            actor.role,
            Role::Chairman | Role::Office | Role::VillageHead
        ),
        can_settings: actor.can(Action::ManageReception),
        late_open,
        on_time: if met == 0 {
            "—".into()
        } else {
            format!("{:.0}%", 100.0 * met_on_time as f64 / met as f64)
        },
        acknowledge_days: times.acknowledge_working_days,
        answer_days: times.answer_working_days,
        saved: q.saved.is_some(),
    };
    Ok(axum::response::Html(page.render()?).into_response())
}

fn nav(user: &CurrentUser, state: &AppState) -> Nav {
    Nav::new(user, state, "voice")
}

/// `POST /staff/voice/settings`: the commune's feedback times.
pub async fn settings(State(state): State<AppState>, user: CurrentUser, body: Bytes) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    papi_app::voice::set_feedback_times(
        &state,
        &user.actor(),
        &user.audit_name(),
        f.get("acknowledge"),
        f.get("answer"),
    )
    .await?;
    Ok(Redirect::to("/staff/voice?saved=1").into_response())
}

/// What the intake form shows and keeps when a field is refused.
#[derive(Default)]
pub struct IntakeValues {
    pub kind: String,
    pub channel: String,
    pub received_on: String,
    pub title: String,
    pub content: String,
    pub name: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub id_number: String,
    pub village_id: String,
    pub place: String,
    pub portal_code: String,
    pub referrer: String,
    pub respondent: String,
    pub dimension: String,
    pub unit_id: String,
    pub handler_id: String,
    pub accused: Vec<String>,
    pub against_leadership: bool,
    pub signs_of_crime: bool,
    pub publish_consent: bool,
}

impl IntakeValues {
    fn from_form(f: &FormPairs) -> IntakeValues {
        IntakeValues {
            kind: f.get("kind").into(),
            channel: f.get("channel").into(),
            received_on: f.get("received_on").into(),
            title: f.get("title").into(),
            content: f.get("content").into(),
            name: f.get("name").into(),
            address: f.get("address").into(),
            phone: f.get("phone").into(),
            email: f.get("email").into(),
            id_number: f.get("id_number").into(),
            village_id: f.get("village_id").into(),
            place: f.get("place").into(),
            portal_code: f.get("portal_code").into(),
            referrer: f.get("referrer").into(),
            respondent: f.get("respondent").into(),
            dimension: f.get("dimension").into(),
            unit_id: f.get("unit_id").into(),
            handler_id: f.get("handler_id").into(),
            accused: f.all("accused").map(str::to_string).collect(),
            against_leadership: !f.get("against_leadership").is_empty(),
            signs_of_crime: !f.get("signs_of_crime").is_empty(),
            publish_consent: !f.get("publish_consent").is_empty(),
        }
    }

    fn form(&self, year: i32) -> IntakeForm {
        IntakeForm {
            kind: MatterKind::parse(&self.kind),
            channel: Channel::parse(&self.channel),
            received_on: papi_core::task::parse_date(&self.received_on, year),
            title: self.title.clone(),
            content: self.content.clone(),
            requester: Requester {
                name: self.name.clone(),
                address: self.address.clone(),
                phone: self.phone.clone(),
                email: self.email.clone(),
                id_number: self.id_number.clone(),
            },
            village_id: self.village_id.parse().ok(),
            place: self.place.clone(),
            portal_code: self.portal_code.clone(),
            referrer: self.referrer.clone(),
            respondent: self.respondent.clone(),
            publish_consent: self.publish_consent,
        }
    }
}

pub struct Choice {
    pub code: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "voice_new.html")]
struct NewPage {
    nav: Nav,
    v: IntakeValues,
    errors: Vec<String>,
    kinds: Vec<Choice>,
    channels: Vec<Choice>,
    villages: Vec<Option_>,
    units: Vec<Option_>,
    users: Vec<Option_>,
    dimensions: Vec<Choice>,
}

async fn new_page(
    state: &AppState,
    user: &CurrentUser,
    v: IntakeValues,
    errors: Vec<String>,
) -> Result<NewPage, AppError> {
    let commune = user.actor().commune_id;
    let store = &state.store;
    let villages = papi_store::org::villages(store, commune)
        .await
        .map_err(papi_app::Error::from)?;
    let units = papi_store::org::units(store, commune)
        .await
        .map_err(papi_app::Error::from)?;
    let users = papi_store::org::users(store, commune)
        .await
        .map_err(papi_app::Error::from)?;
    let sel = |id: i64, v: &str| v.parse::<i64>().ok() == Some(id);
    Ok(NewPage {
        nav: nav(user, state),
        kinds: MatterKind::ALL
            .iter()
            .map(|k| Choice {
                code: k.code().into(),
                label: k.label().into(),
            })
            .collect(),
        channels: Channel::ALL
            .iter()
            .map(|c| Choice {
                code: c.code().into(),
                label: c.label().into(),
            })
            .collect(),
        villages: villages
            .iter()
            .map(|x| Option_ {
                id: x.id,
                label: x.name.clone(),
                selected: sel(x.id, &v.village_id),
            })
            .collect(),
        units: units
            .iter()
            .map(|x| Option_ {
                id: x.id,
                label: x.name.clone(),
                selected: sel(x.id, &v.unit_id),
            })
            .collect(),
        users: users
            .iter()
            .filter(|u| {
                u.active && !matches!(u.role, Role::Admin | Role::Province | Role::ProvinceAdmin)
            })
            .map(|x| Option_ {
                id: x.id,
                label: format!("{} ({})", x.full_name, x.role.label()),
                selected: sel(x.id, &v.handler_id) || v.accused.iter().any(|a| sel(x.id, a)),
            })
            .collect(),
        dimensions: Dimension::all()
            .map(|d| Choice {
                code: d.number().to_string(),
                label: format!("{}. {}", d.number(), d.name_vi()),
            })
            .collect(),
        v,
        errors,
    })
}

/// `GET /staff/voice/new`: the intake form.
pub async fn new_form(State(state): State<AppState>, user: CurrentUser) -> PageResult {
    let v = IntakeValues {
        received_on: format_date(state.today()),
        channel: "reception".into(),
        kind: "feedback".into(),
        ..Default::default()
    };
    let page = new_page(&state, &user, v, vec![]).await?;
    Ok(axum::response::Html(page.render()?).into_response())
}

/// `POST /staff/voice`: enters a matter; on a refusal the form comes back with what was typed.
pub async fn create(State(state): State<AppState>, user: CurrentUser, body: Bytes) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let v = IntakeValues::from_form(&f);
    let intake = Intake {
        form: v.form(chrono::Datelike::year(&state.today())),
        dimension: v.dimension.parse::<u8>().ok().and_then(Dimension::new),
        handler_id: v.handler_id.parse().ok(),
        unit_id: v.unit_id.parse().ok(),
        accused_user_ids: v.accused.iter().filter_map(|a| a.parse().ok()).collect(),
        against_leadership: v.against_leadership,
        signs_of_crime: v.signs_of_crime,
        scan: None,
    };
    match papi_app::voice::receive(&state, &user.actor(), &user.audit_name(), intake).await {
        Ok(r) => Ok(Redirect::to(&format!("/staff/voice/{}?saved=1", r.id)).into_response()),
        Err(papi_app::Error::Invalid(msg)) => {
            let page = new_page(&state, &user, v, vec![msg]).await?;
            form_page(&page, true)
        }
        Err(e) => Err(e.into()),
    }
}

pub struct StepRow {
    pub on: String,
    pub label: &'static str,
    pub text: String,
    pub by: String,
    pub to: &'static str,
}

#[derive(Template)]
#[template(path = "voice_matter.html")]
struct MatterPage {
    nav: Nav,
    m: Matter,
    kind_label: &'static str,
    channel_label: &'static str,
    stage_label: &'static str,
    received: String,
    redacted: bool,
    clocks: Vec<ClockRow>,
    steps: Vec<StepRow>,
    open_steps: Vec<Choice>,
    units: Vec<Option_>,
    users: Vec<Option_>,
    resolver: &'static str,
    basis: String,
    basis_status: &'static str,
    can_handle: bool,
    custodian: bool,
    has_identity: bool,
    sealed_files: i64,
    identity: Option<Identity>,
    scans: Vec<String>,
    openings: Vec<(String, String, String)>,
    protection: Vec<Protection>,
    duplicates: Vec<(i64, String)>,
    documents: Vec<(String, &'static str)>,
    errors: Vec<String>,
    saved: bool,
    split_kinds: Vec<Choice>,
}

async fn matter_page(
    state: &AppState,
    user: &CurrentUser,
    view: MatterView,
    identity: Option<(Identity, Vec<papi_store::voice::seal::SealedFile>)>,
    errors: Vec<String>,
    saved: bool,
) -> Result<MatterPage, AppError> {
    let actor = user.actor();
    let (date, cal, due_soon) = today(state, actor.commune_id).await?;
    let on = Today {
        date,
        cal: &cal,
        due_soon,
    };
    let store = &state.store;
    let units = papi_store::org::units(store, actor.commune_id)
        .await
        .map_err(papi_app::Error::from)?;
    let users = papi_store::org::users(store, actor.commune_id)
        .await
        .map_err(papi_app::Error::from)?;
    let name_of = |id: Option<i64>| {
        id.and_then(|id| users.iter().find(|u| u.id == id))
            .map(|u| u.full_name.clone())
            .unwrap_or_default()
    };
    let m = &view.matter;
    let page = MatterPage {
        nav: nav(user, state),
        kind_label: m.kind.label(),
        channel_label: m.channel.label(),
        stage_label: m.stage.label(),
        received: format_date(m.received_on),
        redacted: view.visibility == Visibility::Redacted || m.kind == MatterKind::Denunciation,
        clocks: view.clocks.iter().map(|c| clock_row(c, &on)).collect(),
        steps: view
            .steps
            .iter()
            .map(|s| StepRow {
                on: format_date(s.on),
                label: s.kind.label(),
                text: s.text.clone(),
                by: name_of(s.by_user),
                to: s.to.label(),
            })
            .collect(),
        open_steps: view
            .steps_open
            .iter()
            .map(|s| Choice {
                code: s.code().into(),
                label: s.label().into(),
            })
            .collect(),
        units: units
            .iter()
            .map(|u| Option_ {
                id: u.id,
                label: u.name.clone(),
                selected: m.unit_id == Some(u.id),
            })
            .collect(),
        users: users
            .iter()
            .filter(|u| {
                u.active && !matches!(u.role, Role::Admin | Role::Province | Role::ProvinceAdmin)
            })
            .filter(|u| !m.accused_user_ids.contains(&u.id))
            .map(|u| Option_ {
                id: u.id,
                label: format!("{} ({})", u.full_name, u.role.label()),
                selected: m.handler_id == Some(u.id),
            })
            .collect(),
        resolver: view.suggestion.resolver.label(),
        basis: view.suggestion.basis.clone(),
        basis_status: view.suggestion.status,
        can_handle: view.can_handle || view.can_answer,
        custodian: view.can_open_identity,
        has_identity: view.has_identity,
        sealed_files: if view.can_open_identity {
            papi_store::voice::seal::file_count(store, m.commune_id, m.id)
                .await
                .map_err(papi_app::Error::from)?
        } else {
            0
        },
        scans: identity
            .as_ref()
            .map(|(_, files)| files.iter().map(|f| f.name.clone()).collect())
            .unwrap_or_default(),
        identity: identity.map(|(i, _)| i),
        openings: view
            .openings
            .iter()
            .map(|o| {
                (
                    papi_core::clock::format_timestamp(&o.at),
                    name_of(Some(o.user_id)),
                    o.purpose.clone(),
                )
            })
            .collect(),
        protection: view.protection.clone(),
        duplicates: view.likely_duplicates.clone(),
        documents: super::documents::links(&view),
        errors,
        saved,
        split_kinds: MatterKind::ALL
            .iter()
            .filter(|k| **k != m.kind)
            .map(|k| Choice {
                code: k.code().into(),
                label: k.label().into(),
            })
            .collect(),
        m: view.matter.clone(),
    };
    Ok(page)
}

#[derive(serde::Deserialize)]
pub struct SavedQuery {
    saved: Option<String>,
}

/// `GET /staff/voice/{id}`.
pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Query(q): Query<SavedQuery>,
) -> PageResult {
    let view = papi_app::voice::view(&state, &user.actor(), id).await?;
    let page = matter_page(&state, &user, view, None, vec![], q.saved.is_some()).await?;
    Ok(axum::response::Html(page.render()?).into_response())
}

async fn refused(state: &AppState, user: &CurrentUser, id: i64, e: papi_app::Error) -> PageResult {
    match e {
        papi_app::Error::Invalid(msg) => {
            let view = papi_app::voice::view(state, &user.actor(), id).await?;
            let page = matter_page(state, user, view, None, vec![msg], false).await?;
            form_page(&page, true)
        }
        e => Err(e.into()),
    }
}

/// `POST /staff/voice/{id}/step`: one step of the law's order.
pub async fn step(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    body: Bytes,
) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let year = chrono::Datelike::year(&state.today());
    let on = match f.get("on").trim() {
        "" => None,
        t => match papi_core::task::parse_date(t, year) {
            Some(d) => Some(d),
            None => {
                let e = papi_app::Error::Invalid(format!(
                    "Ngày thực hiện «{t}» không đúng dạng dd/mm/yyyy."
                ));
                return refused(&state, &user, id, e).await;
            }
        },
    };
    let input = StepInput {
        kind: StepKind::parse(f.get("step")),
        on,
        text: f.get("text").into(),
        unit_id: f.get("unit_id").parse().ok(),
        handler_id: f.get("handler_id").parse().ok(),
        complex: !f.get("complex").is_empty(),
        remote: !f.get("remote").is_empty(),
        several_places: !f.get("several_places").is_empty(),
        flags_reason: f.get("flags_reason").into(),
        duplicate_of: f.get("duplicate_of").parse().ok(),
    };
    match papi_app::voice::step(&state, &user.actor(), &user.audit_name(), id, input).await {
        Ok(_) => Ok(Redirect::to(&format!("/staff/voice/{id}?saved=1")).into_response()),
        Err(e) => refused(&state, &user, id, e).await,
    }
}

/// `POST /staff/voice/{id}/split`: part of a mixed letter becomes a matter of another kind.
pub async fn split(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    body: Bytes,
) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let Some(kind) = MatterKind::parse(f.get("kind")) else {
        return refused(
            &state,
            &user,
            id,
            papi_app::Error::Invalid("Chọn loại của phần tách ra.".into()),
        )
        .await;
    };
    let part = papi_app::voice::SplitPart {
        kind,
        title: f.get("title").into(),
        content: f.get("content").into(),
        respondent: f.get("respondent").into(),
    };
    match papi_app::voice::split(&state, &user.actor(), &user.audit_name(), id, &part).await {
        Ok(r) => Ok(Redirect::to(&format!("/staff/voice/{}?saved=1", r.id)).into_response()),
        Err(e) => refused(&state, &user, id, e).await,
    }
}

/// `POST /staff/voice/{id}/identity`: the custodian opens the sealed identity, with a purpose
/// written to the restricted log. The identity is shown on this answer only, never stored in
/// the page's URL or cached (`Cache-Control: no-store` on staff pages).
pub async fn open_identity(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    body: Bytes,
) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let actor = user.actor();
    match papi_app::voice::open_identity(&state, &actor, id, f.get("purpose")).await {
        Ok(opened) => {
            let view = papi_app::voice::view(&state, &actor, id).await?;
            let page = matter_page(&state, &user, view, Some(opened), vec![], false).await?;
            Ok(axum::response::Html(page.render()?).into_response())
        }
        Err(e) => refused(&state, &user, id, e).await,
    }
}

/// `POST /staff/voice/{id}/scan`: the custodian seals a scan of the signed letter.
pub async fn seal_scan(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    mut mp: axum::extract::Multipart,
) -> PageResult {
    let too_big = crate::parsing::upload_error;
    let mut csrf = String::new();
    let mut file = None;
    while let Some(field) = mp.next_field().await.map_err(too_big)? {
        match field.name().unwrap_or("") {
            "csrf" => csrf = field.text().await.map_err(too_big)?,
            "scan" => {
                let name = field.file_name().unwrap_or("").to_string();
                let bytes = field.bytes().await.map_err(too_big)?;
                file = Some((name, bytes.to_vec()));
            }
            _ => {}
        }
    }
    user.check_csrf(&csrf)?;
    let (name, bytes) = file.unwrap_or_default();
    let content_type = match papi_core::evidence::check(&name, &bytes) {
        Ok(t) => t.to_string(),
        Err(why) if !bytes.is_empty() => {
            return refused(&state, &user, id, papi_app::Error::Invalid(why)).await
        }
        Err(_) => String::new(),
    };
    let sealed = papi_store::voice::seal::SealedFile {
        name: papi_core::evidence::clean_name(&name),
        content_type,
        bytes,
    };
    match papi_app::voice::seal_scan(&state, &user.actor(), &user.audit_name(), id, sealed).await {
        Ok(()) => Ok(Redirect::to(&format!("/staff/voice/{id}?saved=1")).into_response()),
        Err(e) => refused(&state, &user, id, e).await,
    }
}

/// `POST /staff/voice/{id}/protection`: a protection request or the decision on it.
pub async fn protection(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    body: Bytes,
) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let year = chrono::Datelike::year(&state.today());
    let date = |k: &str| papi_core::task::parse_date(f.get(k), year);
    let decision = f.get("decision").to_string();
    let p = Protection {
        id: f.get("request_id").parse().unwrap_or(0),
        matter_id: id,
        requested_on: date("requested_on").unwrap_or_else(|| state.today()),
        decided_on: (decision != "pending").then(|| state.today()),
        ended_on: (decision == "ended").then(|| state.today()),
        decision,
        reasons: f.get("reasons").into(),
        measures: f.get("measures").into(),
    };
    match papi_app::voice::save_protection(&state, &user.actor(), &user.audit_name(), p).await {
        Ok(_) => Ok(Redirect::to(&format!("/staff/voice/{id}?saved=1")).into_response()),
        Err(e) => refused(&state, &user, id, e).await,
    }
}
