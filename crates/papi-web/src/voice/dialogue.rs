//! `/staff/voice/{id}/dialogue`: the dialogues held on a complaint, each with its participants'
//! attendance and whether the complainant's unexcused absence lets the case go on, and the form
//! that records one. A refused form comes back with what was typed and the errors; a late
//! notice comes back as a warning with the saved record.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse};
use papi_app::voice::dialogue::{self as svc, AttendeeInput, DialogueInput};
use papi_app::voice::documents::VoiceDoc;
use papi_core::clock::format_date;
use papi_core::voice::dialogue::{
    continues_without, Attendance, Dialogue, ABSENCE_SOURCE, COMPLAINANT,
};
use papi_core::voice::MatterKind;

use crate::auth::CurrentUser;
use crate::error::PageResult;
use crate::plan::edit::FormPairs;
use crate::view::{form_page, Nav};
use crate::AppState;

/// One recorded dialogue as the page prints it.
pub struct Row {
    pub held_on: String,
    pub starts_at: String,
    pub place: String,
    pub chair: String,
    pub invited_on: String,
    pub participants: Vec<(String, String, String)>,
    pub content: String,
    pub opinions: String,
    pub result: String,
    pub copies: u32,
    /// What the complainant's absence means for the case, empty when they came.
    pub absence: String,
}

fn row(d: &Dialogue) -> Row {
    let unexcused = d
        .participants
        .iter()
        .any(|p| p.is_complainant() && p.attendance == Attendance::AbsentUnexcused);
    let absence = if continues_without(d, d.held_on) {
        format!(
            "Người khiếu nại vắng mặt không có lý do: việc giải quyết khiếu nại vẫn tiếp tục ({ABSENCE_SOURCE})."
        )
    } else if unexcused {
        "Người khiếu nại vắng mặt không có lý do; cuộc đối thoại diễn ra trước 01/07/2026 nên việc \
         vắng mặt chỉ được ghi vào biên bản (quy định cho tiếp tục giải quyết có hiệu lực từ 01/07/2026)."
            .to_string()
    } else {
        String::new()
    };
    Row {
        held_on: format_date(d.held_on),
        starts_at: d.starts_at.clone(),
        place: d.place.clone(),
        chair: d.chair.clone(),
        invited_on: d.invited_on.map(format_date).unwrap_or_default(),
        participants: d
            .participants
            .iter()
            .map(|p| (p.name.clone(), p.role.clone(), p.attendance.label()))
            .collect(),
        content: d.content.clone(),
        opinions: d.opinions.clone(),
        result: d.result.clone(),
        copies: d.copies,
        absence,
    }
}

/// One participant row of the form.
pub struct FormRow {
    pub name: String,
    pub role: String,
    pub attendance: String,
    pub reason: String,
}

/// What the form shows: empty with the usual roles, or what was typed.
pub struct Form {
    pub held_on: String,
    pub starts_at: String,
    pub place: String,
    pub chair: String,
    pub invited_on: String,
    pub rows: Vec<FormRow>,
    pub content: String,
    pub opinions: String,
    pub result: String,
    pub copies: String,
}

const ROWS: usize = 5;

impl Form {
    fn blank(today: &str) -> Form {
        let roles = [
            COMPLAINANT,
            "Người bị khiếu nại",
            "Đại diện MTTQ xã",
            "",
            "",
        ];
        Form {
            held_on: today.to_string(),
            starts_at: String::new(),
            place: "Trụ sở UBND xã".into(),
            chair: String::new(),
            invited_on: String::new(),
            rows: roles
                .iter()
                .map(|r| FormRow {
                    name: String::new(),
                    role: r.to_string(),
                    attendance: "present".into(),
                    reason: String::new(),
                })
                .collect(),
            content: String::new(),
            opinions: String::new(),
            result: String::new(),
            copies: "3".into(),
        }
    }

