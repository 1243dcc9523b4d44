//! Supervision boards: the people's inspection board (BTTND) and the community investment
//! supervision boards (BGSĐTCĐ), their members, plans, notices and recommendations.
//!
//! Every write appends an audit entry on the board (entity `board`), so the page's history and
//! other servers' caches follow. Names of members stay in the table; the audit entry carries
//! them too, since the board's make-up is public (the Front announces it).

use chrono::NaiveDate;
use papi_core::participation::board::{
    Board, BoardKind, BoardPlan, Check, ForwardedResult, Group, Member, PlanPeriod, Position,
    Recommendation,
};
use serde_json::{json, Value};
use sqlx::any::AnyRow;

use crate::audit::{self, Change};
use crate::rows::{corrupt, date, i, oi, opt_date, s};
use crate::{Result, Store, StoreError, WriteTx};

fn iso(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.to_string())
}

pub(crate) async fn log(
    w: &mut WriteTx<'_>,
    actor: &str,
    commune_id: i64,
    action: &str,
    entity: &str,
    entity_id: i64,
    after: Value,
) -> Result<()> {
    audit::append(
        w,
        Change {
            commune_id,
            actor,
            action,
            entity,
            entity_id,
            before: Value::Null,
            after,
        },
    )
    .await
}

const BOARD_COLUMNS: &str = "id, commune_id, kind, name, project, ledger_project_id, \
    established_on, term_end, recognised_by, dissolved_on";

fn decode_board(r: &AnyRow) -> Result<Board> {
    let kind = s(r, "kind")?;
    Ok(Board {
        id: i(r, "id")?,
        commune_id: i(r, "commune_id")?,
        kind: BoardKind::parse(&kind).ok_or_else(|| corrupt("boards.kind", &kind))?,
        name: s(r, "name")?,
        project: s(r, "project")?,
        ledger_project_id: oi(r, "ledger_project_id")?,
        established_on: date(r, "established_on")?,
        term_end: opt_date(r, "term_end")?,
        recognised_by: s(r, "recognised_by")?,
        dissolved_on: opt_date(r, "dissolved_on")?,
    })
}

/// The commune's boards, the BTTND first, then by date set up.
pub async fn list(store: &Store, commune_id: i64) -> Result<Vec<Board>> {
    let rows = sqlx::query(&format!(
        "SELECT {BOARD_COLUMNS} FROM boards WHERE commune_id = $1 \
         ORDER BY kind, established_on, id"
    ))
    .bind(commune_id)
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(decode_board).collect()
}

/// One board of a commune.
pub async fn get(store: &Store, commune_id: i64, id: i64) -> Result<Board> {
    let row = sqlx::query(&format!(
        "SELECT {BOARD_COLUMNS} FROM boards WHERE commune_id = $1 AND id = $2"
    ))
    .bind(commune_id)
    .bind(id)
    .fetch_optional(&store.pool)
    .await?
    .ok_or(StoreError::NotFound)?;
    decode_board(&row)
}

/// Records a new board and returns its id.
pub async fn insert(w: &mut WriteTx<'_>, actor: &str, b: &Board) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO boards (commune_id, kind, name, project, ledger_project_id, established_on, \
         term_end, recognised_by, dissolved_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
         RETURNING id",
    )
    .bind(b.commune_id)
    .bind(b.kind.code())
    .bind(&b.name)
    .bind(&b.project)
    .bind(b.ledger_project_id)
    .bind(b.established_on.to_string())
    .bind(iso(b.term_end))
    .bind(&b.recognised_by)
    .bind(iso(b.dissolved_on))
    .fetch_one(&mut *w.tx)
    .await?;
    log(
        w,
        actor,
        b.commune_id,
        "create_board",
        "board",
        id,
        json!(b),
    )
    .await?;
    Ok(id)
}

/// Marks a BGS dissolved (its project done).
pub async fn dissolve(w: &mut WriteTx<'_>, actor: &str, b: &Board, on: NaiveDate) -> Result<()> {
    sqlx::query("UPDATE boards SET dissolved_on = $1 WHERE commune_id = $2 AND id = $3")
        .bind(on.to_string())
        .bind(b.commune_id)
        .bind(b.id)
        .execute(&mut *w.tx)
        .await?;
    log(
        w,
        actor,
        b.commune_id,
        "dissolve_board",
        "board",
        b.id,
        json!({ "dissolved_on": on }),
    )
    .await
}

/// The active BGS linked to a ledger project, if any.
pub async fn for_ledger_project(
    store: &Store,
    commune_id: i64,
    project_id: i64,
) -> Result<Vec<Board>> {
    let rows = sqlx::query(&format!(
        "SELECT {BOARD_COLUMNS} FROM boards WHERE commune_id = $1 AND ledger_project_id = $2 \
         ORDER BY established_on DESC, id DESC"
    ))
    .bind(commune_id)
    .bind(project_id)
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(decode_board).collect()
}

