//! A check as it is carried out: recording the day and the inspectors, the verdict on each
//! criterion of its checklist (with evidence), and the conclusion, whose results are handed to
//! the disclosure register (Luật 10/2022/QH15 Điều 11 khoản 10, group 10).

use papi_core::inspection::{can_conclude, can_record, Criterion, Verdict};
use papi_core::text::limits;
use papi_core::Actor;

use super::{manager, visible};
use crate::disclosure::link::{disclose_result, DiscloseRequest};
use crate::error::{Error, Result};
use crate::voice::reception::{parse_day, required_day};
use crate::App;

/// Where a check's results must be disclosed: group 10 of Đ.11.
pub const LEGAL_BASIS: &str = "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15, Điều 11 khoản 10";

/// Records that the check was carried out on `held_on` by `inspector`.
pub async fn record_held(
    app: &App,
    actor: &Actor,
    by: &str,
    id: i64,
    held_on: &str,
    inspector: &str,
) -> Result<()> {
    manager(actor)?;
    let rec = visible(app, actor, id).await?;
    let on = required_day("Ngày kiểm tra", held_on)?;
    can_record(&rec.inspection, on, app.today()).map_err(Error::Invalid)?;
    let inspector = inspector.trim();
    if inspector.is_empty() {
        return Err(Error::Invalid(
            "Thành phần đoàn kiểm tra: nhập họ tên, chức vụ người kiểm tra.".into(),
        ));
    }
    limits::check("Thành phần đoàn kiểm tra", inspector, limits::TITLE).map_err(Error::Invalid)?;
    let mut after = rec.inspection.clone();
    after.held_on = Some(on);
    after.inspector = inspector.to_string();
    let mut w = app.store.begin_write().await?;
    papi_store::inspection::update(&mut w, by, "record_inspection", &rec.inspection, &after)
        .await?;
    w.commit().await?;
    Ok(())
}

/// One criterion as typed: its id (0 for a new one), text, verdict code and note.
#[derive(Debug, Clone, Default)]
pub struct CriterionInput {
    pub id: i64,
    pub text: String,
    pub verdict: String,
    pub note: String,
}

/// An evidence file sent for a criterion (by its id).
pub type EvidenceFile = (i64, papi_store::inspection::checklist::File);

/// Saves the checklist's verdicts, notes and evidence files. A new criterion needs a text;
/// empty new rows are ignored.
pub async fn save_checklist(
    app: &App,
    actor: &Actor,
    by: &str,
    id: i64,
    rows: Vec<CriterionInput>,
    files: Vec<EvidenceFile>,
) -> Result<()> {
    manager(actor)?;
    let rec = visible(app, actor, id).await?;
    store_checklist(app, &rec.inspection, by, rows, files).await
}

/// Saves a checklist of `inspection` as typed, from the web page or a phone (the caller has
/// checked who may); refused once the check is concluded.
pub(crate) async fn store_checklist(
    app: &App,
    inspection: &papi_core::inspection::Inspection,
    by: &str,
    rows: Vec<CriterionInput>,
    files: Vec<EvidenceFile>,
) -> Result<()> {
    let (commune_id, id) = (inspection.commune_id, inspection.id);
    if inspection.concluded_on.is_some() {
        return Err(Error::Invalid(
            "Cuộc kiểm tra đã kết luận; bảng kiểm tra không sửa được nữa.".into(),
        ));
    }
    let current = papi_store::inspection::checklist::list(&app.store, commune_id, id).await?;
    let mut next_position = current.iter().map(|c| c.position).max().unwrap_or(0);
    let mut out: Vec<Criterion> = Vec::new();
    for (n, row) in rows.iter().enumerate() {
        let verdict = Verdict::parse(&row.verdict).ok_or_else(|| {
            Error::Invalid(format!(
                "Tiêu chí thứ {}: chọn đạt, không đạt hoặc không áp dụng.",
                n + 1
            ))
        })?;
        limits::check("Ghi chú bằng chứng", &row.note, limits::TEXT).map_err(Error::Invalid)?;
        if row.id == 0 {
            if row.text.trim().is_empty() {
                continue;
            }
            limits::check("Tiêu chí", &row.text, limits::TITLE).map_err(Error::Invalid)?;
            next_position += 1;
            out.push(Criterion {
                id: 0,
                inspection_id: id,
                position: next_position,
                text: row.text.trim().to_string(),
                verdict,
                note: row.note.trim().to_string(),
                file_name: None,
            });
            continue;
        }
        let c = current.iter().find(|c| c.id == row.id).ok_or_else(|| {
            Error::Invalid(format!("Tiêu chí thứ {}: không có trong bảng.", n + 1))
        })?;
        out.push(Criterion {
            verdict,
            note: row.note.trim().to_string(),
            ..c.clone()
        });
    }
    for (cid, f) in &files {
        if !current.iter().any(|c| c.id == *cid) {
            return Err(Error::Invalid(
                "Tệp bằng chứng: tiêu chí không có trong bảng kiểm tra.".into(),
            ));
        }
        limits::check("Tên tệp bằng chứng", &f.name, limits::NAME).map_err(Error::Invalid)?;
    }
    let mut w = app.store.begin_write().await?;
    papi_store::inspection::checklist::save(&mut w, by, commune_id, id, &out, &files).await?;
    w.commit().await?;
    Ok(())
}

