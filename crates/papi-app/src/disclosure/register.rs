//! The staff register: the list with each entry's standing, one entry with its forms, files
//! and versions, and the writes — open an entry with its document, record a form (with its
//! photo), add a photo, disclose a changed content again, take an entry down. Inputs arrive as
//! typed; every refusal names the field in Vietnamese.

use chrono::NaiveDate;
use papi_calendar::Deadline;
use papi_core::disclosure::check::{publish_deadline, published_on};
use papi_core::disclosure::entry::{validate_entry, validate_form};
use papi_core::disclosure::{
    can_record_form, can_register, check, Disclosure, DisclosureState, Finding, Form, FormKind,
    Standing, Topic,
};
use papi_core::text::limits;
use papi_core::Actor;
use papi_store::disclosure::{FileMeta, NewFile};

use crate::error::{Error, Result};
use crate::voice::reception::{parse_day, required_day};
use crate::App;

/// The largest document or photo accepted, in bytes.
pub const MAX_FILE: usize = 10 * 1024 * 1024;

/// An entry with its forms and the law's judgement today.
#[derive(Debug, Clone)]
pub struct Judged {
    pub entry: Disclosure,
    pub forms: Vec<Form>,
    /// Loudspeaker days logged in the outreach log for this entry.
    pub outreach_days: Vec<NaiveDate>,
    pub findings: Vec<Finding>,
    pub standing: Standing,
    pub deadline: Deadline,
    pub published_on: Option<NaiveDate>,
}

/// The commune's villages as (id, name).
pub(crate) async fn villages(app: &App, commune_id: i64) -> Result<Vec<(i64, String)>> {
    Ok(papi_store::org::villages(&app.store, commune_id)
        .await?
        .into_iter()
        .map(|v| (v.id, v.name))
        .collect())
}

fn judge(
    app: &App,
    entry: Disclosure,
    forms: Vec<Form>,
    outreach_days: Vec<NaiveDate>,
    villages: &[(i64, String)],
) -> Judged {
    let cal = app.calendar();
    let findings = check(&entry, &forms, &outreach_days, villages, &cal, app.today());
    let standing = Standing::of(&entry, &findings);
    let deadline = publish_deadline(&entry, &cal);
    let published_on = published_on(&forms, &outreach_days);
    Judged {
        entry,
        forms,
        outreach_days,
        findings,
        standing,
        deadline,
        published_on,
    }
}

/// Every entry of the commune, every version, judged today.
pub(crate) async fn judge_commune(app: &App, commune_id: i64) -> Result<Vec<Judged>> {
    let entries = papi_store::disclosure::list(&app.store, commune_id).await?;
    let all_forms = papi_store::disclosure::all_forms(&app.store, commune_id).await?;
    let villages = villages(app, commune_id).await?;
    let mut days = crate::outreach::loudspeaker_days_by_disclosure(app, commune_id).await?;
    let mut forms_of: std::collections::HashMap<i64, Vec<Form>> = std::collections::HashMap::new();
    for f in all_forms {
        forms_of.entry(f.disclosure_id).or_default().push(f);
    }
    let mut out = Vec::with_capacity(entries.len());
    for e in entries {
        let forms = forms_of.remove(&e.id).unwrap_or_default();
        let days = days.remove(&e.id).unwrap_or_default();
        out.push(judge(app, e, forms, days, &villages));
    }
    Ok(out)
}

/// What the register page filters on; empty means all.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub group: Option<u8>,
    pub village_id: Option<i64>,
    /// Show replaced versions too.
    pub all_versions: bool,
}

/// The register of the actor's commune, filtered.
pub async fn list(app: &App, actor: &Actor, filter: &Filter) -> Result<Vec<Judged>> {
    let all = judge_commune(app, actor.commune_id).await?;
    Ok(all
        .into_iter()
        .filter(|j| filter.all_versions || j.entry.state != DisclosureState::Replaced)
        .filter(|j| filter.group.is_none_or(|g| g == j.entry.group))
        .filter(|j| {
            filter.village_id.is_none_or(|v| {
                j.entry.village_id.is_none_or(|x| x == v)
                    || j.forms.iter().any(|f| f.village_id == Some(v))
            })
        })
        .collect())
}

/// One entry with what its page shows.
#[derive(Debug, Clone)]
pub struct EntryView {
    pub judged: Judged,
    pub files: Vec<FileMeta>,
    /// The other versions of the same content, oldest first.
    pub versions: Vec<Disclosure>,
    pub villages: Vec<(i64, String)>,
    pub can_register: bool,
}