fn decode_member(r: &AnyRow) -> Result<Member> {
    let p = s(r, "position")?;
    let g = s(r, "member_group")?;
    Ok(Member {
        id: i(r, "id")?,
        board_id: i(r, "board_id")?,
        name: s(r, "name")?,
        village_id: oi(r, "village_id")?,
        position: Position::parse(&p).ok_or_else(|| corrupt("board_members.position", &p))?,
        group: Group::parse(&g).ok_or_else(|| corrupt("board_members.member_group", &g))?,
        joined_on: date(r, "joined_on")?,
    })
}

/// The members of a board, the head first.
pub async fn members(store: &Store, commune_id: i64, board_id: i64) -> Result<Vec<Member>> {
    let rows = sqlx::query(
        "SELECT id, board_id, name, village_id, position, member_group, joined_on \
         FROM board_members WHERE commune_id = $1 AND board_id = $2 ORDER BY id",
    )
    .bind(commune_id)
    .bind(board_id)
    .fetch_all(&store.pool)
    .await?;
    let mut out = rows.iter().map(decode_member).collect::<Result<Vec<_>>>()?;
    out.sort_by_key(|m| match m.position {
        Position::Head => 0,
        Position::Deputy => 1,
        Position::Member => 2,
    });
    Ok(out)
}

pub async fn add_member(
    w: &mut WriteTx<'_>,
    actor: &str,
    commune_id: i64,
    m: &Member,
) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO board_members (commune_id, board_id, name, village_id, position, \
         member_group, joined_on) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(commune_id)
    .bind(m.board_id)
    .bind(&m.name)
    .bind(m.village_id)
    .bind(m.position.code())
    .bind(m.group.code())
    .bind(m.joined_on.to_string())
    .fetch_one(&mut *w.tx)
    .await?;
    log(
        w,
        actor,
        commune_id,
        "add_board_member",
        "board",
        m.board_id,
        json!({ "member_id": id, "name": m.name, "position": m.position.code() }),
    )
    .await?;
    Ok(id)
}

/// The plans of a board, newest first.
pub async fn plans(store: &Store, commune_id: i64, board_id: i64) -> Result<Vec<BoardPlan>> {
    let rows = sqlx::query(
        "SELECT id, board_id, period, title, from_date, to_date FROM board_plans \
         WHERE commune_id = $1 AND board_id = $2 ORDER BY from_date DESC, id DESC",
    )
    .bind(commune_id)
    .bind(board_id)
    .fetch_all(&store.pool)
    .await?;
    rows.iter()
        .map(|r| {
            let p = s(r, "period")?;
            Ok(BoardPlan {
                id: i(r, "id")?,
                board_id: i(r, "board_id")?,
                period: PlanPeriod::parse(&p).ok_or_else(|| corrupt("board_plans.period", &p))?,
                title: s(r, "title")?,
                from: date(r, "from_date")?,
                to: date(r, "to_date")?,
            })
        })
        .collect()
}

pub async fn add_plan(
    w: &mut WriteTx<'_>,
    actor: &str,
    commune_id: i64,
    p: &BoardPlan,
) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO board_plans (commune_id, board_id, period, title, from_date, to_date) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(commune_id)
    .bind(p.board_id)
    .bind(p.period.code())
    .bind(&p.title)
    .bind(p.from.to_string())
    .bind(p.to.to_string())
    .fetch_one(&mut *w.tx)
    .await?;
    log(
        w,
        actor,
        commune_id,
        "add_board_plan",
        "board",
        p.board_id,
        json!({ "plan_id": id, "title": p.title }),
    )
    .await?;
    Ok(id)
}

fn decode_check(r: &AnyRow) -> Result<Check> {
    Ok(Check {
        id: i(r, "id")?,
        board_id: i(r, "board_id")?,
        target: s(r, "target")?,
        check_on: date(r, "check_on")?,
        notice_sent_on: opt_date(r, "notice_sent_on")?,
        recipients: s(r, "recipients")?,
    })
}

/// The checks of a commune's boards (`board_id` `None`: every board), newest first.
pub async fn checks(store: &Store, commune_id: i64, board_id: Option<i64>) -> Result<Vec<Check>> {
    let rows = sqlx::query(
        "SELECT id, board_id, target, check_on, notice_sent_on, recipients FROM board_checks \
         WHERE commune_id = $1 AND ($2 = 0 OR board_id = $2) ORDER BY check_on DESC, id DESC",
    )
    .bind(commune_id)
    .bind(board_id.unwrap_or(0))
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(decode_check).collect()
}

