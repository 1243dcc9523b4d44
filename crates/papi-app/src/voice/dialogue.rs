//! Dialogues on a complaint as use cases: recording one (its minutes' facts) moves the case to
//! the dialogue stage in the same transaction, and listing them for the matter's page and its
//! minutes. Only complaints have a dialogue (Luật Khiếu nại Điều 30, 39); only those who handle
//! the matter record one.

use papi_core::clock::format_date;
use papi_core::text::limits;
use papi_core::voice::dialogue::{check, Attendance, Attendee, Dialogue};
use papi_core::voice::identity::can_handle;
use papi_core::voice::stage::next;
use papi_core::voice::{Matter, MatterKind, MatterStep, StepKind};
use papi_core::Actor;

use super::reception::{parse_day, required_day};
use crate::error::{Error, Result};
use crate::App;

/// One participant as typed in the form; rows with no name and no role are ignored.
#[derive(Debug, Clone, Default)]
pub struct AttendeeInput {
    pub name: String,
    pub role: String,
    /// `present`, `excused` or `unexcused`.
    pub attendance: String,
    pub reason: String,
}

/// A dialogue as typed in the form.
#[derive(Debug, Clone, Default)]
pub struct DialogueInput {
    pub held_on: String,
    pub starts_at: String,
    pub place: String,
    pub chair: String,
    pub invited_on: String,
    pub participants: Vec<AttendeeInput>,
    pub content: String,
    pub opinions: String,
    pub result: String,
    pub copies: String,
}

/// What recording returns: the dialogue's id and the warnings to show (a late notice).
#[derive(Debug, Clone)]
pub struct Recorded {
    pub id: i64,
    pub warnings: Vec<String>,
}

fn attendee(n: usize, a: &AttendeeInput) -> Result<Attendee> {
    let attendance = match a.attendance.trim() {
        "" | "present" => Attendance::Present,
        "excused" => Attendance::AbsentExcused(a.reason.trim().to_string()),
        "unexcused" => Attendance::AbsentUnexcused,
        other => {
            return Err(Error::Invalid(format!(
                "Người tham dự thứ {n}: không rõ tình trạng tham dự «{other}»."
            )))
        }
    };
    Ok(Attendee {
        name: a.name.trim().to_string(),
        role: a.role.trim().to_string(),
        attendance,
    })
}

fn parse(matter_id: i64, input: &DialogueInput) -> Result<Dialogue> {
    let copies = input.copies.trim();
    let copies = if copies.is_empty() {
        3
    } else {
        copies.parse::<u32>().map_err(|_| {
            Error::Invalid(format!("Số bản biên bản: «{copies}» không phải số bản."))
        })?
    };
    let mut participants = Vec::new();
    for (n, a) in input
        .participants
        .iter()
        .filter(|a| !a.name.trim().is_empty() || !a.role.trim().is_empty())
        .enumerate()
    {
        participants.push(attendee(n + 1, a)?);
    }
    for (label, text, max) in [
        ("Giờ bắt đầu", &input.starts_at, limits::NAME),
        ("Địa điểm", &input.place, limits::TITLE),
        ("Người chủ trì", &input.chair, limits::TITLE),
        ("Nội dung đối thoại", &input.content, limits::TEXT),
        ("Ý kiến của các bên", &input.opinions, limits::TEXT),
        ("Kết quả đối thoại", &input.result, limits::TEXT),
    ] {
        limits::check(label, text, max).map_err(Error::Invalid)?;
    }
    for p in &participants {
        limits::check("Người tham dự", &p.name, limits::NAME).map_err(Error::Invalid)?;
    }
    Ok(Dialogue {
        id: 0,
        matter_id,
        held_on: required_day("Ngày đối thoại", &input.held_on)?,
        starts_at: input.starts_at.trim().to_string(),
        place: input.place.trim().to_string(),
        chair: input.chair.trim().to_string(),
        invited_on: parse_day("Ngày thông báo cho các bên", &input.invited_on)?,
        participants,
        content: input.content.trim().to_string(),
        opinions: input.opinions.trim().to_string(),
        result: input.result.trim().to_string(),
        copies,
    })
}

/// Why a matter of another kind has no dialogue.
pub fn not_a_complaint(m: &Matter) -> String {
    format!(
        "Chỉ tổ chức đối thoại khi giải quyết khiếu nại (Luật Khiếu nại Điều 30, 39); vụ việc này là {}.",
        m.kind.label().to_lowercase()
    )
}

/// A complaint `actor` handles; `NotFound` when it is not theirs to see, `Forbidden` when they
/// may see but not handle it, `Invalid` for any other kind of matter (checked first, so the
/// refusal says why).
async fn complaint(app: &App, actor: &Actor, matter_id: i64) -> Result<Matter> {
    let (m, _) = super::visible(app, actor, matter_id).await?;
    if m.kind != MatterKind::Complaint {
        return Err(Error::Invalid(not_a_complaint(&m)));
    }
    if !can_handle(actor, &m) {
        return Err(Error::Forbidden);
    }
    Ok(m)
}

