//! Field collection with ODK Collect / KoboCollect as use cases: the forms out for fieldwork
//! (as XForms), enumerators' accounts and their sign-in, and one submission taken in — read,
//! checked as imported answers are, decided by `papi_core::collect::decide`, stored with its
//! attachments, and counted in the survey's results when accepted.

use papi_core::collect::{
    check_login, decide, md5_hex, parse_digest, verify_digest, village_allowed, Decision,
    DigestRefusal, FieldWindow, SubmissionFacts, SubmissionStatus,
};
use papi_core::text::fold;
use papi_core::Commune;
use papi_docs::inspection::checklist_of_form;
use papi_docs::survey::{
    parse_answers, read_submission, write_xform, SurveyForm, AGE_BAND, VILLAGE,
};
use papi_store::collect::{self as store, Enumerator, NewFile, Received};
use papi_store::survey::{self as survey_store, Response, SurveyRecord};

use crate::error::{Error, Result};
use crate::survey::parse_form;
use crate::App;

/// A form out for fieldwork, as ODK Collect downloads it.
#[derive(Debug, Clone)]
pub struct OpenForm {
    /// The XForm's id: the questionnaire's `form_id` and the survey's id (one form per survey),
    /// or a check's checklist form id.
    pub form_id: String,
    pub title: String,
    pub version: String,
    pub xml: String,
    /// `md5:` and the MD5 of `xml`.
    pub hash: String,
}

/// The id a survey's form carries on phones.
pub fn served_id(form: &SurveyForm, survey_id: i64) -> String {
    format!("{}_{}", form.form_id, survey_id)
}

async fn village_names(app: &App, commune_id: i64) -> Result<Vec<String>> {
    Ok(papi_store::org::villages(&app.store, commune_id)
        .await?
        .into_iter()
        .map(|v| v.name)
        .collect())
}

/// The form of a survey as served: the commune's villages in the `village` list, its id
/// made unique per survey.
async fn served_form(app: &App, sv: &SurveyRecord) -> Result<SurveyForm> {
    let mut form = parse_form(sv)?;
    form.set_villages(&village_names(app, sv.commune_id).await?);
    form.form_id = served_id(&form, sv.id);
    Ok(form)
}

fn open_form(form: &SurveyForm) -> OpenForm {
    let xml = write_xform(form);
    OpenForm {
        form_id: form.form_id.clone(),
        title: form.title.clone(),
        version: form.version.clone(),
        hash: format!("md5:{}", md5_hex(xml.as_bytes())),
        xml,
    }
}

/// The commune's surveys open for fieldwork today and the checklists of its checks not yet
/// concluded, as XForms.
pub async fn open_forms(app: &App, commune_id: i64) -> Result<Vec<OpenForm>> {
    let mut out = Vec::new();
    for sv in survey_store::surveys(&app.store, commune_id).await? {
        let (o, c) = store::window(&app.store, sv.id).await?;
        if !FieldWindow::from_stored(&o, &c).is_open(app.today()) {
            continue;
        }
        let form = served_form(app, &sv).await?;
        out.push(open_form(&form));
    }
    out.extend(crate::inspection::field::open_checklist_forms(app, commune_id).await?);
    Ok(out)
}

/// One open form by its served id.
pub async fn open_form_by_id(app: &App, commune_id: i64, form_id: &str) -> Result<OpenForm> {
    open_forms(app, commune_id)
        .await?
        .into_iter()
        .find(|f| f.form_id == form_id)
        .ok_or(Error::NotFound)
}

/// Creates an enumerator: the login checked, the password strong enough, the villages the
/// commune's own.
pub async fn create_enumerator(
    app: &App,
    commune_id: i64,
    actor: &str,
    login: &str,
    name: &str,
    villages: &[String],
    password: &str,
) -> Result<i64> {
    let login = login.trim().to_lowercase();
    check_login(&login).map_err(Error::Invalid)?;
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::Invalid("Cần họ và tên điều tra viên.".into()));
    }
    if password.chars().count() < 10 {
        return Err(Error::Invalid(
            "Mật khẩu của điều tra viên cần ít nhất 10 ký tự.".into(),
        ));
    }
    let known = village_names(app, commune_id).await?;
    let mut chosen = Vec::new();
    for v in villages.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
        match known.iter().find(|k| fold(k) == fold(v)) {
            Some(k) => chosen.push(k.clone()),
            None => {
                return Err(Error::Invalid(format!(
                    "Thôn, tổ dân phố “{v}” không có trong danh sách của xã."
                )))
            }
        }
    }
    let mut tx = app.store.begin_write().await?;
    let id = store::insert_enumerator(&mut tx, actor, commune_id, &login, name, &chosen, password)
        .await?;
    tx.commit().await?;
    Ok(id)
}

