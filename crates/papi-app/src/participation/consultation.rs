//! Consultations (tham gia ý kiến, Đ.25–28): drafts, forms, the 20-day window, comments,
//! the summary and the explanation.
//!
//! Opening and editing go through papi-core `consultation::check` (at least 20 days, never
//! shortened once open); closing through `check_close` (after the window, with the
//! explanation when the decision goes against the majority). Everything is public once
//! published.

use chrono::NaiveDate;
use papi_core::participation::consultation::{
    self as rules, Channel, Comment, Consultation, Stance, Topic,
};
use papi_core::{Action, Actor};
use serde::Deserialize;

use super::decision::{allowed, villages};
use crate::error::{Error, Result};
use crate::voice::reception::parse_day;
use crate::App;

/// A consultation as the form or the API sends it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ConsultationInput {
    pub title: String,
    pub topic: String,
    #[serde(default)]
    pub village_id: Option<i64>,
    #[serde(default)]
    pub channels: Vec<String>,
    pub published_on: String,
    pub closes_on: String,
}

/// A comment as typed.
#[derive(Debug, Clone, Default)]
pub struct CommentInput {
    pub on: String,
    pub who: String,
    pub village_id: Option<i64>,
    pub text: String,
    pub stance: String,
}

/// The closing as typed.
#[derive(Debug, Clone, Default)]
pub struct CloseInput {
    pub summary: String,
    pub decision: String,
    /// "yes" when the decision adopts the draft, "no" otherwise.
    pub adopted: String,
    pub explanation: String,
}

/// A consultation as the pages show it.
#[derive(Debug, Clone)]
pub struct ConsultationView {
    pub consultation: Consultation,
    pub scope: String,
    pub comments: Vec<Comment>,
    pub votes_for: usize,
    pub votes_against: usize,
    /// The earliest day the window may close under DC-CONSULT.
    pub earliest_close: Option<NaiveDate>,
    pub open: bool,
    pub against_majority: bool,
}

fn build(
    commune_id: i64,
    villages: &[(i64, String)],
    input: &ConsultationInput,
) -> Result<Consultation> {
    let topic = Topic::parse(&input.topic).ok_or_else(|| {
        Error::Invalid("Nội dung lấy ý kiến: chọn một nội dung của Điều 25.".into())
    })?;
    let title = input.title.trim();
    papi_core::text::limits::check(
        "Tên nội dung lấy ý kiến",
        title,
        papi_core::text::limits::TITLE,
    )
    .map_err(Error::Invalid)?;
    let mut channels = Vec::new();
    for c in &input.channels {
        let ch = Channel::parse(c).ok_or_else(|| {
            Error::Invalid(format!(
                "Hình thức lấy ý kiến: «{c}» không có trong Điều 26."
            ))
        })?;
        if !channels.contains(&ch) {
            channels.push(ch);
        }
    }
    let village_id = input.village_id.filter(|v| *v > 0);
    if let Some(v) = village_id {
        if !villages.iter().any(|x| x.0 == v) {
            return Err(Error::Invalid(
                "Phạm vi: thôn đã chọn không thuộc xã.".into(),
            ));
        }
    }
    let published_on = parse_day("Ngày công khai", &input.published_on)?
        .ok_or_else(|| Error::Invalid("Ngày công khai: nhập ngày dạng dd/mm/yyyy.".into()))?;
    let closes_on = parse_day("Hạn lấy ý kiến", &input.closes_on)?
        .ok_or_else(|| Error::Invalid("Hạn lấy ý kiến: nhập ngày dạng dd/mm/yyyy.".into()))?;
    Ok(Consultation {
        id: 0,
        commune_id,
        title: title.to_string(),
        topic,
        village_id,
        channels,
        published_on,
        closes_on,
        draft_name: String::new(),
        summary: String::new(),
        decision: String::new(),
        adopted: None,
        explanation: String::new(),
        closed_on: None,
    })
}

/// Opens a consultation; refused below the 20 days of Điều 28 khoản 2.
pub async fn open(app: &App, actor: &Actor, by: &str, input: &ConsultationInput) -> Result<i64> {
    allowed(actor, Action::ManageParticipation)?;
    let villages = villages(app, actor.commune_id).await?;
    let c = build(actor.commune_id, &villages, input)?;
    rules::check(&app.calendar(), None, &c, app.today()).map_err(Error::Invalid)?;
    let mut w = app.store.begin_write().await?;
    let id = papi_store::participation::consultation::save(&mut w, by, &c).await?;
    w.commit().await?;
    Ok(id)
}