/// Records a dialogue held on a complaint. Errors name the field; a late notice is returned as
/// a warning. The matter moves to "Đang đối thoại" (a `Dialogue` step) when the law's order
/// allows it from where it stands.
pub async fn record(
    app: &App,
    actor: &Actor,
    by: &str,
    matter_id: i64,
    input: DialogueInput,
) -> Result<Recorded> {
    let m = complaint(app, actor, matter_id).await?;
    let d = parse(m.id, &input)?;
    if d.held_on > app.today() {
        return Err(Error::Invalid(
            "Ngày đối thoại: không được sau ngày hôm nay (biên bản ghi cuộc đối thoại đã diễn ra)."
                .into(),
        ));
    }
    let steps = papi_store::voice::steps(&app.store, m.commune_id, m.id).await?;
    let accepted_on = Matter::first(&steps, StepKind::Accept);
    let warnings =
        check(&d, &app.calendar(), accepted_on).map_err(|e| Error::Invalid(e.join(" ")))?;
    let mut w = app.store.begin_write().await?;
    let id = papi_store::voice::dialogue::save(&mut w, by, m.commune_id, &d).await?;
    if let Ok(to) = next(
        m.kind,
        m.stage,
        StepKind::Dialogue,
        Matter::before_suspension(&steps),
    ) {
        let mut after = m.clone();
        after.stage = to;
        let record = MatterStep {
            kind: StepKind::Dialogue,
            on: d.held_on,
            by_user: Some(actor.user_id),
            text: if d.result.is_empty() {
                format!("Đối thoại ngày {}.", format_date(d.held_on))
            } else {
                format!(
                    "Đối thoại ngày {}. Kết quả: {}",
                    format_date(d.held_on),
                    d.result
                )
            },
            from: m.stage,
            to,
        };
        papi_store::voice::record_step(&mut w, by, &m, &after, &record).await?;
    }
    w.commit().await?;
    Ok(Recorded { id, warnings })
}

/// The dialogues held on a complaint the user may see, oldest first.
pub async fn list(app: &App, actor: &Actor, matter_id: i64) -> Result<Vec<Dialogue>> {
    let (m, _) = super::visible(app, actor, matter_id).await?;
    if m.kind != MatterKind::Complaint {
        return Ok(Vec::new());
    }
    Ok(papi_store::voice::dialogue::list(&app.store, m.commune_id, m.id).await?)
}

/// Whether the user may record a dialogue on the matter (for the page's form).
pub async fn can_record(app: &App, actor: &Actor, matter_id: i64) -> Result<bool> {
    let (m, _) = super::visible(app, actor, matter_id).await?;
    Ok(m.kind == MatterKind::Complaint && can_handle(actor, &m))
}

/// The minutes of a recorded dialogue as papi-docs prints them. The record's free texts become
/// one paragraph per line; the complainant's unexcused absence is said to let the case go on
/// only for a dialogue held from 01/07/2026.
pub(crate) fn minutes(
    head: papi_docs::reports::Letterhead,
    m: &Matter,
    d: &Dialogue,
) -> papi_docs::voice::DialogueData {
    use papi_docs::voice as docs;
    let lines = |t: &str| -> Vec<String> {
        t.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    };
    let (chair_name, chair_position) = match d.chair.split_once(',') {
        Some((n, p)) => (n.trim().to_string(), p.trim().to_string()),
        None => (d.chair.trim().to_string(), String::new()),
    };
    let complainant = m.requester.name.trim();
    docs::DialogueData {
        head,
        number: "…/BB-UBND".into(),
        date: d.held_on,
        starts_at: d.starts_at.clone(),
        ends_at: String::new(),
        place: d.place.clone(),
        chair_name,
        chair_position,
        secretary: String::new(),
        participants: d
            .participants
            .iter()
            .map(|p| docs::Participant {
                name: p.name.clone(),
                role: p.role.clone(),
                attendance: match &p.attendance {
                    Attendance::Present => docs::Attendance::Present,
                    Attendance::AbsentExcused(r) => docs::Attendance::AbsentExcused(r.clone()),
                    Attendance::AbsentUnexcused => docs::Attendance::AbsentUnexcused,
                },
            })
            .collect(),
        case_label: if complainant.is_empty() {
            format!("khiếu nại về {}", m.title.trim())
        } else {
            format!("khiếu nại của {complainant} về {}", m.title.trim())
        },
        content: lines(&d.content),
        opinions: if d.opinions.trim().is_empty() {
            Vec::new()
        } else {
            vec![docs::SideOpinion {
                side: "Ý kiến của các bên".into(),
                opinions: lines(&d.opinions),
            }]
        },
        result: lines(&d.result),
        copies: d.copies,
        unexcused_absence_continues: papi_core::voice::dialogue::continues_without(d, d.held_on),
    }
}
