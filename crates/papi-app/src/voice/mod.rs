//! Residents' voice as use cases: one intake for every channel, the steps of each matter with
//! its clocks, who is competent, the denouncer's sealed identity, the public page per tracking
//! code, and the figures. Reception (schedule, register) is in [`reception`], documents in
//! [`documents`].

pub mod dialogue;
pub mod documents;
pub mod intake;
mod notify;
pub mod reception;

use chrono::NaiveDate;
use papi_core::agenda::Obligation;
use papi_core::voice::identity::{can_answer, can_handle};
use papi_core::voice::router::{route, RoutingFacts, Suggestion};
use papi_core::voice::stage::{available, next};
use papi_core::voice::{
    can_open_identity, can_view, clocks, Clock, FeedbackTimes, Matter, MatterKind, MatterStep,
    Stage, StepKind, Visibility,
};
use papi_core::Actor;
use papi_store::voice::protection::Protection;
use papi_store::voice::seal::{Identity, Opening, SealedFile};

use crate::error::{Error, Result};
use crate::App;

pub use intake::{
    prepare_official, receive, receive_in, receive_public, split, Intake, Prepared, Receipt,
    SplitPart,
};

/// A matter as one user may see it.
pub struct MatterView {
    pub matter: Matter,
    pub steps: Vec<MatterStep>,
    pub clocks: Vec<Clock>,
    pub visibility: Visibility,
    pub suggestion: Suggestion,
    /// Steps the user may take now.
    pub steps_open: Vec<StepKind>,
    pub can_handle: bool,
    pub can_answer: bool,
    pub can_open_identity: bool,
    pub has_identity: bool,
    /// The restricted log, shown to the custodian only.
    pub openings: Vec<Opening>,
    pub protection: Vec<Protection>,
    /// Earlier matters this one probably repeats.
    pub likely_duplicates: Vec<(i64, String)>,
}

pub(crate) async fn times(app: &App, commune_id: i64) -> Result<FeedbackTimes> {
    Ok(papi_store::voice::feedback_times(&app.store, commune_id).await?)
}

/// Loads a matter the user may see; `NotFound` otherwise, so its existence does not show.
async fn visible(app: &App, actor: &Actor, id: i64) -> Result<(Matter, Visibility)> {
    let m = papi_store::voice::get(&app.store, actor.commune_id, id).await?;
    match can_view(actor, &m) {
        Visibility::None => Err(Error::NotFound),
        v => Ok((m, v)),
    }
}

/// The matters `actor` may see, newest first, each with its clocks.
pub async fn list(app: &App, actor: &Actor) -> Result<Vec<(Matter, Vec<Clock>)>> {
    let cal = app.calendar();
    let t = times(app, actor.commune_id).await?;
    let matters = papi_store::voice::list(&app.store, actor.commune_id).await?;
    let steps = papi_store::voice::all_steps(&app.store, actor.commune_id).await?;
    Ok(matters
        .into_iter()
        .filter(|m| can_view(actor, m) != Visibility::None)
        .map(|m| {
            let own: Vec<MatterStep> = steps
                .iter()
                .filter(|(id, _)| *id == m.id)
                .map(|(_, s)| s.clone())
                .collect();
            let c = clocks(&m, &own, &cal, t);
            (m, c)
        })
        .collect())
}

/// What falls due on the matters `actor` may see: the agenda's residents'-voice part.
pub async fn obligations(app: &App, actor: &Actor) -> Result<Vec<Obligation>> {
    let cal = app.calendar();
    let t = times(app, actor.commune_id).await?;
    let matters = papi_store::voice::list(&app.store, actor.commune_id).await?;
    let steps = papi_store::voice::all_steps(&app.store, actor.commune_id).await?;
    let mut out = Vec::new();
    for m in matters
        .iter()
        .filter(|m| can_view(actor, m) != Visibility::None)
    {
        let own: Vec<MatterStep> = steps
            .iter()
            .filter(|(id, _)| *id == m.id)
            .map(|(_, s)| s.clone())
            .collect();
        out.extend(papi_core::voice::obligations(m, &own, &cal, t));
    }
    out.sort_by_key(|o| o.due);
    Ok(out)
}