/// Edits a consultation; an open window may be lengthened, never shortened.
pub async fn edit(
    app: &App,
    actor: &Actor,
    by: &str,
    id: i64,
    input: &ConsultationInput,
) -> Result<()> {
    allowed(actor, Action::ManageParticipation)?;
    let before =
        papi_store::participation::consultation::get(&app.store, actor.commune_id, id).await?;
    let villages = villages(app, actor.commune_id).await?;
    let mut c = build(actor.commune_id, &villages, input)?;
    c.id = before.id;
    c.draft_name = before.draft_name.clone();
    rules::check(&app.calendar(), Some(&before), &c, app.today()).map_err(Error::Invalid)?;
    let mut w = app.store.begin_write().await?;
    papi_store::participation::consultation::save(&mut w, by, &c).await?;
    w.commit().await?;
    Ok(())
}

/// Keeps the draft document residents comment on.
pub async fn upload_draft(
    app: &App,
    actor: &Actor,
    by: &str,
    id: i64,
    name: &str,
    bytes: &[u8],
) -> Result<()> {
    allowed(actor, Action::ManageParticipation)?;
    let c = papi_store::participation::consultation::get(&app.store, actor.commune_id, id).await?;
    if bytes.is_empty() {
        return Err(Error::Invalid(
            "Dự thảo: chọn tệp dự thảo để tải lên.".into(),
        ));
    }
    let content_type = papi_core::evidence::check(name, bytes).map_err(Error::Invalid)?;
    let name = papi_core::evidence::clean_name(name);
    let mut w = app.store.begin_write().await?;
    papi_store::participation::consultation::save_draft(&mut w, by, &c, &name, content_type, bytes)
        .await?;
    w.commit().await?;
    Ok(())
}

/// The draft of a published consultation, for anyone: (file name, content type, bytes).
pub async fn draft(app: &App, commune_id: i64, id: i64) -> Result<(String, String, Vec<u8>)> {
    let c = papi_store::participation::consultation::get(&app.store, commune_id, id).await?;
    if c.published_on > app.today() {
        return Err(Error::NotFound);
    }
    Ok(papi_store::participation::consultation::draft(&app.store, commune_id, id).await?)
}

/// Records a resident's comment, received during the window.
pub async fn add_comment(
    app: &App,
    actor: &Actor,
    by: &str,
    id: i64,
    input: &CommentInput,
) -> Result<i64> {
    allowed(actor, Action::ManageParticipation)?;
    let c = papi_store::participation::consultation::get(&app.store, actor.commune_id, id).await?;
    if c.closed_on.is_some() {
        return Err(Error::Invalid(
            "Cuộc lấy ý kiến đã kết thúc: không nhận thêm ý kiến.".into(),
        ));
    }
    let on = parse_day("Ngày góp ý", &input.on)?.unwrap_or_else(|| app.today());
    if on < c.published_on || on > c.closes_on || on > app.today() {
        return Err(Error::Invalid(format!(
            "Ngày góp ý {}: phải trong thời gian lấy ý kiến ({} – {}) và không sau hôm nay.",
            papi_core::clock::format_date(on),
            papi_core::clock::format_date(c.published_on),
            papi_core::clock::format_date(c.closes_on)
        )));
    }
    let who = input.who.trim();
    let text = input.text.trim();
    if who.is_empty() || text.is_empty() {
        return Err(Error::Invalid(
            "Người góp ý và nội dung góp ý: không được để trống.".into(),
        ));
    }
    papi_core::text::limits::check("Người góp ý", who, papi_core::text::limits::NAME)
        .map_err(Error::Invalid)?;
    papi_core::text::limits::check("Nội dung góp ý", text, papi_core::text::limits::TEXT)
        .map_err(Error::Invalid)?;
    let stance = Stance::parse(&input.stance).ok_or_else(|| {
        Error::Invalid("Ý kiến: chọn đồng ý, không đồng ý hoặc ý kiến khác.".into())
    })?;
    let comment = Comment {
        id: 0,
        consultation_id: c.id,
        on,
        who: who.to_string(),
        village_id: input.village_id.filter(|v| *v > 0),
        text: text.to_string(),
        stance,
    };
    let mut w = app.store.begin_write().await?;
    let cid = papi_store::participation::consultation::add_comment(
        &mut w,
        by,
        actor.commune_id,
        &comment,
    )
    .await?;
    w.commit().await?;
    Ok(cid)
}

