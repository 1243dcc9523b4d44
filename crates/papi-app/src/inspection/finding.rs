//! Findings through to closure: recorded with an owner unit and a deadline (the inspector's
//! date, or the commune's default in working days), remediation reported by the owner unit,
//! re-checked by the office, and closed only on a re-check that confirmed the fix.

use papi_core::inspection::finding::{
    can_report_remediation, check_deadline, close as close_rule, recheck as recheck_rule,
    report_remediation as report_rule,
};
use papi_core::inspection::{Finding, Recheck};
use papi_core::text::limits;
use papi_core::Actor;

use super::{manager, visible, visible_finding};
use crate::error::{Error, Result};
use crate::voice::reception::{parse_day, required_day};
use crate::App;

/// A finding as typed. An empty `due` takes the commune's default remediation time.
#[derive(Debug, Clone, Default)]
pub struct FindingInput {
    pub text: String,
    pub owner_unit_id: String,
    pub due: String,
}

/// Records a finding of a check already carried out; returns its id.
pub async fn add_finding(
    app: &App,
    actor: &Actor,
    by: &str,
    inspection_id: i64,
    input: FindingInput,
) -> Result<i64> {
    manager(actor)?;
    let rec = visible(app, actor, inspection_id).await?;
    let i = &rec.inspection;
    let Some(found_on) = i.held_on else {
        return Err(Error::Invalid(
            "Chưa ghi ngày kiểm tra: ghi cuộc kiểm tra trước khi ghi kết luận phát hiện.".into(),
        ));
    };
    if i.concluded_on.is_some() {
        return Err(Error::Invalid(
            "Cuộc kiểm tra đã kết luận; không thêm phát hiện mới.".into(),
        ));
    }
    let text = input.text.trim();
    if text.is_empty() {
        return Err(Error::Invalid(
            "Nội dung phát hiện: nêu thiếu sót cần khắc phục.".into(),
        ));
    }
    limits::check("Nội dung phát hiện", text, limits::TEXT).map_err(Error::Invalid)?;
    let bad_unit = || Error::Invalid("Đơn vị chịu trách nhiệm khắc phục: chọn một đơn vị.".into());
    let unit_id: i64 = input.owner_unit_id.trim().parse().map_err(|_| bad_unit())?;
    let unit = papi_store::org::units(&app.store, actor.commune_id)
        .await?
        .into_iter()
        .find(|u| u.id == unit_id)
        .ok_or_else(bad_unit)?;
    let due = match parse_day("Thời hạn khắc phục", &input.due)? {
        Some(d) => d,
        None => papi_store::inspection::remediation_days(&app.store, actor.commune_id)
            .await?
            .deadline(&app.calendar(), found_on),
    };
    check_deadline(found_on, due).map_err(Error::Invalid)?;
    let f = Finding {
        id: 0,
        commune_id: actor.commune_id,
        inspection_id,
        text: text.to_string(),
        owner_unit_id: unit.id,
        owner_name: unit.name,
        found_on,
        due,
        first_due: due,
        remediated_on: None,
        remediation: String::new(),
        closed_on: None,
    };
    let mut w = app.store.begin_write().await?;
    let id = papi_store::inspection::finding::insert(&mut w, by, &f).await?;
    w.commit().await?;
    Ok(id)
}

/// The owner unit (or the office for it) reports what was fixed.
pub async fn report_remediation(
    app: &App,
    actor: &Actor,
    by: &str,
    finding_id: i64,
    on: &str,
    text: &str,
) -> Result<()> {
    let (_, f, _) = visible_finding(app, actor, finding_id).await?;
    if !can_report_remediation(actor, &f) {
        return Err(Error::Forbidden);
    }
    let on = parse_day("Ngày khắc phục", on)?.unwrap_or_else(|| app.today());
    report_rule(&f, on, text, app.today()).map_err(Error::Invalid)?;
    limits::check("Báo cáo khắc phục", text, limits::TEXT).map_err(Error::Invalid)?;
    let mut after = f.clone();
    after.remediated_on = Some(on);
    after.remediation = text.trim().to_string();
    let mut w = app.store.begin_write().await?;
    papi_store::inspection::finding::update(&mut w, by, "report_remediation", &f, &after).await?;
    w.commit().await?;
    Ok(())
}

/// A re-check as typed: `result` is `passed` or `failed`.
#[derive(Debug, Clone, Default)]
pub struct RecheckInput {
    pub on: String,
    pub by: String,
    pub result: String,
    pub note: String,
    pub new_due: String,
}

/// Records a re-check; a failed one keeps the finding open with its new deadline.
pub async fn recheck(
    app: &App,
    actor: &Actor,
    by: &str,
    finding_id: i64,
    input: RecheckInput,
) -> Result<i64> {
    manager(actor)?;
    let (_, f, _) = visible_finding(app, actor, finding_id).await?;
    let passed = match input.result.trim() {
        "passed" => true,
        "failed" => false,
        _ => {
            return Err(Error::Invalid(
                "Kết quả tái kiểm tra: chọn đã khắc phục hoặc chưa khắc phục.".into(),
            ))
        }
    };
    limits::check("Người tái kiểm tra", &input.by, limits::TITLE).map_err(Error::Invalid)?;
    limits::check("Ghi chú tái kiểm tra", &input.note, limits::TEXT).map_err(Error::Invalid)?;
    let r = Recheck {
        id: 0,
        finding_id,
        on: required_day("Ngày tái kiểm tra", &input.on)?,
        by: input.by.trim().to_string(),
        passed,
        note: input.note.trim().to_string(),
        new_due: parse_day("Thời hạn khắc phục mới", &input.new_due)?,
    };
    recheck_rule(&f, &r, app.today()).map_err(Error::Invalid)?;
    let r = Recheck {
        new_due: if passed { None } else { r.new_due },
        ..r
    };
    let mut w = app.store.begin_write().await?;
    let id = papi_store::inspection::finding::insert_recheck(&mut w, by, &f, &r).await?;
    w.commit().await?;
    Ok(id)
}

/// Closes a finding; refused by papi-core's rule unless a re-check confirmed the fix.
pub async fn close(app: &App, actor: &Actor, by: &str, finding_id: i64) -> Result<Finding> {
    manager(actor)?;
    let (_, f, rechecks) = visible_finding(app, actor, finding_id).await?;
    let on = app.today();
    close_rule(&f, &rechecks, on).map_err(Error::Invalid)?;
    let mut after = f.clone();
    after.closed_on = Some(on);
    let mut w = app.store.begin_write().await?;
    papi_store::inspection::finding::update(&mut w, by, "close_finding", &f, &after).await?;
    w.commit().await?;
    Ok(after)
}

/// The check a finding belongs to, if `actor` may see it.
pub async fn inspection_of(app: &App, actor: &Actor, finding_id: i64) -> Result<i64> {
    let (i, _, _) = visible_finding(app, actor, finding_id).await?;
    Ok(i.id)
}

/// The re-checks of a finding `actor` may see, oldest first.
pub async fn rechecks_of(app: &App, actor: &Actor, finding_id: i64) -> Result<Vec<Recheck>> {
    let (_, _, rechecks) = visible_finding(app, actor, finding_id).await?;
    Ok(rechecks)
}
