//! A check's checklist filled on a phone with ODK Collect / KoboCollect: the checks of the
//! commune from their day until their conclusion are served beside the surveys' forms, to the
//! commune's field accounts; a
//! submission saves the verdicts, notes and photos as the web page does, under the same rules.

use papi_core::collect::{md5_hex, SubmissionStatus};
use papi_core::inspection::visibility::on_phones;
use papi_docs::inspection::{checklist_form, read_checklist};
use papi_docs::survey::{write_xform, SubmittedInstance};
use papi_store::collect::{Enumerator, NewFile};
use papi_store::inspection::checklist::File;

use super::check::{store_checklist, CriterionInput};
use crate::collect::{unrecorded, OpenForm, Outcome};
use crate::error::{Error, Result};
use crate::App;

/// The checklists of the commune's checks due on phones today, as XForms.
pub async fn open_checklist_forms(app: &App, commune_id: i64) -> Result<Vec<OpenForm>> {
    let mut out = Vec::new();
    for i in papi_store::inspection::list(&app.store, commune_id, None).await? {
        if !on_phones(&i, app.today()) {
            continue;
        }
        let criteria: Vec<(i64, String)> =
            papi_store::inspection::checklist::list(&app.store, commune_id, i.id)
                .await?
                .into_iter()
                .map(|c| (c.id, c.text))
                .collect();
        if criteria.is_empty() {
            continue;
        }
        // the version follows the criteria, so phones fetch the form again when they change
        let texts: Vec<String> = criteria
            .iter()
            .map(|(id, t)| format!("{id}\t{t}"))
            .collect();
        let version = md5_hex(texts.join("\n").as_bytes())[..10].to_string();
        let form = checklist_form(i.id, &i.title, &version, &criteria);
        let xml = write_xform(&form);
        out.push(OpenForm {
            form_id: form.form_id,
            title: form.title,
            version,
            hash: format!("md5:{}", md5_hex(xml.as_bytes())),
            xml,
        });
    }
    Ok(out)
}

/// Saves a checklist sent from a phone: each verdict checked, each photo the one the form
/// names. Sending the same checklist again saves the same values (nothing is duplicated).
pub async fn submit_checklist(
    app: &App,
    commune_id: i64,
    enumerator: &Enumerator,
    inspection_id: i64,
    inst: &SubmittedInstance,
    files: Vec<NewFile>,
) -> Result<Outcome> {
    let inspection = match papi_store::inspection::get(&app.store, commune_id, inspection_id).await
    {
        Ok(i) => i,
        Err(papi_store::StoreError::NotFound) => {
            return Ok(unrecorded(
                SubmissionStatus::Rejected,
                format!(
                    "Biểu mẫu “{}” không có trong các cuộc kiểm tra của xã.",
                    inst.form_id
                ),
                404,
            ))
        }
        Err(e) => return Err(e.into()),
    };
    if inspection.concluded_on.is_none() && !on_phones(&inspection, app.today()) {
        return Ok(unrecorded(
            SubmissionStatus::Rejected,
            "Bảng kiểm tra này chưa được gửi ra máy (chưa đến ngày kiểm tra).".into(),
            403,
        ));
    }
    let answers = read_checklist(&inst.answers);
    let mut rows = Vec::new();
    let mut evidence = Vec::new();
    for a in &answers {
        rows.push(CriterionInput {
            id: a.id,
            text: String::new(),
            verdict: a.verdict.clone(),
            note: a.note.clone(),
        });
        if let Some(photo) = &a.photo {
            if let Some(f) = files.iter().find(|f| &f.name == photo) {
                evidence.push((
                    a.id,
                    File {
                        name: f.name.clone(),
                        content_type: f.content_type.clone(),
                        content: f.content.clone(),
                    },
                ));
            }
        }
    }
    let by = format!("odk:{}", enumerator.login);
    match store_checklist(app, &inspection, &by, rows, evidence).await {
        Ok(()) => Ok(unrecorded(
            SubmissionStatus::Accepted,
            format!("Đã lưu bảng kiểm tra “{}”.", inspection.title),
            201,
        )),
        Err(Error::Invalid(why)) => Ok(unrecorded(SubmissionStatus::Rejected, why, 400)),
        Err(e) => Err(e),
    }
}