/// One entry of the actor's commune.
pub async fn entry(app: &App, actor: &Actor, id: i64) -> Result<EntryView> {
    let e = papi_store::disclosure::get(&app.store, actor.commune_id, id).await?;
    let forms = papi_store::disclosure::forms(&app.store, actor.commune_id, id).await?;
    let villages = villages(app, actor.commune_id).await?;
    let days = crate::outreach::loudspeaker_days(app, actor.commune_id, id).await?;
    let files = papi_store::disclosure::files(&app.store, actor.commune_id, id).await?;
    let all = papi_store::disclosure::list(&app.store, actor.commune_id).await?;
    let versions = chain(&all, &e);
    Ok(EntryView {
        judged: judge(app, e, forms, days, &villages),
        files,
        versions,
        villages,
        can_register: can_register(actor),
    })
}

/// The versions of the content `e` belongs to, oldest first (following `replaces` both ways).
pub(crate) fn chain(all: &[Disclosure], e: &Disclosure) -> Vec<Disclosure> {
    let mut root = e.clone();
    while let Some(prev) = root.replaces.and_then(|p| all.iter().find(|x| x.id == p)) {
        root = prev.clone();
    }
    let mut out = vec![root.clone()];
    while let Some(next) = all
        .iter()
        .find(|x| x.replaces == Some(out.last().map_or(0, |l| l.id)))
    {
        out.push(next.clone());
    }
    out
}

/// A new entry (or a new version) as typed.
#[derive(Debug, Clone, Default)]
pub struct EntryInput {
    pub group: String,
    pub topic: String,
    pub title: String,
    pub legal_basis: String,
    pub decided_on: String,
    pub village_id: String,
    pub document: Option<NewFile>,
}

pub(crate) async fn actor_name(app: &App, actor: &Actor) -> Result<String> {
    Ok(papi_store::org::user(&app.store, actor.user_id)
        .await
        .map(|u| u.full_name)
        .unwrap_or_else(|_| format!("người dùng {}", actor.user_id)))
}

fn check_file(label: &str, f: &NewFile) -> Result<()> {
    if f.content.is_empty() {
        return Err(Error::Invalid(format!("{label}: tệp rỗng.")));
    }
    if f.content.len() > MAX_FILE {
        return Err(Error::Invalid(format!(
            "{label}: tệp «{}» lớn hơn 10 MB.",
            f.original_name
        )));
    }
    limits::check(label, &f.original_name, limits::NAME).map_err(Error::Invalid)
}

fn parse_village(label: &str, s: &str, villages: &[(i64, String)]) -> Result<Option<i64>> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let id: i64 = s
        .parse()
        .map_err(|_| Error::Invalid(format!("{label}: «{s}» không phải một thôn của xã.")))?;
    if !villages.iter().any(|(v, _)| *v == id) {
        return Err(Error::Invalid(format!("{label}: thôn này không thuộc xã.")));
    }
    Ok(Some(id))
}

/// The entry as typed, checked by papi-core (group, title, basis, date).
async fn parse_entry(app: &App, actor: &Actor, input: &EntryInput) -> Result<Disclosure> {
    let topic = match input.topic.trim() {
        "" => None,
        t => Some(
            Topic::parse(t)
                .ok_or_else(|| Error::Invalid(format!("Mục của kế hoạch: «{t}» không có.")))?,
        ),
    };
    let group: u8 = match (input.group.trim(), topic) {
        ("", Some(t)) => t.group(),
        ("", None) => {
            return Err(Error::Invalid(
                "Nhóm nội dung: chọn một trong 14 nhóm của Luật 10/2022/QH15 Điều 11.".into(),
            ))
        }
        (g, _) => g.parse().map_err(|_| {
            Error::Invalid(format!(
                "Nhóm nội dung: «{g}» không phải số nhóm (từ 1 đến 14)."
            ))
        })?,
    };
    if let Some(t) = topic {
        if t.group() != group {
            return Err(Error::Invalid(format!(
                "Nhóm nội dung: mục «{}» thuộc nhóm {} của Điều 11, không phải nhóm {group}.",
                t.label(),
                t.group()
            )));
        }
    }
    let decided_on = required_day("Ngày ban hành quyết định, văn bản", &input.decided_on)?;
    // Left empty, the basis is the plan item's, or the clause of Điều 11 the group is.
    let legal_basis = if input.legal_basis.trim().is_empty() {
        topic
            .map(|t| t.legal_basis().to_string())
            .unwrap_or_else(|| {
                format!("Luật Thực hiện dân chủ ở cơ sở 10/2022/QH15, Điều 11 khoản {group}")
            })
    } else {
        input.legal_basis.trim().to_string()
    };
    validate_entry(group, &input.title, &legal_basis, decided_on, app.today())
        .map_err(Error::Invalid)?;
    let villages = villages(app, actor.commune_id).await?;
    let village_id = parse_village("Thôn", &input.village_id, &villages)?;
    if let Some(doc) = &input.document {
        check_file("Văn bản công khai", doc)?;
    }
    Ok(Disclosure {
        id: 0,
        commune_id: actor.commune_id,
        group,
        topic,
        title: input.title.trim().to_string(),
        legal_basis,
        decided_on,
        village_id,
        version: 1,
        replaces: None,
        state: DisclosureState::Current,
        taken_down_on: None,
        source: String::new(),
        created_by: actor_name(app, actor).await?,
        created_on: app.today(),
        document_name: None,
    })
}

