//! A board's work: its plans, its checks and their notices, its recommendations and the
//! commune's answers, the results of residents' complaints told to it, and a BGS's dissolution.

use papi_core::participation::board::{
    self as rules, BoardKind, BoardPlan, Check, ForwardedResult, PlanPeriod, Recommendation,
};
use papi_core::text::limits;
use papi_core::{Action, Actor};

use super::{allowed, board, check_view};
use crate::error::{Error, Result};
use crate::voice::reception::{parse_day, required_day};
use crate::App;

fn text(label: &str, value: &str, max: usize) -> Result<String> {
    limits::check(label, value, max).map_err(Error::Invalid)?;
    Ok(value.trim().to_string())
}

/// A plan as typed.
#[derive(Debug, Clone, Default)]
pub struct PlanInput {
    pub period: String,
    pub title: String,
    pub from: String,
    pub to: String,
}

pub async fn add_plan(
    app: &App,
    actor: &Actor,
    by: &str,
    board_id: i64,
    input: PlanInput,
) -> Result<i64> {
    allowed(actor, Action::ManageBoards)?;
    let b = board(app, actor, board_id).await?;
    let p = BoardPlan {
        id: 0,
        board_id,
        period: PlanPeriod::parse(&input.period)
            .ok_or_else(|| Error::Invalid("Loại kế hoạch: chưa chọn.".into()))?,
        title: text("Tên kế hoạch", &input.title, limits::TITLE)?,
        from: required_day("Từ ngày", &input.from)?,
        to: required_day("Đến ngày", &input.to)?,
    };
    rules::check_plan(b.kind, &p).map_err(Error::Invalid)?;
    let mut w = app.store.begin_write().await?;
    let id = papi_store::participation::board::add_plan(&mut w, by, actor.commune_id, &p).await?;
    w.commit().await?;
    Ok(id)
}

/// A check (BTTND) or supervision (BGS) as typed.
#[derive(Debug, Clone, Default)]
pub struct CheckInput {
    pub target: String,
    pub check_on: String,
    pub notice_sent_on: String,
    pub recipients: String,
}

/// Records a check; returns its id and the warning of a late notice (a notice sent late is
/// recorded, and flagged).
pub async fn add_check(
    app: &App,
    actor: &Actor,
    by: &str,
    board_id: i64,
    input: CheckInput,
) -> Result<(i64, Vec<String>)> {
    allowed(actor, Action::ManageBoards)?;
    let b = board(app, actor, board_id).await?;
    let default_recipients = match b.kind {
        BoardKind::Inspection => "Ủy ban MTTQ xã; Chủ tịch UBND xã; đối tượng được kiểm tra",
        BoardKind::Investment => "Chủ đầu tư",
    };
    let recipients = text("Nơi nhận", &input.recipients, limits::TITLE)?;
    let c = Check {
        id: 0,
        board_id,
        target: text("Nội dung, đối tượng kiểm tra", &input.target, limits::TITLE)?,
        check_on: required_day("Ngày kiểm tra", &input.check_on)?,
        notice_sent_on: parse_day("Ngày gửi kế hoạch", &input.notice_sent_on)?,
        recipients: if recipients.is_empty() {
            default_recipients.to_string()
        } else {
            recipients
        },
    };
    rules::check_check(&b, &c).map_err(Error::Invalid)?;
    let view = check_view(app, b.kind, c.clone());
    let mut warnings = Vec::new();
    if let (Some(latest), Some(rules::NoticeStanding::Late)) = (view.latest, view.standing) {
        warnings.push(format!(
            "Kế hoạch gửi muộn: phải gửi chậm nhất ngày {} ({}).",
            papi_core::clock::format_date(latest),
            view.source
        ));
    }
    let mut w = app.store.begin_write().await?;
    let id = papi_store::participation::board::add_check(&mut w, by, actor.commune_id, &c).await?;
    w.commit().await?;
    Ok((id, warnings))
}

/// A recommendation as typed.
#[derive(Debug, Clone, Default)]
pub struct RecommendationInput {
    pub received_on: String,
    pub content: String,
}