/// Closes the consultation with its summary and decision; refused before the window ends
/// and, against the majority, without the explanation (Điều 28 khoản 4).
pub async fn close(app: &App, actor: &Actor, by: &str, id: i64, input: &CloseInput) -> Result<()> {
    allowed(actor, Action::ManageParticipation)?;
    let mut c =
        papi_store::participation::consultation::get(&app.store, actor.commune_id, id).await?;
    let comments =
        papi_store::participation::consultation::comments(&app.store, actor.commune_id, id).await?;
    let adopted = match input.adopted.as_str() {
        "yes" => true,
        "no" => false,
        _ => {
            return Err(Error::Invalid(
                "Quyết định: chọn thông qua hoặc không thông qua dự thảo.".into(),
            ))
        }
    };
    for (label, v) in [
        ("Tổng hợp ý kiến", &input.summary),
        ("Quyết định", &input.decision),
        ("Giải trình", &input.explanation),
    ] {
        papi_core::text::limits::check(label, v, papi_core::text::limits::TEXT)
            .map_err(Error::Invalid)?;
    }
    rules::check_close(
        &c,
        &comments,
        adopted,
        &input.summary,
        &input.decision,
        &input.explanation,
        app.today(),
    )
    .map_err(Error::Invalid)?;
    c.summary = input.summary.trim().to_string();
    c.decision = input.decision.trim().to_string();
    c.adopted = Some(adopted);
    c.explanation = input.explanation.trim().to_string();
    c.closed_on = Some(app.today());
    let mut w = app.store.begin_write().await?;
    papi_store::participation::consultation::save(&mut w, by, &c).await?;
    w.commit().await?;
    Ok(())
}

fn view(
    app: &App,
    villages: &[(i64, String)],
    c: Consultation,
    comments: Vec<Comment>,
) -> ConsultationView {
    let votes_for = comments.iter().filter(|x| x.stance == Stance::For).count();
    let votes_against = comments
        .iter()
        .filter(|x| x.stance == Stance::Against)
        .count();
    let today = app.today();
    ConsultationView {
        scope: match c.village_id {
            Some(v) => villages
                .iter()
                .find(|x| x.0 == v)
                .map(|x| x.1.clone())
                .unwrap_or_default(),
            None => "Toàn xã".into(),
        },
        earliest_close: rules::earliest_close(&app.calendar(), c.published_on).ok(),
        open: c.closed_on.is_none() && c.published_on <= today && today <= c.closes_on,
        against_majority: c
            .adopted
            .is_some_and(|a| rules::against_majority(&comments, a)),
        votes_for,
        votes_against,
        comments,
        consultation: c,
    }
}

pub(crate) async fn list_of(app: &App, commune_id: i64) -> Result<Vec<ConsultationView>> {
    let villages = villages(app, commune_id).await?;
    let mut out = Vec::new();
    for c in papi_store::participation::consultation::list(&app.store, commune_id).await? {
        let comments =
            papi_store::participation::consultation::comments(&app.store, commune_id, c.id).await?;
        out.push(view(app, &villages, c, comments));
    }
    Ok(out)
}

pub async fn list(app: &App, actor: &Actor) -> Result<Vec<ConsultationView>> {
    allowed(actor, Action::ViewStaffPages)?;
    list_of(app, actor.commune_id).await
}

pub async fn get(app: &App, actor: &Actor, id: i64) -> Result<ConsultationView> {
    allowed(actor, Action::ViewStaffPages)?;
    let villages = villages(app, actor.commune_id).await?;
    let c = papi_store::participation::consultation::get(&app.store, actor.commune_id, id).await?;
    let comments =
        papi_store::participation::consultation::comments(&app.store, actor.commune_id, id).await?;
    Ok(view(app, &villages, c, comments))
}
