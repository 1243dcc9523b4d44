//! One intake for every channel: the officer's register entry, the public form, the split of a
//! mixed letter, duplicates, the second-time complaint, and what the resident is told.

use chrono::Datelike;
use papi_core::voice::intake::{check, likely_duplicates, Fingerprint, IntakeForm};
use papi_core::voice::{redact, Channel, Matter, MatterKind, Requester, Stage};
use papi_core::{Actor, Dimension, Role};
use papi_store::voice::seal::{Identity, SealedFile};
use papi_store::WriteTx;
use rand::Rng;

use crate::error::{Error, Result};
use crate::App;

/// What the officer enters beside the form: classification and routing facts.
#[derive(Debug, Clone, Default)]
pub struct Intake {
    pub form: IntakeForm,
    pub dimension: Option<Dimension>,
    /// The official handling it; for a denunciation the custodian (default: who enters it
    /// when they may handle it, else the chairman).
    pub handler_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub accused_user_ids: Vec<i64>,
    pub against_leadership: bool,
    pub signs_of_crime: bool,
    /// A scan of the signed letter (sealed for a denunciation).
    pub scan: Option<SealedFile>,
}

/// What the receipt shows.
#[derive(Debug, Clone)]
pub struct Receipt {
    pub id: i64,
    pub code: String,
    pub kind: MatterKind,
}

/// Characters of the tracking code: no 0/O, 1/I/L, so it can be read aloud and retyped.
const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

fn new_code(kind: MatterKind, year: i32) -> String {
    let mut rng = rand::rngs::OsRng;
    let tail: String = (0..8)
        .map(|_| CODE_ALPHABET[rng.gen_range(0..CODE_ALPHABET.len())] as char)
        .collect();
    format!("{}-{year}-{tail}", kind.code_prefix())
}

