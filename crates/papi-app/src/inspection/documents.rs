//! "Thông báo kết quả kiểm tra" of a concluded check, as papi-docs prints it, with the
//! commune's letterhead signed by its chairman.

use papi_core::Actor;
use papi_core::Role;
use papi_docs::decree30::{write_docx, Signature};
use papi_docs::inspection::{notice, CriterionLine, FindingLine, NoticeData};
use papi_docs::reports::Letterhead;

use super::visible;
use crate::error::{Error, Result};
use crate::App;

/// The notice's DOCX; refused for a check not concluded yet (there is no result to notify).
pub async fn notice_docx(app: &App, actor: &Actor, id: i64) -> Result<Vec<u8>> {
    let rec = visible(app, actor, id).await?;
    let i = &rec.inspection;
    let (Some(held_on), Some(concluded_on)) = (i.held_on, i.concluded_on) else {
        return Err(Error::Invalid(
            "Cuộc kiểm tra chưa kết luận: chưa có kết quả để thông báo.".into(),
        ));
    };
    let commune = papi_store::org::commune(&app.store, actor.commune_id).await?;
    let chairman = papi_store::org::users(&app.store, commune.id)
        .await?
        .into_iter()
        .find(|u| u.role == Role::Chairman && u.active)
        .map(|u| u.full_name)
        .unwrap_or_default();
    let kind = commune.kind.label();
    let head = Letterhead {
        issuer_parent: format!("UBND TỈNH {}", commune.province.to_uppercase()),
        issuer: format!(
            "ỦY BAN NHÂN DÂN {} {}",
            kind.to_uppercase(),
            commune.name.to_uppercase()
        ),
        issuer_short: format!("UBND {}", commune.full_name()),
        place: commune.name.clone(),
        recipients: vec![
            i.target_name.clone(),
            "Ủy ban MTTQ Việt Nam xã, Ban Thanh tra nhân dân".into(),
            "Niêm yết tại trụ sở UBND xã".into(),
            "Lưu: VT".into(),
        ],
        signature: Signature {
            authority: "TM. ỦY BAN NHÂN DÂN".into(),
            position: "CHỦ TỊCH".into(),
            deputy: false,
            signer_name: chairman,
        },
    };
    let criteria =
        papi_store::inspection::checklist::list(&app.store, actor.commune_id, id).await?;
    let data = NoticeData {
        head,
        number: "…/TB-UBND".into(),
        date: concluded_on,
        target: i.target_name.clone(),
        mode: i.mode.label().to_lowercase(),
        subject: i.checklist.label().to_string(),
        held_on,
        inspector: i.inspector.clone(),
        criteria: criteria
            .iter()
            .map(|c| CriterionLine {
                text: c.text.clone(),
                verdict: c.verdict.label().to_string(),
                note: c.note.clone(),
            })
            .collect(),
        conclusion: i
            .conclusion
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
        findings: rec
            .findings
            .iter()
            .map(|(f, rc)| FindingLine {
                text: f.text.clone(),
                owner: f.owner_name.clone(),
                due: f.due,
                status: f.status(rc).label().to_string(),
            })
            .collect(),
    };
    write_docx(&notice(&data)).map_err(|e| Error::Internal(anyhow::anyhow!("{e}")))
}