/// One matter with its file, clocks, the router's suggestion and what the user may do.
pub async fn view(app: &App, actor: &Actor, id: i64) -> Result<MatterView> {
    let (m, visibility) = visible(app, actor, id).await?;
    let steps = papi_store::voice::steps(&app.store, actor.commune_id, id).await?;
    let cal = app.calendar();
    let c = clocks(&m, &steps, &cal, times(app, actor.commune_id).await?);
    let suggestion = route(RoutingFacts {
        kind: m.kind,
        round: m.round,
        received_on: m.received_on,
        against_leadership: m.against_leadership,
        outside_commune: false,
        signs_of_crime: m.signs_of_crime,
    });
    let handle = can_handle(actor, &m);
    let answer = can_answer(actor, &m);
    let steps_open = available(m.kind, m.stage)
        .into_iter()
        .filter(|s| handle || (answer && *s == StepKind::Answer))
        .collect();
    let custodian = can_open_identity(actor, &m);
    let has_identity = m.kind == MatterKind::Denunciation
        && papi_store::voice::seal::has_identity(&app.store, m.commune_id, m.id).await?;
    let openings = if custodian {
        papi_store::voice::seal::openings(&app.store, m.commune_id, m.id).await?
    } else {
        Vec::new()
    };
    let protection = if custodian {
        papi_store::voice::protection::list(&app.store, m.commune_id, m.id).await?
    } else {
        Vec::new()
    };
    let likely_duplicates = if handle && !m.stage.is_closed() {
        intake::duplicates_of(app, actor, &m).await?
    } else {
        Vec::new()
    };
    Ok(MatterView {
        matter: m,
        steps,
        clocks: c,
        visibility,
        suggestion,
        steps_open,
        can_handle: handle,
        can_answer: answer,
        can_open_identity: custodian,
        has_identity,
        openings,
        protection,
        likely_duplicates,
    })
}

/// What an official does to a matter.
#[derive(Debug, Clone, Default)]
pub struct StepInput {
    pub kind: Option<StepKind>,
    pub on: Option<NaiveDate>,
    pub text: String,
    /// Assign: the unit that answers or verifies.
    pub unit_id: Option<i64>,
    /// Assign/verify: the official handling it (for a denunciation, the custodian).
    pub handler_id: Option<i64>,
    /// Complex / remote / several places, each needing `flags_reason`.
    pub complex: bool,
    pub remote: bool,
    pub several_places: bool,
    pub flags_reason: String,
    /// Mark duplicate: the earlier matter.
    pub duplicate_of: Option<i64>,
}