/// Writes an entry and its document in one transaction.
pub(crate) async fn write_entry(
    app: &App,
    by: &str,
    d: &Disclosure,
    document: Option<&NewFile>,
) -> Result<i64> {
    let mut w = app.store.begin_write().await?;
    let id = papi_store::disclosure::insert(&mut w, by, d).await?;
    if let Some(doc) = document {
        papi_store::disclosure::add_file(&mut w, by, d.commune_id, id, None, "document", doc)
            .await?;
    }
    w.commit().await?;
    Ok(id)
}

/// Opens a register entry with its document; returns its id.
pub async fn create(app: &App, actor: &Actor, input: EntryInput) -> Result<i64> {
    if !can_register(actor) {
        return Err(Error::Forbidden);
    }
    let d = parse_entry(app, actor, &input).await?;
    write_entry(app, &d.created_by.clone(), &d, input.document.as_ref()).await
}

/// Discloses a changed content again: a new version replacing `id`, which is kept unchanged.
pub async fn redisclose(app: &App, actor: &Actor, id: i64, input: EntryInput) -> Result<i64> {
    if !can_register(actor) {
        return Err(Error::Forbidden);
    }
    let old = papi_store::disclosure::get(&app.store, actor.commune_id, id).await?;
    if old.state != DisclosureState::Current {
        return Err(Error::Invalid(format!(
            "Chỉ công khai lại từ bản hiện hành; bản này {}.",
            old.state.label().to_lowercase()
        )));
    }
    let mut input = input;
    // What the new version does not say it keeps from the old one.
    if input.group.trim().is_empty() && input.topic.trim().is_empty() {
        input.group = old.group.to_string();
        input.topic = old.topic.map(|t| t.code().to_string()).unwrap_or_default();
        input.village_id = old.village_id.map(|v| v.to_string()).unwrap_or_default();
    }
    if input.legal_basis.trim().is_empty() {
        input.legal_basis = old.legal_basis.clone();
    }
    let mut d = parse_entry(app, actor, &input).await?;
    if d.decided_on < old.decided_on {
        return Err(Error::Invalid(format!(
            "Ngày ban hành quyết định, văn bản: nội dung thay đổi phải có văn bản từ ngày {} trở đi.",
            papi_core::clock::format_date(old.decided_on)
        )));
    }
    d.version = old.version + 1;
    d.replaces = Some(old.id);
    d.source = old.source.clone();
    write_entry(app, &d.created_by.clone(), &d, input.document.as_ref()).await
}

/// Takes the current version down on the day given (today when empty).
pub async fn take_down(app: &App, actor: &Actor, id: i64, on: &str) -> Result<()> {
    if !can_register(actor) {
        return Err(Error::Forbidden);
    }
    let e = papi_store::disclosure::get(&app.store, actor.commune_id, id).await?;
    if e.state != DisclosureState::Current {
        return Err(Error::Invalid(format!(
            "Chỉ gỡ được bản hiện hành; bản này {}.",
            e.state.label().to_lowercase()
        )));
    }
    let on = parse_day("Ngày gỡ", on)?.unwrap_or(app.today());
    if on > app.today() || on < e.decided_on {
        return Err(Error::Invalid(format!(
            "Ngày gỡ: phải từ ngày ban hành {} đến hôm nay.",
            papi_core::clock::format_date(e.decided_on)
        )));
    }
    let by = actor_name(app, actor).await?;
    let mut w = app.store.begin_write().await?;
    papi_store::disclosure::take_down(&mut w, &by, &e, on).await?;
    w.commit().await?;
    Ok(())
}

/// A form as typed.
#[derive(Debug, Clone, Default)]
pub struct FormInput {
    pub kind: String,
    pub village_id: String,
    pub url: String,
    pub from: String,
    pub until: String,
    /// Loudspeaker days: dd/mm/yyyy separated by commas, spaces or new lines.
    pub days: String,
    pub note: String,
    pub done_by: String,
    pub photo: Option<NewFile>,
}

fn parse_days(text: &str) -> Result<Vec<NaiveDate>> {
    let mut days = Vec::new();
    for part in text
        .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|p| !p.is_empty())
    {
        days.push(required_day("Ngày phát thanh", part)?);
    }
    days.sort();
    days.dedup();
    Ok(days)
}

