//! What is e-mailed about a matter, queued in the transaction of the step that causes it: the
//! acknowledgement with the tracking code and the answer to a resident who gave an address,
//! and the assignment to the officials who must act. Never anything about a denunciation to
//! its denouncer (no address of a denouncer is kept in the clear) and never the content of a
//! denunciation to anyone: only its code and the step.

use papi_core::clock::format_date;
use papi_core::mail::MailKind;
use papi_core::voice::{Matter, MatterKind, MatterStep, StepKind};
use papi_core::Role;
use papi_store::WriteTx;

use crate::error::Result;
use crate::App;

async fn commune_name(app: &App, commune_id: i64) -> Result<String> {
    Ok(papi_store::org::commune(&app.store, commune_id)
        .await?
        .full_name())
}

/// A resident's address, when one may be written to about this matter.
fn resident_address(m: &Matter) -> Option<&str> {
    let addr = m.requester.email.trim();
    (m.kind != MatterKind::Denunciation && !addr.is_empty()).then_some(addr)
}

/// The acknowledgement, with the tracking code.
pub(crate) async fn received(app: &App, w: &mut WriteTx<'_>, m: &Matter) -> Result<()> {
    let Some(addr) = resident_address(m) else {
        return Ok(());
    };
    let commune = commune_name(app, m.commune_id).await?;
    let subject = format!(
        "{commune} đã tiếp nhận {} — mã {}",
        m.kind.label().to_lowercase(),
        m.code
    );
    let body = format!(
        "Kính gửi {who},\n\n{commune} đã tiếp nhận {kind} của Ông/Bà ngày {on}:\n«{title}»\n\n\
         Mã theo dõi: {code}\n\nÔng/Bà xem tiến độ và câu trả lời trên cổng thông tin của xã, \
         mục “Theo dõi bằng mã”, với mã trên.\n\nThư này được gửi tự động; xin không trả lời thư.",
        who = if m.requester.name.trim().is_empty() {
            "Ông/Bà"
        } else {
            m.requester.name.trim()
        },
        kind = m.kind.label().to_lowercase(),
        on = format_date(m.received_on),
        title = m.title,
        code = m.code,
    );
    let key = format!("voice-ack-{}", m.code);
    crate::mail::to_address(
        w,
        m.commune_id,
        addr,
        MailKind::ResidentAck,
        &subject,
        &body,
        Some(&key),
    )
    .await
    .map(|_| ())
    .or_else(|e| match e {
        // An address the intake accepted but the mail rules refuse: the matter stands.
        crate::Error::Invalid(_) => Ok(()),
        e => Err(e),
    })
}

/// After a step: the resident hears of an answer, a decision, a refusal or a transfer; the
/// officials given the matter hear that they have it.
pub(crate) async fn step(app: &App, w: &mut WriteTx<'_>, m: &Matter, s: &MatterStep) -> Result<()> {
    let commune = commune_name(app, m.commune_id).await?;
    if let Some(addr) = resident_address(m) {
        let what = match s.kind {
            StepKind::Answer => Some("đã có câu trả lời"),
            StepKind::Accept => Some("đã được thụ lý"),
            StepKind::Decide => Some("đã có quyết định giải quyết"),
            StepKind::Refuse => Some("không được thụ lý"),
            StepKind::Transfer => Some("đã được chuyển đến cơ quan có thẩm quyền"),
            _ => None,
        };
        if let Some(what) = what {
            let subject = format!("{} {} {what}", m.kind.label(), m.code);
            let body = format!(
                "{commune} thông báo: {kind} mã {code} («{title}») {what} ngày {on}.\n\n{text}\n\n\
                 Xem chi tiết trên cổng thông tin của xã, mục “Theo dõi bằng mã”.",
                kind = m.kind.label(),
                code = m.code,
                title = m.title,
                on = format_date(s.on),
                text = s.text,
            );
            let key = format!("voice-{}-{}", s.kind.code(), m.code);
            let _ = crate::mail::to_address(
                w,
                m.commune_id,
                addr,
                MailKind::ResidentNotice,
                &subject,
                &body,
                Some(&key),
            )
            .await;
        }
    }
    if matches!(s.kind, StepKind::Assign | StepKind::Verify) {
        let users = papi_store::org::users(&app.store, m.commune_id).await?;
        let given = users.iter().filter(|u| {
            u.active
                && !m.accused_user_ids.contains(&u.id)
                && ((m.unit_id.is_some()
                    && u.unit_id == m.unit_id
                    && matches!(u.role, Role::UnitHead | Role::Officer))
                    || (m.kind != MatterKind::Denunciation && m.handler_id == Some(u.id)))
        });
        let subject = format!("Được giao: {} {}", m.kind.label().to_lowercase(), m.code);
        let body = if m.kind == MatterKind::Denunciation {
            format!(
                "{commune}: đơn vị của Ông/Bà được giao xác minh tố cáo mã {}. Mở papi, mục \
                 “Ý kiến người dân”, để xem bản đã che thông tin người tố cáo.",
                m.code
            )
        } else {
            format!(
                "{commune}: Ông/Bà được giao xử lý {} mã {} — «{}». Mở papi, mục “Ý kiến người \
                 dân”, để xem hồ sơ và thời hạn.",
                m.kind.label().to_lowercase(),
                m.code,
                m.title
            )
        };
        for u in given {
            crate::mail::to_user(w, app, u.id, MailKind::Assignment, &subject, &body).await?;
        }
    }
    Ok(())
}