    fn from_pairs(f: &FormPairs) -> Form {
        let names: Vec<&str> = f.all("p_name").collect();
        let roles: Vec<&str> = f.all("p_role").collect();
        let atts: Vec<&str> = f.all("p_att").collect();
        let reasons: Vec<&str> = f.all("p_reason").collect();
        let at = |v: &Vec<&str>, n: usize| v.get(n).copied().unwrap_or("").to_string();
        Form {
            held_on: f.get("held_on").into(),
            starts_at: f.get("starts_at").into(),
            place: f.get("place").into(),
            chair: f.get("chair").into(),
            invited_on: f.get("invited_on").into(),
            rows: (0..names.len().clamp(ROWS, 20))
                .map(|n| FormRow {
                    name: at(&names, n),
                    role: at(&roles, n),
                    attendance: at(&atts, n),
                    reason: at(&reasons, n),
                })
                .collect(),
            content: f.get("content").into(),
            opinions: f.get("opinions").into(),
            result: f.get("result").into(),
            copies: f.get("copies").into(),
        }
    }

    fn input(&self) -> DialogueInput {
        DialogueInput {
            held_on: self.held_on.clone(),
            starts_at: self.starts_at.clone(),
            place: self.place.clone(),
            chair: self.chair.clone(),
            invited_on: self.invited_on.clone(),
            participants: self
                .rows
                .iter()
                .map(|r| AttendeeInput {
                    name: r.name.clone(),
                    role: r.role.clone(),
                    attendance: r.attendance.clone(),
                    reason: r.reason.clone(),
                })
                .collect(),
            content: self.content.clone(),
            opinions: self.opinions.clone(),
            result: self.result.clone(),
            copies: self.copies.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "voice_dialogue.html")]
struct Page {
    nav: Nav,
    id: i64,
    code: String,
    title: String,
    /// Empty for a complaint; otherwise why there is no dialogue.
    not_complaint: String,
    can_record: bool,
    rows: Vec<Row>,
    minutes: String,
    errors: Vec<String>,
    warnings: Vec<String>,
    saved: bool,
    form: Form,
}

async fn page(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    errors: Vec<String>,
    warnings: Vec<String>,
    saved: bool,
    form: Option<Form>,
) -> Result<Page, crate::error::AppError> {
    let actor = user.actor();
    let view = papi_app::voice::view(state, &actor, id).await?;
    let m = &view.matter;
    let dialogues = svc::list(state, &actor, id).await?;
    let nav = Nav::new(user, state, "voice");
    let minutes = if papi_app::voice::documents::available(&view)
        .contains(&VoiceDoc::DialogueMinutes)
        && !dialogues.is_empty()
    {
        super::documents::href(id, VoiceDoc::DialogueMinutes)
    } else {
        String::new()
    };
    Ok(Page {
        id,
        code: m.code.clone(),
        title: m.title.clone(),
        not_complaint: if m.kind == MatterKind::Complaint {
            String::new()
        } else {
            svc::not_a_complaint(m)
        },
        can_record: svc::can_record(state, &actor, id).await?,
        rows: dialogues.iter().map(row).collect(),
        minutes,
        errors,
        warnings,
        saved,
        form: form.unwrap_or_else(|| Form::blank(&format_date(state.today()))),
        nav,
    })
}

/// `GET /staff/voice/{id}/dialogue`.
pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> PageResult {
    let p = page(&state, &user, id, vec![], vec![], false, None).await?;
    Ok(Html(p.render()?).into_response())
}

/// `POST /staff/voice/{id}/dialogue`: records a dialogue; the page comes back with the record,
/// and any warning (a late notice), or with the form as typed and the errors.
pub async fn record(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    body: Bytes,
) -> PageResult {
    let f = FormPairs::parse(&body)?;
    user.check_csrf(f.get("csrf"))?;
    let form = Form::from_pairs(&f);
    match svc::record(&state, &user.actor(), &user.audit_name(), id, form.input()).await {
        Ok(r) => {
            let p = page(&state, &user, id, vec![], r.warnings, true, None).await?;
            Ok(Html(p.render()?).into_response())
        }
        Err(papi_app::Error::Invalid(msg)) => {
            let p = page(&state, &user, id, vec![msg], vec![], false, Some(form)).await?;
            form_page(&p, true)
        }
        Err(e) => Err(e.into()),
    }
}
