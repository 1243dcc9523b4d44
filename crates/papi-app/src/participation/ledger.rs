//! The contributions ledger per village and project: level agreed, collected, spent, balance.
//!
//! A ledger opens on a passed decision about money (papi-core `ledger::can_open`); each line
//! is checked against the balance; the supervising board comes from the boards' register and a
//! project without one is flagged; publishing the result asks the disclosure register to
//! disclose it (group 5 of Điều 11).

use papi_core::participation::ledger::{
    self as rules, AccountKind, Entry, EntryKind, Ledger, Totals,
};
use papi_core::{Action, Actor};

use super::decision::{allowed, villages};
use crate::disclosure::link::{disclose_result, DiscloseRequest};
use crate::error::{Error, Result};
use crate::voice::reception::parse_day;
use crate::App;

/// The flag of a project nobody supervises (seed 1.1.c: contributions are supervised by the
/// BGSĐTCĐ or the BTTND).
pub const NO_BOARD: &str = "Chưa có Ban giám sát đầu tư của cộng đồng";

/// A ledger as typed when it opens.
#[derive(Debug, Clone, Default)]
pub struct LedgerInput {
    pub decision_id: i64,
    pub project: String,
    pub level_per_household: String,
    pub account_kind: String,
    pub account: String,
}

/// One line as typed.
#[derive(Debug, Clone, Default)]
pub struct EntryInput {
    pub on: String,
    pub kind: String,
    pub amount: String,
    pub who: String,
    pub purpose: String,
}

/// A ledger as the pages show it.
#[derive(Debug, Clone)]
pub struct LedgerView {
    pub ledger: Ledger,
    pub decision_title: String,
    pub scope: String,
    pub entries: Vec<Entry>,
    pub totals: Totals,
    /// The supervising board's name, or `None` (flagged with [`NO_BOARD`]).
    pub board: Option<String>,
}

fn amount(label: &str, s: &str) -> Result<i64> {
    rules::parse_vnd(s).ok_or_else(|| {
        Error::Invalid(format!(
            "{label}: «{}» không phải số tiền (đồng, chỉ gồm chữ số, ví dụ 500.000).",
            s.trim()
        ))
    })
}

/// Opens a ledger on a passed contribution decision; returns its id.
pub async fn open(app: &App, actor: &Actor, by: &str, input: &LedgerInput) -> Result<i64> {
    allowed(actor, Action::ManageParticipation)?;
    let d = match papi_store::participation::decision::get(
        &app.store,
        actor.commune_id,
        input.decision_id,
    )
    .await
    {
        Ok(d) => d,
        Err(papi_store::StoreError::NotFound) => {
            return Err(Error::Invalid(
                "Quyết định của Nhân dân: chọn một quyết định đã ghi nhận.".into(),
            ))
        }
        Err(e) => return Err(e.into()),
    };
    rules::can_open(&d).map_err(Error::Invalid)?;
    let project = input.project.trim();
    if project.is_empty() {
        return Err(Error::Invalid(
            "Tên công trình, dự án: không được để trống.".into(),
        ));
    }
    papi_core::text::limits::check(
        "Tên công trình, dự án",
        project,
        papi_core::text::limits::TITLE,
    )
    .map_err(Error::Invalid)?;
    let level = amount("Mức đóng góp mỗi hộ", &input.level_per_household)?;
    let account_kind = AccountKind::parse(&input.account_kind).ok_or_else(|| {
        Error::Invalid("Tài khoản: chọn tài khoản tiền gửi của xã hoặc tài khoản của thôn.".into())
    })?;
    let account = input.account.trim();
    if account.is_empty() {
        return Err(Error::Invalid(
            "Số tài khoản, ngân hàng: không được để trống.".into(),
        ));
    }
    papi_core::text::limits::check("Số tài khoản", account, papi_core::text::limits::NAME)
        .map_err(Error::Invalid)?;
    let l = Ledger {
        id: 0,
        commune_id: actor.commune_id,
        decision_id: d.id,
        village_id: d.village_id,
        project: project.to_string(),
        level_per_household: level,
        account_kind,
        account: account.to_string(),
        // Money may be mobilised from the day the residents agreed, not before.
        opened_on: d.held_on,
        disclosure_id: None,
        published_on: None,
    };
    let mut w = app.store.begin_write().await?;
    let id = papi_store::participation::ledger::insert(&mut w, by, &l).await?;
    w.commit().await?;
    Ok(id)
}

/// Adds a line collected or spent; spending beyond the balance is refused.
pub async fn add_entry(
    app: &App,
    actor: &Actor,
    by: &str,
    ledger_id: i64,
    input: &EntryInput,
) -> Result<i64> {
    allowed(actor, Action::ManageParticipation)?;
    let l = papi_store::participation::ledger::get(&app.store, actor.commune_id, ledger_id).await?;
    let entries =
        papi_store::participation::ledger::entries(&app.store, actor.commune_id, Some(l.id))
            .await?;
    let kind = EntryKind::parse(&input.kind)
        .ok_or_else(|| Error::Invalid("Loại: chọn thu hoặc chi.".into()))?;
    let on = parse_day("Ngày thu, chi", &input.on)?
        .ok_or_else(|| Error::Invalid("Ngày thu, chi: nhập ngày dạng dd/mm/yyyy.".into()))?;
    for (label, v) in [
        ("Người nộp, người nhận", &input.who),
        ("Nội dung", &input.purpose),
    ] {
        papi_core::text::limits::check(label, v, papi_core::text::limits::TITLE)
            .map_err(Error::Invalid)?;
    }
    let e = Entry {
        id: 0,
        ledger_id: l.id,
        on,
        kind,
        amount: amount("Số tiền", &input.amount)?,
        who: input.who.trim().to_string(),
        purpose: input.purpose.trim().to_string(),
    };
    rules::check_entry(&l, &entries, &e, app.today()).map_err(Error::Invalid)?;
    let mut w = app.store.begin_write().await?;
    let id = papi_store::participation::ledger::add_entry(&mut w, by, actor.commune_id, &e).await?;
    w.commit().await?;
    Ok(id)
}