/// Turns an enumerator's account on or off.
pub async fn set_active(
    app: &App,
    commune_id: i64,
    actor: &str,
    id: i64,
    active: bool,
) -> Result<()> {
    let mut tx = app.store.begin_write().await?;
    store::set_active(&mut tx, actor, commune_id, id, active).await?;
    tx.commit().await?;
    Ok(())
}

/// The outcome of checking an Authorization header.
#[derive(Debug)]
pub enum SignIn {
    Ok(Enumerator),
    /// Challenge again with `stale=true`: not a failed attempt.
    Stale,
    /// Refused (counted as a failed sign-in); `wait` seconds of lockout when non-zero.
    Refused {
        wait: i64,
    },
}

fn throttle_key(commune: &Commune, login: &str) -> String {
    format!("odk:{}:{login}", commune.gso_code)
}

/// Checks a Digest Authorization header for `method request_uri`.
pub async fn sign_in_digest(
    app: &App,
    commune: &Commune,
    header: &str,
    method: &str,
    request_uri: &str,
    address: &str,
    now: i64,
) -> Result<SignIn> {
    let Some(p) = parse_digest(header) else {
        return Ok(SignIn::Refused { wait: 0 });
    };
    let key = throttle_key(commune, &p.username);
    let wait = papi_store::login::wait(&app.store, &key, address, now).await?;
    if wait > 0 {
        return Ok(SignIn::Refused { wait });
    }
    let nonce_key = store::nonce_key(&app.store).await?;
    let found = store::by_login(&app.store, commune.id, &p.username).await?;
    let verdict = match &found {
        Some((e, ha1, _)) if e.active => {
            verify_digest(&nonce_key, &p, ha1, method, request_uri, now)
        }
        _ => Err(DigestRefusal::Wrong),
    };
    match verdict {
        Ok(()) => {
            papi_store::login::clear(&app.store, &key).await?;
            Ok(SignIn::Ok(found.expect("verified").0))
        }
        Err(DigestRefusal::Stale) => Ok(SignIn::Stale),
        Err(DigestRefusal::Wrong) => {
            let wait = papi_store::login::record_failure(&app.store, &key, address, now).await?;
            Ok(SignIn::Refused { wait })
        }
    }
}

/// Checks Basic credentials (the caller has made sure the request came over HTTPS).
pub async fn sign_in_basic(
    app: &App,
    commune: &Commune,
    login: &str,
    password: &str,
    address: &str,
    now: i64,
) -> Result<SignIn> {
    let key = throttle_key(commune, login);
    let wait = papi_store::login::wait(&app.store, &key, address, now).await?;
    if wait > 0 {
        return Ok(SignIn::Refused { wait });
    }
    let found = store::by_login(&app.store, commune.id, login).await?;
    let ok = match &found {
        Some((e, _, hash)) if e.active => store::password_matches(password, hash).await,
        _ => false,
    };
    if ok {
        papi_store::login::clear(&app.store, &key).await?;
        return Ok(SignIn::Ok(found.expect("checked").0));
    }
    let wait = papi_store::login::record_failure(&app.store, &key, address, now).await?;
    Ok(SignIn::Refused { wait })
}

/// The Digest challenge to send, with a fresh nonce.
pub async fn challenge(app: &App, now: i64, stale: bool) -> Result<String> {
    let key = store::nonce_key(&app.store).await?;
    Ok(papi_core::collect::challenge(&key, now, stale))
}

/// What one post of a submission gives.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub decision: Decision,
    /// The stored submission, when it could be tied to a survey.
    pub submission_id: Option<i64>,
}

/// An answer to a post that stored no submission row.
pub(crate) fn unrecorded(status: SubmissionStatus, reason: String, http: u16) -> Outcome {
    Outcome {
        decision: Decision {
            status,
            reason,
            http,
        },
        submission_id: None,
    }
}

fn refused(reason: String, http: u16) -> Outcome {
    unrecorded(SubmissionStatus::Rejected, reason, http)
}