/// Takes one step on a matter, as the law's order allows, and returns the new stage. An
/// answer becomes what the resident reads; an appeal opens the second-time complaint.
pub async fn step(app: &App, actor: &Actor, by: &str, id: i64, input: StepInput) -> Result<Stage> {
    let (m, _) = visible(app, actor, id).await?;
    let kind = input
        .kind
        .ok_or_else(|| Error::Invalid("Chọn bước cần thực hiện.".into()))?;
    let allowed = can_handle(actor, &m) || (kind == StepKind::Answer && can_answer(actor, &m));
    if !allowed {
        return Err(Error::Forbidden);
    }
    let text = input.text.trim().to_string();
    if kind.needs_text() && text.is_empty() {
        return Err(Error::Invalid(
            papi_core::voice::VoiceError::TextRequired(kind.label()).to_string(),
        ));
    }
    if let Err(msg) =
        papi_core::text::limits::check("Nội dung", &text, papi_core::text::limits::TEXT)
    {
        return Err(Error::Invalid(msg));
    }
    let on = input.on.unwrap_or_else(|| app.today());
    if on > app.today() {
        return Err(Error::Invalid(
            "Ngày thực hiện không được sau ngày hôm nay.".into(),
        ));
    }
    if on < m.received_on {
        return Err(Error::Invalid(
            "Ngày thực hiện không được trước ngày tiếp nhận.".into(),
        ));
    }
    let steps = papi_store::voice::steps(&app.store, m.commune_id, m.id).await?;
    let to = next(m.kind, m.stage, kind, Matter::before_suspension(&steps))
        .map_err(|e| Error::Invalid(e.to_string()))?;
    let mut after = m.clone();
    after.stage = to;
    match kind {
        StepKind::Assign | StepKind::Verify => {
            if input.unit_id.is_none() && input.handler_id.is_none() {
                return Err(Error::Invalid("Chọn đơn vị hoặc người được giao.".into()));
            }
            if let Some(u) = input.unit_id {
                let units = papi_store::org::units(&app.store, m.commune_id).await?;
                if !units.iter().any(|x| x.id == u) {
                    return Err(Error::Invalid("Đơn vị được chọn không thuộc xã.".into()));
                }
                after.unit_id = Some(u);
            }
            if let Some(h) = input.handler_id {
                // A denunciation's custodian never changes by an assignment: the verifier
                // works on the redacted copy (Luật Tố cáo Điều 56 khoản 2).
                if m.kind != MatterKind::Denunciation {
                    check_staff(app, m.commune_id, h).await?;
                    after.handler_id = Some(h);
                }
            }
        }
        StepKind::Answer => {
            after.answer = text.clone();
        }
        StepKind::Decide | StepKind::Conclude => {
            after.answer = text.clone();
        }
        StepKind::Extend if Matter::extensions(&steps) >= 2 => {
            return Err(Error::Invalid(
                "Tố cáo chỉ được gia hạn tối đa hai lần (Luật Tố cáo Điều 30 khoản 3).".into(),
            ));
        }
        StepKind::MarkDuplicate => {
            let of = input
                .duplicate_of
                .ok_or_else(|| Error::Invalid("Chọn vụ việc gốc.".into()))?;
            let (orig, _) = visible(app, actor, of).await?;
            if orig.id == m.id {
                return Err(Error::Invalid(
                    "Một vụ việc không thể trùng với chính nó.".into(),
                ));
            }
            after.duplicate_of = Some(orig.id);
        }
        _ => {}
    }
    if input.complex || input.remote || input.several_places {
        if input.flags_reason.trim().is_empty() {
            return Err(Error::Invalid(
                "Vụ việc phức tạp, vùng sâu vùng xa hoặc nhiều nơi xác minh phải ghi rõ lý do."
                    .into(),
            ));
        }
        after.flags.complex |= input.complex;
        after.flags.remote |= input.remote;
        after.flags.several_places |= input.several_places;
        after.flags.reason = input.flags_reason.trim().to_string();
    }
    let record = MatterStep {
        kind,
        on,
        by_user: Some(actor.user_id),
        text,
        from: m.stage,
        to,
    };
    let mut w = app.store.begin_write().await?;
    papi_store::voice::record_step(&mut w, by, &m, &after, &record).await?;
    if kind == StepKind::Appeal && m.kind == MatterKind::Complaint {
        intake::open_second_round(app, &mut w, by, &m, on).await?;
    }
    notify::step(app, &mut w, &after, &record).await?;
    w.commit().await?;
    Ok(to)
}

async fn check_staff(app: &App, commune_id: i64, user_id: i64) -> Result<()> {
    let users = papi_store::org::users(&app.store, commune_id).await?;
    if users.iter().any(|u| u.id == user_id && u.active) {
        Ok(())
    } else {
        Err(Error::Invalid(
            "Người được giao không thuộc xã hoặc đã bị khóa.".into(),
        ))
    }
}