/// Records a recommendation received from a board; a dissolved board's is refused.
pub async fn add_recommendation(
    app: &App,
    actor: &Actor,
    by: &str,
    board_id: i64,
    input: RecommendationInput,
) -> Result<i64> {
    allowed(actor, Action::ManageBoards)?;
    let b = board(app, actor, board_id).await?;
    let r = Recommendation {
        id: 0,
        board_id,
        received_on: required_day("Ngày nhận kiến nghị", &input.received_on)?,
        content: text("Nội dung kiến nghị", &input.content, limits::TEXT)?,
        answer: String::new(),
        answered_on: None,
    };
    rules::check_recommendation(&b, &r, app.today()).map_err(Error::Invalid)?;
    let mut w = app.store.begin_write().await?;
    let id = papi_store::participation::board::add_recommendation(&mut w, by, actor.commune_id, &r)
        .await?;
    w.commit().await?;
    Ok(id)
}

/// The commune's answer as typed.
#[derive(Debug, Clone, Default)]
pub struct AnswerInput {
    pub answer: String,
    pub answered_on: String,
}

/// Records the commune's answer to a recommendation; returns the board's id.
pub async fn answer(
    app: &App,
    actor: &Actor,
    by: &str,
    rec_id: i64,
    input: AnswerInput,
) -> Result<i64> {
    allowed(actor, Action::ManageBoards)?;
    let cid = actor.commune_id;
    let r = papi_store::participation::board::recommendation(&app.store, cid, rec_id).await?;
    let text = text("Nội dung trả lời", &input.answer, limits::TEXT)?;
    let on = parse_day("Ngày trả lời", &input.answered_on)?.unwrap_or(app.today());
    rules::check_answer(&r, &text, on, app.today()).map_err(Error::Invalid)?;
    let mut w = app.store.begin_write().await?;
    papi_store::participation::board::answer(&mut w, by, cid, &r, &text, on).await?;
    w.commit().await?;
    Ok(r.board_id)
}

/// Records that the result of a closed residents' matter (picked by its tracking code) was sent
/// to the BTTND on `sent_on` (Luật 10/2022/QH15 Điều 40 khoản 1).
pub async fn send_result(
    app: &App,
    actor: &Actor,
    by: &str,
    board_id: i64,
    code: &str,
    sent_on: &str,
) -> Result<i64> {
    allowed(actor, Action::ManageBoards)?;
    let b = board(app, actor, board_id).await?;
    let code = code.trim();
    if code.is_empty() {
        return Err(Error::Invalid("Mã vụ việc: chưa nhập mã theo dõi.".into()));
    }
    let m = papi_store::voice::by_code(&app.store, code)
        .await?
        .filter(|m| m.commune_id == actor.commune_id)
        .ok_or_else(|| {
            Error::Invalid(format!("Mã vụ việc: không có vụ việc mã «{code}» của xã."))
        })?;
    let on = parse_day("Ngày gửi", sent_on)?.unwrap_or(app.today());
    rules::check_forward(&b, m.stage.is_closed(), on, app.today()).map_err(Error::Invalid)?;
    let f = ForwardedResult {
        id: 0,
        board_id,
        matter_code: m.code.clone(),
        matter_title: format!("{}: {}", m.kind.label(), m.title),
        sent_on: on,
    };
    let mut w = app.store.begin_write().await?;
    let id = papi_store::participation::board::add_result(&mut w, by, actor.commune_id, &f).await?;
    w.commit().await?;
    Ok(id)
}

/// Dissolves a BGS whose project is done; it takes no new recommendation afterwards.
pub async fn dissolve(app: &App, actor: &Actor, by: &str, board_id: i64, on: &str) -> Result<()> {
    allowed(actor, Action::ManageBoards)?;
    let b = board(app, actor, board_id).await?;
    let on = parse_day("Ngày giải thể", on)?.unwrap_or(app.today());
    if on > app.today() {
        return Err(Error::Invalid(
            "Ngày giải thể: không được sau ngày hôm nay.".into(),
        ));
    }
    rules::check_dissolve(&b, on).map_err(Error::Invalid)?;
    let mut w = app.store.begin_write().await?;
    papi_store::participation::board::dissolve(&mut w, by, &b, on).await?;
    w.commit().await?;
    Ok(())
}