/// What concluding answers: the register entry opened for the results, or why none was (the
/// page then says the results still have to be posted).
#[derive(Debug, Clone)]
pub struct Concluded {
    pub disclosure_id: Option<i64>,
    pub disclosure_error: Option<String>,
}

/// Concludes a check and asks the disclosure register to publish its results. The conclusion
/// stands even when the register refuses: the refusal is returned to be shown.
pub async fn conclude(
    app: &App,
    actor: &Actor,
    by: &str,
    id: i64,
    conclusion: &str,
    on: &str,
) -> Result<Concluded> {
    manager(actor)?;
    let rec = visible(app, actor, id).await?;
    let on = parse_day("Ngày kết luận", on)?.unwrap_or_else(|| app.today());
    if on > app.today() {
        return Err(Error::Invalid(
            "Ngày kết luận: không được sau ngày hôm nay.".into(),
        ));
    }
    let criteria =
        papi_store::inspection::checklist::list(&app.store, actor.commune_id, id).await?;
    can_conclude(&rec.inspection, &criteria, conclusion, on).map_err(Error::Invalid)?;
    limits::check("Kết luận", conclusion, limits::TEXT).map_err(Error::Invalid)?;
    let mut after = rec.inspection.clone();
    after.conclusion = conclusion.trim().to_string();
    after.concluded_on = Some(on);
    let mut w = app.store.begin_write().await?;
    papi_store::inspection::update(&mut w, by, "conclude_inspection", &rec.inspection, &after)
        .await?;
    w.commit().await?;
    let request = DiscloseRequest {
        group: 10,
        title: format!("Kết quả kiểm tra: {}", after.title),
        legal_basis: LEGAL_BASIS.into(),
        decided_on: on,
        source: format!("inspection:{id}"),
    };
    match disclose_result(app, actor, request).await {
        Ok(disclosure_id) => {
            let mut linked = after.clone();
            linked.disclosure_id = Some(disclosure_id);
            let mut w = app.store.begin_write().await?;
            papi_store::inspection::update(&mut w, by, "link_disclosure", &after, &linked).await?;
            w.commit().await?;
            Ok(Concluded {
                disclosure_id: Some(disclosure_id),
                disclosure_error: None,
            })
        }
        Err(e) => Ok(Concluded {
            disclosure_id: None,
            disclosure_error: Some(e.to_string()),
        }),
    }
}

/// The checklist of a check `actor` may see.
pub async fn checklist(app: &App, actor: &Actor, id: i64) -> Result<Vec<Criterion>> {
    let rec = visible(app, actor, id).await?;
    Ok(
        papi_store::inspection::checklist::list(&app.store, actor.commune_id, rec.inspection.id)
            .await?,
    )
}

/// A criterion's evidence file (name, type, content), if `actor` may see its check.
pub async fn evidence(
    app: &App,
    actor: &Actor,
    criterion_id: i64,
) -> Result<(String, String, Vec<u8>)> {
    let (inspection_id, name, content_type, bytes) =
        papi_store::inspection::checklist::file(&app.store, actor.commune_id, criterion_id).await?;
    visible(app, actor, inspection_id).await?;
    Ok((name, content_type, bytes))
}