/// Opens the sealed identity of a denunciation for its custodian, logging the opening.
pub async fn open_identity(
    app: &App,
    actor: &Actor,
    id: i64,
    purpose: &str,
) -> Result<(Identity, Vec<SealedFile>)> {
    let (m, _) = visible(app, actor, id).await?;
    if !can_open_identity(actor, &m) {
        return Err(Error::Forbidden);
    }
    let purpose = purpose.trim();
    if purpose.is_empty() {
        return Err(Error::Invalid(
            "Ghi rõ mục đích mở thông tin người tố cáo (được ghi vào nhật ký hạn chế).".into(),
        ));
    }
    let mut w = app.store.begin_write().await?;
    let opened = papi_store::voice::seal::open(&mut w, m.commune_id, m.id, actor.user_id, purpose)
        .await?
        .ok_or(Error::NotFound)?;
    w.commit().await?;
    Ok(opened)
}

/// Seals a scan or file that shows the denouncer (the signed letter) beside the identity;
/// custodian only. The audit log records that a file was sealed, never its name.
pub async fn seal_scan(
    app: &App,
    actor: &Actor,
    by: &str,
    id: i64,
    file: SealedFile,
) -> Result<()> {
    let (m, _) = visible(app, actor, id).await?;
    if !can_open_identity(actor, &m) {
        return Err(Error::Forbidden);
    }
    if file.bytes.is_empty() {
        return Err(Error::Invalid(
            "Chọn tệp bản chụp đơn để niêm phong.".into(),
        ));
    }
    let mut w = app.store.begin_write().await?;
    papi_store::voice::seal::put_file(&mut w, m.commune_id, m.id, &file).await?;
    let note = MatterStep {
        kind: StepKind::Note,
        on: app.today(),
        by_user: Some(actor.user_id),
        text: "Đã niêm phong một bản chụp đơn.".into(),
        from: m.stage,
        to: m.stage,
    };
    papi_store::voice::record_step(&mut w, by, &m, &m, &note).await?;
    w.commit().await?;
    Ok(())
}

/// Records a protection request or a decision on it (Luật Tố cáo Điều 48–55); custodian only.
pub async fn save_protection(app: &App, actor: &Actor, by: &str, p: Protection) -> Result<i64> {
    let (m, _) = visible(app, actor, p.matter_id).await?;
    if !can_open_identity(actor, &m) {
        return Err(Error::Forbidden);
    }
    if !matches!(
        p.decision.as_str(),
        "pending" | "granted" | "refused" | "ended"
    ) {
        return Err(Error::Invalid(
            "Chọn kết quả: đang xem xét, áp dụng, từ chối, chấm dứt.".into(),
        ));
    }
    if p.decision == "refused" && p.reasons.trim().is_empty() {
        return Err(Error::Invalid(
            "Từ chối bảo vệ phải nêu rõ lý do (Luật Tố cáo Điều 51 khoản 3).".into(),
        ));
    }
    if p.decision == "granted" && p.measures.trim().is_empty() {
        return Err(Error::Invalid(
            "Ghi rõ biện pháp bảo vệ được áp dụng.".into(),
        ));
    }
    let mut w = app.store.begin_write().await?;
    let id = papi_store::voice::protection::save(&mut w, by, m.commune_id, &p).await?;
    w.commit().await?;
    Ok(id)
}

/// What the public page shows for a tracking code: never a denunciation, never a name.
pub struct PublicMatter {
    pub code: String,
    pub kind: MatterKind,
    pub title: String,
    pub received_on: NaiveDate,
    pub stage: Stage,
    /// The next open time limit, or the last one met.
    pub due: Option<NaiveDate>,
    pub due_source: String,
    pub due_status: String,
    pub answer: String,
    pub answered_on: Option<NaiveDate>,
    pub closed: bool,
    pub rating: Option<u8>,
}