async fn view(
    app: &App,
    villages: &[(i64, String)],
    titles: &[(i64, String)],
    l: Ledger,
    all: &[Entry],
) -> Result<LedgerView> {
    let entries: Vec<Entry> = all
        .iter()
        .filter(|e| e.ledger_id == l.id)
        .cloned()
        .collect();
    let board = crate::participation::board::board_for_project(app, l.commune_id, l.id).await?;
    Ok(LedgerView {
        decision_title: titles
            .iter()
            .find(|t| t.0 == l.decision_id)
            .map(|t| t.1.clone())
            .unwrap_or_default(),
        scope: match l.village_id {
            Some(v) => villages
                .iter()
                .find(|x| x.0 == v)
                .map(|x| x.1.clone())
                .unwrap_or_default(),
            None => "Toàn xã".into(),
        },
        totals: rules::totals(&entries),
        entries,
        board,
        ledger: l,
    })
}

pub(crate) async fn list_of(app: &App, commune_id: i64) -> Result<Vec<LedgerView>> {
    let villages = villages(app, commune_id).await?;
    let titles: Vec<(i64, String)> =
        papi_store::participation::decision::list(&app.store, commune_id)
            .await?
            .into_iter()
            .map(|d| (d.id, d.title))
            .collect();
    let all = papi_store::participation::ledger::entries(&app.store, commune_id, None).await?;
    let mut out = Vec::new();
    for l in papi_store::participation::ledger::list(&app.store, commune_id).await? {
        out.push(view(app, &villages, &titles, l, &all).await?);
    }
    Ok(out)
}

pub async fn list(app: &App, actor: &Actor) -> Result<Vec<LedgerView>> {
    allowed(actor, Action::ViewStaffPages)?;
    list_of(app, actor.commune_id).await
}

pub async fn get(app: &App, actor: &Actor, id: i64) -> Result<LedgerView> {
    allowed(actor, Action::ViewStaffPages)?;
    list_of(app, actor.commune_id)
        .await?
        .into_iter()
        .find(|l| l.ledger.id == id)
        .ok_or(Error::NotFound)
}

/// The passed money decisions a ledger may open on, as (id, title).
pub async fn open_choices(app: &App, actor: &Actor) -> Result<Vec<(i64, String)>> {
    allowed(actor, Action::ViewStaffPages)?;
    Ok(
        papi_store::participation::decision::list(&app.store, actor.commune_id)
            .await?
            .into_iter()
            .filter(|d| rules::can_open(d).is_ok())
            .map(|d| (d.id, d.title))
            .collect(),
    )
}

/// What publishing did: always marked published on the ledger; the disclosure register entry
/// when the register took it, or the register's message when it could not.
#[derive(Debug, Clone)]
pub struct Published {
    pub disclosure_id: Option<i64>,
    pub register_message: Option<String>,
}

/// Publishes the ledger's result (collected, spent, balance): marks it published and asks the
/// disclosure register to disclose it (group 5 of Điều 11: contributions mobilised from
/// residents). A register that cannot take it yet does not undo the publication; its message
/// is returned for the page to show.
pub async fn publish(app: &App, actor: &Actor, by: &str, id: i64) -> Result<Published> {
    allowed(actor, Action::ManageParticipation)?;
    let v = get(app, actor, id).await?;
    let request = DiscloseRequest {
        group: 5,
        title: format!(
            "Kết quả huy động, sử dụng đóng góp: {} (thu {}, chi {}, còn {})",
            v.ledger.project,
            rules::vnd(v.totals.collected),
            rules::vnd(v.totals.spent),
            rules::vnd(v.totals.balance)
        ),
        legal_basis:
            "Luật Thực hiện dân chủ ở cơ sở 2022, Điều 11 khoản 5; Thông tư 26/2026/TT-BTC Điều 22"
                .into(),
        decided_on: app.today(),
        source: format!("ledger:{id}"),
    };
    let (disclosure_id, register_message) = match disclose_result(app, actor, request).await {
        Ok(d) => (Some(d), None),
        Err(Error::Invalid(m)) => (v.ledger.disclosure_id, Some(m)),
        Err(Error::Forbidden) => (
            v.ledger.disclosure_id,
            Some(
                "Sổ công khai do Văn phòng UBND xã ghi: đề nghị Văn phòng công khai kết quả này."
                    .into(),
            ),
        ),
        Err(e) => return Err(e),
    };
    let mut w = app.store.begin_write().await?;
    papi_store::participation::ledger::set_published(
        &mut w,
        by,
        &v.ledger,
        app.today(),
        disclosure_id,
    )
    .await?;
    w.commit().await?;
    Ok(Published {
        disclosure_id,
        register_message,
    })
}