fn field_errors(errors: Vec<papi_core::voice::intake::FieldError>) -> Error {
    Error::Invalid(
        errors
            .into_iter()
            .map(|e| e.message)
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// Enters a matter from any channel, by an official. A denunciation's identity is sealed and
/// its content redacted before anything is stored in the clear.
pub async fn receive(app: &App, actor: &Actor, by: &str, intake: Intake) -> Result<Receipt> {
    let ready = prepare_official(app, actor, intake).await?;
    let mut w = app.store.begin_write().await?;
    let receipt = write(app, &mut w, by, ready).await?;
    w.commit().await?;
    Ok(receipt)
}

/// As [`receive`], inside the caller's write transaction, so what the caller writes beside
/// the matter (a line of the reception register) commits with it or not at all.
pub async fn receive_in(
    app: &App,
    w: &mut WriteTx<'_>,
    by: &str,
    ready: Prepared,
) -> Result<Receipt> {
    write(app, w, by, ready).await
}

/// Checks who enters the matter and what they entered, before any write (the reads it needs
/// happen here, outside the write transaction).
pub async fn prepare_official(app: &App, actor: &Actor, intake: Intake) -> Result<Prepared> {
    let kind = intake.form.kind;
    let allowed = match actor.role {
        Role::Chairman | Role::Office => true,
        // A village head, the one-stop desk and the units bring residents' feedback in;
        // complaints and denunciations go to the office that advises the chairman.
        Role::VillageHead | Role::UnitHead | Role::Officer => kind == Some(MatterKind::Feedback),
        _ => false,
    };
    if !allowed {
        return Err(Error::Forbidden);
    }
    let handler = match (kind, intake.handler_id) {
        (_, Some(h)) => Some(h),
        (Some(MatterKind::Denunciation), None) => Some(actor.user_id),
        _ => None,
    };
    prepare(app, actor.commune_id, Some(actor.user_id), intake, handler).await
}

/// The public form: feedback or a complaint, from a resident without an account. A
/// denunciation must come by letter or in person (Luật Tố cáo Điều 22), so it is refused here.
pub async fn receive_public(
    app: &App,
    commune_id: i64,
    mut form: IntakeForm,
    dimension: Option<Dimension>,
) -> Result<Receipt> {
    form.channel = Some(Channel::WebForm);
    form.received_on = Some(app.today());
    if !matches!(
        form.kind,
        Some(MatterKind::Feedback | MatterKind::Complaint)
    ) {
        return Err(Error::Invalid(
            "Trên biểu mẫu trực tuyến chỉ gửi được phản ánh, kiến nghị hoặc khiếu nại. Tố cáo \
             gửi bằng đơn hoặc trực tiếp tại nơi tiếp công dân (Luật Tố cáo Điều 22)."
                .into(),
        ));
    }
    let intake = Intake {
        form,
        dimension,
        ..Default::default()
    };
    let ready = prepare(app, commune_id, None, intake, None).await?;
    let mut w = app.store.begin_write().await?;
    let receipt = write(app, &mut w, "người dân (biểu mẫu trực tuyến)", ready).await?;
    w.commit().await?;
    Ok(receipt)
}

/// A matter checked and built, with what is to be sealed, ready to be written.
pub struct Prepared {
    matter: Matter,
    identity: Option<Identity>,
    scan: Option<SealedFile>,
}

async fn prepare(
    app: &App,
    commune_id: i64,
    entered_by: Option<i64>,
    intake: Intake,
    handler_id: Option<i64>,
) -> Result<Prepared> {
    check(&intake.form, app.today()).map_err(field_errors)?;
    let f = &intake.form;
    let kind = f.kind.expect("checked");
    if let Some(v) = f.village_id {
        let villages = papi_store::org::villages(&app.store, commune_id).await?;
        if !villages.iter().any(|x| x.id == v) {
            return Err(Error::Invalid("Thôn được chọn không thuộc xã.".into()));
        }
    }
    let received_on = f.received_on.expect("checked");
    let sealed = kind == MatterKind::Denunciation;
    if sealed && !app.store.can_seal() {
        return Err(Error::Invalid(
            "Máy chủ chưa có khóa niêm phong danh tính người tố cáo; không thể tiếp nhận tố cáo."
                .into(),
        ));
    }
    let identity = Identity {
        name: f.requester.name.trim().to_string(),
        address: f.requester.address.trim().to_string(),
        id_number: f.requester.id_number.trim().to_string(),
        phone: f.requester.phone.trim().to_string(),
        email: f.requester.email.trim().to_string(),
        original_text: f.content.clone(),
    };
    let hide = [
        identity.name.as_str(),
        identity.address.as_str(),
        identity.id_number.as_str(),
        identity.phone.as_str(),
        identity.email.as_str(),
    ];
    let m = Matter {
        id: 0,
        commune_id,
        code: String::new(),
        kind,
        channel: f.channel.expect("checked"),
        round: 1,
        received_on,
        title: if sealed {
            redact(f.title.trim(), &hide)
        } else {
            f.title.trim().to_string()
        },
        content: if sealed {
            redact(f.content.trim(), &hide)
        } else {
            f.content.trim().to_string()
        },
        village_id: f.village_id,
        place: f.place.trim().to_string(),
        dimension: intake.dimension,
        portal_code: f.portal_code.trim().to_uppercase(),
        referrer: f.referrer.trim().to_string(),
        stage: Stage::Received,
        flags: Default::default(),
        unit_id: intake.unit_id,
        handler_id,
        entered_by,
        parent_id: None,
        duplicate_of: None,
        requester: if sealed {
            Requester::default()
        } else {
            Requester {
                name: f.requester.name.trim().to_string(),
                address: f.requester.address.trim().to_string(),
                phone: f.requester.phone.trim().to_string(),
                email: f.requester.email.trim().to_string(),
                id_number: f.requester.id_number.trim().to_string(),
            }
        },
        publish_consent: f.publish_consent && kind == MatterKind::Feedback,
        answer: String::new(),
        rating: None,
        accused_user_ids: intake.accused_user_ids.clone(),
        respondent: f.respondent.trim().to_string(),
        against_leadership: intake.against_leadership,
        signs_of_crime: intake.signs_of_crime,
    };
    Ok(Prepared {
        matter: m,
        identity: sealed.then_some(identity),
        scan: if sealed { intake.scan } else { None },
    })
}

/// Writes a prepared matter, its sealed identity and its acknowledgement mail in `w`.
async fn write(app: &App, w: &mut WriteTx<'_>, by: &str, ready: Prepared) -> Result<Receipt> {
    let Prepared {
        matter: mut m,
        identity,
        scan,
    } = ready;
    m.code = loop {
        let c = new_code(m.kind, m.received_on.year());
        if !papi_store::voice::code_taken(w, &c).await? {
            break c;
        }
    };
    let id = papi_store::voice::insert(w, by, &m).await?;
    m.id = id;
    if let Some(identity) = &identity {
        papi_store::voice::seal::put_identity(w, m.commune_id, id, identity).await?;
        if let Some(scan) = &scan {
            papi_store::voice::seal::put_file(w, m.commune_id, id, scan).await?;
        }
    }
    super::notify::received(app, w, &m).await?;
    Ok(Receipt {
        id,
        code: m.code,
        kind: m.kind,
    })
}

/// The part of a mixed letter that becomes a matter of its own.
#[derive(Debug, Clone)]
pub struct SplitPart {
    pub kind: MatterKind,
    pub title: String,
    pub content: String,
    /// Who or what the part complains about or denounces (empty: as in the letter).
    pub respondent: String,
}

/// Splits part of a mixed letter into a matter of another kind, linked to it. A denunciation
/// split off gets its own sealed identity and no visible link (the link would name the
/// denouncer); the link is kept inside the sealed record.
pub async fn split(
    app: &App,
    actor: &Actor,
    by: &str,
    from_id: i64,
    part: &SplitPart,
) -> Result<Receipt> {
    let SplitPart {
        kind,
        title,
        content,
        respondent,
    } = part;
    let kind = *kind;
    let from = papi_store::voice::get(&app.store, actor.commune_id, from_id).await?;
    if !papi_core::voice::identity::can_handle(actor, &from) {
        return Err(Error::Forbidden);
    }
    if from.kind == MatterKind::Denunciation {
        return Err(Error::Invalid(
            "Không tách từ một tố cáo: danh tính người tố cáo đã được niêm phong.".into(),
        ));
    }
    if kind == from.kind {
        return Err(Error::Invalid(
            "Phần tách ra phải thuộc loại khác với đơn gốc.".into(),
        ));
    }
    let form = IntakeForm {
        kind: Some(kind),
        channel: Some(
            if from.channel == Channel::WebForm && kind == MatterKind::Denunciation {
                Channel::Letter
            } else {
                from.channel
            },
        ),
        received_on: Some(from.received_on),
        title: title.clone(),
        content: if kind == MatterKind::Denunciation {
            format!("{content}\n(Tách từ đơn {})", from.code)
        } else {
            content.clone()
        },
        requester: from.requester.clone(),
        village_id: from.village_id,
        place: from.place.clone(),
        portal_code: String::new(),
        referrer: from.referrer.clone(),
        respondent: if respondent.trim().is_empty() {
            from.respondent.clone()
        } else {
            respondent.trim().to_string()
        },
        publish_consent: false,
    };
    let intake = Intake {
        form,
        dimension: from.dimension,
        handler_id: Some(actor.user_id),
        ..Default::default()
    };
    let receipt = receive(app, actor, by, intake).await?;
    if kind != MatterKind::Denunciation {
        link_parent(app, by, actor.commune_id, receipt.id, from.id).await?;
    }
    Ok(receipt)
}

async fn link_parent(app: &App, by: &str, commune_id: i64, id: i64, parent: i64) -> Result<()> {
    let m = papi_store::voice::get(&app.store, commune_id, id).await?;
    let mut w = app.store.begin_write().await?;
    papi_store::voice::set_parent(&mut w, by, &m, parent).await?;
    w.commit().await?;
    Ok(())
}

/// The second-time complaint after an appeal: a linked matter of round 2. From 01/07/2026 it
/// is resolved by the provincial chairman; the commune keeps the link and its own file.
pub(crate) async fn open_second_round(
    app: &App,
    w: &mut WriteTx<'_>,
    by: &str,
    first: &Matter,
    on: chrono::NaiveDate,
) -> Result<()> {
    let mut m = first.clone();
    m.id = 0;
    m.round = 2;
    m.received_on = on;
    m.stage = Stage::Received;
    m.parent_id = Some(first.id);
    m.answer = String::new();
    m.rating = None;
    m.flags = Default::default();
    m.code = loop {
        let c = new_code(MatterKind::Complaint, on.year());
        if !papi_store::voice::code_taken(w, &c).await? {
            break c;
        }
    };
    let _ = app;
    papi_store::voice::insert(w, by, &m).await?;
    Ok(())
}

/// Earlier open matters this one likely repeats (the same person about the same place or
/// subject, or the same portal code), for the officer to link.
pub(crate) async fn duplicates_of(
    app: &App,
    actor: &Actor,
    m: &Matter,
) -> Result<Vec<(i64, String)>> {
    let all = papi_store::voice::list(&app.store, actor.commune_id).await?;
    let fp = |x: &Matter| Fingerprint {
        id: x.id,
        kind: x.kind,
        person: x.requester.clone(),
        village_id: x.village_id,
        place: x.place.clone(),
        title: x.title.clone(),
        portal_code: x.portal_code.clone(),
    };
    let earlier: Vec<Fingerprint> = all
        .iter()
        .filter(|x| x.id != m.id && x.received_on <= m.received_on && x.stage != Stage::Duplicate)
        .filter(|x| papi_core::voice::can_view(actor, x) != papi_core::voice::Visibility::None)
        .map(fp)
        .collect();
    let ids = likely_duplicates(&fp(m), &earlier);
    Ok(all
        .into_iter()
        .filter(|x| ids.contains(&x.id))
        .map(|x| (x.id, format!("{} — {}", x.code, x.title)))
        .collect())
}