/// The public page of a tracking code; `None` for an unknown code or a denunciation.
pub async fn public_view(app: &App, code: &str) -> Result<Option<PublicMatter>> {
    let Some(m) = papi_store::voice::by_code(&app.store, code).await? else {
        return Ok(None);
    };
    if !m.kind.publicly_trackable() {
        return Ok(None);
    }
    let steps = papi_store::voice::steps(&app.store, m.commune_id, m.id).await?;
    let c = clocks(&m, &steps, &app.calendar(), times(app, m.commune_id).await?);
    let shown = c.iter().find(|c| c.met_on.is_none()).or(c.last());
    let answered_on = steps
        .iter()
        .rev()
        .find(|s| matches!(s.kind, StepKind::Answer | StepKind::Decide))
        .map(|s| s.on);
    Ok(Some(PublicMatter {
        code: m.code.clone(),
        kind: m.kind,
        title: m.title.clone(),
        received_on: m.received_on,
        stage: m.stage,
        due: shown.and_then(|c| c.due),
        due_source: shown.map(|c| c.source.clone()).unwrap_or_default(),
        due_status: shown.map(|c| c.status.clone()).unwrap_or_default(),
        answer: m.answer.clone(),
        answered_on,
        closed: m.stage.is_closed() || m.stage == Stage::Answered,
        rating: m.rating,
    }))
}

/// The resident's rating (1–5) once the matter is answered or closed; once only.
pub async fn rate(app: &App, code: &str, rating: u8) -> Result<()> {
    if !(1..=5).contains(&rating) {
        return Err(Error::Invalid("Chọn mức hài lòng từ 1 đến 5.".into()));
    }
    let m = papi_store::voice::by_code(&app.store, code)
        .await?
        .filter(|m| m.kind.publicly_trackable())
        .ok_or(Error::NotFound)?;
    if !(m.stage.is_closed() || m.stage == Stage::Answered) {
        return Err(Error::Invalid(
            "Chỉ đánh giá được khi vụ việc đã có trả lời.".into(),
        ));
    }
    if m.rating.is_some() {
        return Err(Error::Invalid("Vụ việc này đã được đánh giá.".into()));
    }
    let mut w = app.store.begin_write().await?;
    papi_store::voice::set_rating(&mut w, &m, rating).await?;
    w.commit().await?;
    Ok(())
}

/// Answers to feedback that residents agreed to publish, without names: the public page.
pub async fn published_answers(app: &App, commune_id: i64) -> Result<Vec<Matter>> {
    Ok(papi_store::voice::list(&app.store, commune_id)
        .await?
        .into_iter()
        .filter(|m| m.kind == MatterKind::Feedback && m.publish_consent && !m.answer.is_empty())
        .map(|mut m| {
            m.requester = Default::default();
            m
        })
        .collect())
}

/// The figures of the commune over the matters received in `[from, to]`.
pub async fn figures(
    app: &App,
    commune_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<papi_core::voice::figures::Figures> {
    let cal = app.calendar();
    let t = times(app, commune_id).await?;
    let matters = papi_store::voice::list(&app.store, commune_id).await?;
    let steps = papi_store::voice::all_steps(&app.store, commune_id).await?;
    let with_clocks: Vec<(Matter, Vec<Clock>)> = matters
        .into_iter()
        .filter(|m| m.received_on >= from && m.received_on <= to)
        .map(|m| {
            let own: Vec<MatterStep> = steps
                .iter()
                .filter(|(id, _)| *id == m.id)
                .map(|(_, s)| s.clone())
                .collect();
            let c = clocks(&m, &own, &cal, t);
            (m, c)
        })
        .collect();
    Ok(papi_core::voice::figures::figures(
        &with_clocks,
        app.today(),
    ))
}

/// The commune's feedback times, set by the administrator or the office.
pub async fn set_feedback_times(
    app: &App,
    actor: &Actor,
    by: &str,
    acknowledge: &str,
    answer: &str,
) -> Result<FeedbackTimes> {
    if !matches!(
        actor.role,
        papi_core::Role::Admin | papi_core::Role::Chairman | papi_core::Role::Office
    ) {
        return Err(Error::Forbidden);
    }
    let t = FeedbackTimes::parse(acknowledge, answer).map_err(Error::Invalid)?;
    let before = times(app, actor.commune_id).await?;
    let mut w = app.store.begin_write().await?;
    papi_store::voice::set_feedback_times(&mut w, by, actor.commune_id, before, t).await?;
    w.commit().await?;
    Ok(t)
}