/// Takes in one post of a submission from `enumerator`: its XML, its attachments and whether
/// more posts follow.
pub async fn submit(
    app: &App,
    commune: &Commune,
    enumerator: &Enumerator,
    xml: &[u8],
    files: Vec<NewFile>,
    more_to_come: bool,
) -> Result<Outcome> {
    let inst = match read_submission(xml) {
        Ok(i) => i,
        Err(e) => return Ok(refused(e, 400)),
    };
    // The survey whose served form this answers (closed ones too: late posts are recorded).
    let mut found = None;
    for sv in survey_store::surveys(&app.store, commune.id).await? {
        let Ok(form) = parse_form(&sv) else { continue };
        if served_id(&form, sv.id) == inst.form_id {
            found = Some((sv, form));
            break;
        }
    }
    if let (None, Some(check)) = (&found, checklist_of_form(&inst.form_id)) {
        return crate::inspection::field::submit_checklist(
            app, commune.id, enumerator, check, &inst, files,
        )
        .await;
    }
    let Some((sv, mut form)) = found else {
        return Ok(refused(
            format!(
                "Biểu mẫu “{}” không có trong các cuộc khảo sát của xã.",
                inst.form_id
            ),
            404,
        ));
    };
    let villages = village_names(app, commune.id).await?;
    form.set_villages(&villages);
    let xml_text = String::from_utf8_lossy(xml).into_owned();
    let standing = store::standing(&app.store, sv.id, &inst.instance_id).await?;
    let (earlier, continues) = match &standing {
        Some(s) if s.status == SubmissionStatus::Incomplete => (None, Some(s.id)),
        Some(s) => (Some(s.xml == xml_text), Some(s.id)),
        None if store::response_exists(&app.store, sv.id, &inst.instance_id).await? => {
            (Some(true), None)
        }
        None => (None, None),
    };
    let answer = |name: &str| {
        inst.answers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    // The answer's village: the choice's label (the commune's name for it), or the raw value.
    let raw_village = answer(VILLAGE);
    let village = form
        .list(VILLAGE)
        .and_then(|l| l.choices.iter().find(|c| c.name == raw_village))
        .map(|c| c.label.clone())
        .unwrap_or_else(|| raw_village.clone());
    let (o, c) = store::window(&app.store, sv.id).await?;
    let checked = parse_answers(&form, &inst.answers, &villages, &sv.age_bands);
    let answers_verdict = match &checked {
        Ok(_) => Ok(()),
        Err(es) => Err(es
            .iter()
            .map(|e| {
                e.to_string()
                    .replace("Cột `", "Câu hỏi `")
                    .replace("cột `", "câu hỏi `")
            })
            .collect::<Vec<_>>()
            .join("; ")),
    };
    let decision = decide(SubmissionFacts {
        earlier,
        more_to_come,
        window: FieldWindow::from_stored(&o, &c).admits(app.today()),
        village: village_allowed(&enumerator.villages, &village),
        answers: answers_verdict,
    });
    let response = match (&checked, decision.status) {
        (Ok(parsed), SubmissionStatus::Accepted) => {
            let n_age = sv.age_bands.len().max(1);
            Some(Response {
                uuid: inst.instance_id.clone(),
                village: villages
                    .get(parsed.village)
                    .cloned()
                    .unwrap_or(village.clone()),
                sex: if parsed.cell / n_age == 1 {
                    "M".into()
                } else {
                    "F".into()
                },
                age_band: sv
                    .age_bands
                    .get(parsed.cell % n_age)
                    .cloned()
                    .unwrap_or_else(|| answer(AGE_BAND)),
                submitted_at: papi_store::now_utc(),
                answers: inst
                    .answers
                    .iter()
                    .filter(|(_, v)| !v.is_empty())
                    .cloned()
                    .collect(),
                scores: parsed
                    .scores
                    .iter()
                    .map(|x| (!x.is_nan()).then_some(*x))
                    .collect(),
                complete: true,
            })
        }
        _ => None,
    };
    // A continuation updates the waiting row; a duplicate is a row of its own, and the
    // files an identical repeat brings join the accepted one.
    let (row_continues, files_to) = match decision.status {
        SubmissionStatus::Duplicate => (None, continues),
        _ => (continues, None),
    };
    let mut tx = app.store.begin_write().await?;
    let id = store::record(
        &mut tx,
        Received {
            commune_id: commune.id,
            survey_id: sv.id,
            instance_id: &inst.instance_id,
            enumerator: &enumerator.login,
            status: decision.status,
            reason: &decision.reason,
            village: &village,
            xml: &xml_text,
            continues: row_continues,
            files: &files,
            response: response.as_ref(),
        },
    )
    .await?;
    if let (SubmissionStatus::Duplicate, Some(earlier_id), true) =
        (decision.status, files_to, decision.http == 201)
    {
        store::add_files(&mut tx, commune.id, earlier_id, &files).await?;
    }
    tx.commit().await?;
    Ok(Outcome {
        decision,
        submission_id: Some(id),
    })
}