/// Records a form of the entry (and its photo); returns the form's id. A loudspeaker form
/// takes its dates from its days.
pub async fn add_form(app: &App, actor: &Actor, id: i64, input: FormInput) -> Result<i64> {
    let e = papi_store::disclosure::get(&app.store, actor.commune_id, id).await?;
    let kind = FormKind::parse(input.kind.trim()).ok_or_else(|| {
        Error::Invalid("Hình thức công khai: chọn một hình thức trong danh sách.".into())
    })?;
    if !can_record_form(actor, kind) {
        return Err(Error::Forbidden);
    }
    let villages = villages(app, actor.commune_id).await?;
    let days = if kind == FormKind::Loudspeaker {
        parse_days(&input.days)?
    } else {
        Vec::new()
    };
    let from = match (kind, days.first()) {
        (FormKind::Loudspeaker, Some(first)) if input.from.trim().is_empty() => *first,
        _ => required_day("Từ ngày", &input.from)?,
    };
    let until = match (kind, days.last()) {
        (FormKind::Loudspeaker, Some(last)) if input.until.trim().is_empty() => Some(*last),
        _ => parse_day("Đến ngày", &input.until)?,
    };
    limits::check("Người thực hiện", &input.done_by, limits::NAME).map_err(Error::Invalid)?;
    let done_by = if input.done_by.trim().is_empty() {
        actor_name(app, actor).await?
    } else {
        input.done_by.trim().to_string()
    };
    let form = Form {
        id: 0,
        disclosure_id: e.id,
        kind,
        village_id: match kind {
            FormKind::Village | FormKind::VillageHead => {
                parse_village("Thôn", &input.village_id, &villages)?
            }
            _ => None,
        },
        url: input.url.trim().to_string(),
        from,
        until,
        days,
        note: input.note.trim().to_string(),
        done_by,
    };
    validate_form(&e, &form, app.today()).map_err(Error::Invalid)?;
    if e.state == DisclosureState::TakenDown {
        return Err(Error::Invalid(
            "Nội dung đã gỡ; hãy công khai lại bằng bản mới.".into(),
        ));
    }
    if let Some(p) = &input.photo {
        check_photo(p)?;
    }
    let by = actor_name(app, actor).await?;
    let mut w = app.store.begin_write().await?;
    let form_id = papi_store::disclosure::add_form(&mut w, &by, actor.commune_id, &form).await?;
    if let Some(p) = &input.photo {
        papi_store::disclosure::add_file(
            &mut w,
            &by,
            actor.commune_id,
            e.id,
            Some(form_id),
            "photo",
            p,
        )
        .await?;
    }
    w.commit().await?;
    Ok(form_id)
}

fn check_photo(p: &NewFile) -> Result<()> {
    check_file("Ảnh minh chứng", p)?;
    let is_image = p.content_type.starts_with("image/")
        || p.content.starts_with(&[0xff, 0xd8, 0xff])
        || p.content.starts_with(b"\x89PNG");
    if !is_image {
        return Err(Error::Invalid(format!(
            "Ảnh minh chứng: tệp «{}» không phải ảnh (JPEG, PNG).",
            p.original_name
        )));
    }
    Ok(())
}

/// Adds a photo showing a posting of the entry (`form_id`, when given, must be one of its
/// forms); returns the file's id.
pub async fn add_photo(
    app: &App,
    actor: &Actor,
    id: i64,
    form_id: Option<i64>,
    photo: NewFile,
) -> Result<i64> {
    let e = papi_store::disclosure::get(&app.store, actor.commune_id, id).await?;
    let forms = papi_store::disclosure::forms(&app.store, actor.commune_id, id).await?;
    let kind = match form_id {
        Some(f) => {
            forms
                .iter()
                .find(|x| x.id == f)
                .ok_or_else(|| {
                    Error::Invalid("Hình thức công khai: không thuộc nội dung này.".into())
                })?
                .kind
        }
        None => FormKind::Village,
    };
    if !can_record_form(actor, kind) {
        return Err(Error::Forbidden);
    }
    check_photo(&photo)?;
    let by = actor_name(app, actor).await?;
    let mut w = app.store.begin_write().await?;
    let fid = papi_store::disclosure::add_file(
        &mut w,
        &by,
        actor.commune_id,
        e.id,
        form_id,
        "photo",
        &photo,
    )
    .await?;
    w.commit().await?;
    Ok(fid)
}

/// A file of the actor's commune with its bytes.
pub async fn file(app: &App, actor: &Actor, file_id: i64) -> Result<(FileMeta, Vec<u8>)> {
    Ok(papi_store::disclosure::file(&app.store, actor.commune_id, file_id).await?)
}