pub async fn add_check(
    w: &mut WriteTx<'_>,
    actor: &str,
    commune_id: i64,
    c: &Check,
) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO board_checks (commune_id, board_id, target, check_on, notice_sent_on, \
         recipients) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(commune_id)
    .bind(c.board_id)
    .bind(&c.target)
    .bind(c.check_on.to_string())
    .bind(iso(c.notice_sent_on))
    .bind(&c.recipients)
    .fetch_one(&mut *w.tx)
    .await?;
    log(
        w,
        actor,
        commune_id,
        "add_board_check",
        "board",
        c.board_id,
        json!({ "check_id": id, "check_on": c.check_on, "notice_sent_on": c.notice_sent_on }),
    )
    .await?;
    Ok(id)
}

fn decode_rec(r: &AnyRow) -> Result<Recommendation> {
    Ok(Recommendation {
        id: i(r, "id")?,
        board_id: i(r, "board_id")?,
        received_on: date(r, "received_on")?,
        content: s(r, "content")?,
        answer: s(r, "answer")?,
        answered_on: opt_date(r, "answered_on")?,
    })
}

const REC_COLUMNS: &str = "id, board_id, received_on, content, answer, answered_on";

/// The recommendations of a commune's boards (`board_id` `None`: every board), newest first.
pub async fn recommendations(
    store: &Store,
    commune_id: i64,
    board_id: Option<i64>,
) -> Result<Vec<Recommendation>> {
    let rows = sqlx::query(&format!(
        "SELECT {REC_COLUMNS} FROM board_recommendations \
         WHERE commune_id = $1 AND ($2 = 0 OR board_id = $2) ORDER BY received_on DESC, id DESC"
    ))
    .bind(commune_id)
    .bind(board_id.unwrap_or(0))
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(decode_rec).collect()
}

pub async fn recommendation(store: &Store, commune_id: i64, id: i64) -> Result<Recommendation> {
    let row = sqlx::query(&format!(
        "SELECT {REC_COLUMNS} FROM board_recommendations WHERE commune_id = $1 AND id = $2"
    ))
    .bind(commune_id)
    .bind(id)
    .fetch_optional(&store.pool)
    .await?
    .ok_or(StoreError::NotFound)?;
    decode_rec(&row)
}

pub async fn add_recommendation(
    w: &mut WriteTx<'_>,
    actor: &str,
    commune_id: i64,
    r: &Recommendation,
) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO board_recommendations (commune_id, board_id, received_on, content, answer, \
         answered_on) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(commune_id)
    .bind(r.board_id)
    .bind(r.received_on.to_string())
    .bind(&r.content)
    .bind(&r.answer)
    .bind(iso(r.answered_on))
    .fetch_one(&mut *w.tx)
    .await?;
    log(
        w,
        actor,
        commune_id,
        "receive_board_recommendation",
        "board",
        r.board_id,
        json!({ "recommendation_id": id, "received_on": r.received_on }),
    )
    .await?;
    Ok(id)
}

/// Records the commune's answer to a recommendation.
pub async fn answer(
    w: &mut WriteTx<'_>,
    actor: &str,
    commune_id: i64,
    r: &Recommendation,
    text: &str,
    on: NaiveDate,
) -> Result<()> {
    sqlx::query(
        "UPDATE board_recommendations SET answer = $1, answered_on = $2 \
         WHERE commune_id = $3 AND id = $4",
    )
    .bind(text)
    .bind(on.to_string())
    .bind(commune_id)
    .bind(r.id)
    .execute(&mut *w.tx)
    .await?;
    log(
        w,
        actor,
        commune_id,
        "answer_board_recommendation",
        "board",
        r.board_id,
        json!({ "recommendation_id": r.id, "answered_on": on }),
    )
    .await
}

/// The results of residents' matters told to a board, newest first.
pub async fn results(
    store: &Store,
    commune_id: i64,
    board_id: i64,
) -> Result<Vec<ForwardedResult>> {
    let rows = sqlx::query(
        "SELECT id, board_id, matter_code, matter_title, sent_on FROM board_results \
         WHERE commune_id = $1 AND board_id = $2 ORDER BY sent_on DESC, id DESC",
    )
    .bind(commune_id)
    .bind(board_id)
    .fetch_all(&store.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(ForwardedResult {
                id: i(r, "id")?,
                board_id: i(r, "board_id")?,
                matter_code: s(r, "matter_code")?,
                matter_title: s(r, "matter_title")?,
                sent_on: date(r, "sent_on")?,
            })
        })
        .collect()
}

pub async fn add_result(
    w: &mut WriteTx<'_>,
    actor: &str,
    commune_id: i64,
    f: &ForwardedResult,
) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO board_results (commune_id, board_id, matter_code, matter_title, sent_on) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(commune_id)
    .bind(f.board_id)
    .bind(&f.matter_code)
    .bind(&f.matter_title)
    .bind(f.sent_on.to_string())
    .fetch_one(&mut *w.tx)
    .await?;
    log(
        w,
        actor,
        commune_id,
        "send_result_to_board",
        "board",
        f.board_id,
        json!({ "matter_code": f.matter_code, "sent_on": f.sent_on }),
    )
    .await?;
    Ok(id)
}
