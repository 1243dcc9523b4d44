//! Disclosure (công khai): the register of postings, their forms and files. It records what a
//! papi-core rule allowed; a published version is never edited, only replaced by a new one or
//! taken down, and every write leaves an audit entry on the entity `disclosure`.

mod files;

pub use files::{add_file, file, files, FileMeta, NewFile};

use chrono::NaiveDate;
use papi_core::disclosure::{Disclosure, DisclosureState, Form, FormKind, Topic};
use serde_json::json;
use sqlx::any::AnyRow;

use crate::audit::{self, Change};
use crate::rows::{corrupt, date, i, oi, opt_date, os, s};
use crate::{Result, Store, StoreError, WriteTx};

const COLUMNS: &str = "d.id, d.commune_id, d.grp, d.topic, d.title, d.legal_basis, d.decided_on, \
    d.village_id, d.version, d.replaces, d.state, d.taken_down_on, d.source, d.created_by, \
    d.created_on, (SELECT f.original_name FROM disclosure_files f WHERE f.disclosure_id = d.id \
    AND f.role = 'document' ORDER BY f.id LIMIT 1) AS document_name";

fn decode(r: &AnyRow) -> Result<Disclosure> {
    let topic = s(r, "topic")?;
    let state = s(r, "state")?;
    Ok(Disclosure {
        id: i(r, "id")?,
        commune_id: i(r, "commune_id")?,
        group: u8::try_from(i(r, "grp")?).map_err(|e| corrupt("disclosures.grp", e))?,
        topic: if topic.is_empty() {
            None
        } else {
            Some(Topic::parse(&topic).ok_or_else(|| corrupt("disclosures.topic", &topic))?)
        },
        title: s(r, "title")?,
        legal_basis: s(r, "legal_basis")?,
        decided_on: date(r, "decided_on")?,
        village_id: oi(r, "village_id")?,
        version: i32::try_from(i(r, "version")?).map_err(|e| corrupt("disclosures.version", e))?,
        replaces: oi(r, "replaces")?,
        state: DisclosureState::parse(&state)
            .ok_or_else(|| corrupt("disclosures.state", &state))?,
        taken_down_on: opt_date(r, "taken_down_on")?,
        source: s(r, "source")?,
        created_by: s(r, "created_by")?,
        created_on: date(r, "created_on")?,
        document_name: os(r, "document_name")?,
    })
}

/// One entry of the commune.
pub async fn get(store: &Store, commune_id: i64, id: i64) -> Result<Disclosure> {
    let sql = format!("SELECT {COLUMNS} FROM disclosures d WHERE d.commune_id = $1 AND d.id = $2");
    let row = sqlx::query(&sql)
        .bind(commune_id)
        .bind(id)
        .fetch_optional(&store.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
    decode(&row)
}

/// Every entry of the commune, every version, newest decision first.
pub async fn list(store: &Store, commune_id: i64) -> Result<Vec<Disclosure>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM disclosures d WHERE d.commune_id = $1 \
         ORDER BY d.decided_on DESC, d.id DESC"
    );
    let rows = sqlx::query(&sql)
        .bind(commune_id)
        .fetch_all(&store.pool)
        .await?;
    rows.iter().map(decode).collect()
}

fn audit_view(d: &Disclosure) -> serde_json::Value {
    json!({
        "group": d.group, "topic": d.topic.map(|t| t.code()), "title": d.title,
        "legal_basis": d.legal_basis, "decided_on": d.decided_on, "village_id": d.village_id,
        "version": d.version, "replaces": d.replaces, "state": d.state.code(),
        "taken_down_on": d.taken_down_on, "source": d.source,
    })
}

/// Adds a version to the register and returns its id. When it replaces an older version, the
/// older one is marked replaced in the same transaction.
pub async fn insert(w: &mut WriteTx<'_>, actor: &str, d: &Disclosure) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO disclosures (commune_id, grp, topic, title, legal_basis, decided_on, \
         village_id, version, replaces, state, taken_down_on, source, created_by, created_on) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
    )
    .bind(d.commune_id)
    .bind(i64::from(d.group))
    .bind(d.topic.map_or("", |t| t.code()))
    .bind(&d.title)
    .bind(&d.legal_basis)
    .bind(d.decided_on.to_string())
    .bind(d.village_id)
    .bind(i64::from(d.version))
    .bind(d.replaces)
    .bind(d.state.code())
    .bind(d.taken_down_on.map(|x| x.to_string()))
    .bind(&d.source)
    .bind(&d.created_by)
    .bind(d.created_on.to_string())
    .fetch_one(&mut *w.tx)
    .await?;
    if let Some(old) = d.replaces {
        let n = sqlx::query(
            "UPDATE disclosures SET state = $1 WHERE commune_id = $2 AND id = $3 AND state = $4",
        )
        .bind(DisclosureState::Replaced.code())
        .bind(d.commune_id)
        .bind(old)
        .bind(DisclosureState::Current.code())
        .execute(&mut *w.tx)
        .await?
        .rows_affected();
        if n != 1 {
            return Err(StoreError::Conflict(
                "Bản được thay thế không còn là bản hiện hành (đã được công khai lại hoặc đã gỡ)."
                    .into(),
            ));
        }
    }
    audit::append(
        w,
        Change {
            commune_id: d.commune_id,
            actor,
            action: if d.replaces.is_some() {
                "redisclose"
            } else {
                "create"
            },
            entity: "disclosure",
            entity_id: id,
            before: serde_json::Value::Null,
            after: audit_view(d),
        },
    )
    .await?;
    Ok(id)
}

/// Takes a current version down on `on`.
pub async fn take_down(
    w: &mut WriteTx<'_>,
    actor: &str,
    before: &Disclosure,
    on: NaiveDate,
) -> Result<()> {
    let n = sqlx::query(
        "UPDATE disclosures SET state = $1, taken_down_on = $2 \
         WHERE commune_id = $3 AND id = $4 AND state = $5",
    )
    .bind(DisclosureState::TakenDown.code())
    .bind(on.to_string())
    .bind(before.commune_id)
    .bind(before.id)
    .bind(DisclosureState::Current.code())
    .execute(&mut *w.tx)
    .await?
    .rows_affected();
    if n != 1 {
        return Err(StoreError::Conflict(
            "Chỉ gỡ được bản hiện hành của nội dung công khai.".into(),
        ));
    }
    let mut after = before.clone();
    after.state = DisclosureState::TakenDown;
    after.taken_down_on = Some(on);
    audit::append(
        w,
        Change {
            commune_id: before.commune_id,
            actor,
            action: "take_down",
            entity: "disclosure",
            entity_id: before.id,
            before: audit_view(before),
            after: audit_view(&after),
        },
    )
    .await?;
    Ok(())
}

fn days_text(days: &[NaiveDate]) -> String {
    days.iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

fn decode_form(r: &AnyRow) -> Result<Form> {
    let kind = s(r, "kind")?;
    let days = s(r, "days")?
        .split(',')
        .filter(|x| !x.is_empty())
        .map(|x| {
            x.parse::<NaiveDate>()
                .map_err(|e| corrupt("disclosure_forms.days", e))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Form {
        id: i(r, "id")?,
        disclosure_id: i(r, "disclosure_id")?,
        kind: FormKind::parse(&kind).ok_or_else(|| corrupt("disclosure_forms.kind", &kind))?,
        village_id: oi(r, "village_id")?,
        url: s(r, "url")?,
        from: date(r, "from_on")?,
        until: opt_date(r, "until_on")?,
        days,
        note: s(r, "note")?,
        done_by: s(r, "done_by")?,
    })
}

const FORM_COLUMNS: &str =
    "id, disclosure_id, kind, village_id, url, from_on, until_on, days, note, done_by";

/// The forms of one entry, in the order they were recorded.
pub async fn forms(store: &Store, commune_id: i64, disclosure_id: i64) -> Result<Vec<Form>> {
    let sql = format!(
        "SELECT {FORM_COLUMNS} FROM disclosure_forms WHERE commune_id = $1 AND disclosure_id = $2 \
         ORDER BY from_on, id"
    );
    let rows = sqlx::query(&sql)
        .bind(commune_id)
        .bind(disclosure_id)
        .fetch_all(&store.pool)
        .await?;
    rows.iter().map(decode_form).collect()
}

/// Every form of the commune (to judge the whole register in one read).
pub async fn all_forms(store: &Store, commune_id: i64) -> Result<Vec<Form>> {
    let sql = format!(
        "SELECT {FORM_COLUMNS} FROM disclosure_forms WHERE commune_id = $1 ORDER BY from_on, id"
    );
    let rows = sqlx::query(&sql)
        .bind(commune_id)
        .fetch_all(&store.pool)
        .await?;
    rows.iter().map(decode_form).collect()
}

/// Records a form of an entry and returns its id.
pub async fn add_form(w: &mut WriteTx<'_>, actor: &str, commune_id: i64, f: &Form) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO disclosure_forms (commune_id, disclosure_id, kind, village_id, url, from_on, \
         until_on, days, note, done_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
         RETURNING id",
    )
    .bind(commune_id)
    .bind(f.disclosure_id)
    .bind(f.kind.code())
    .bind(f.village_id)
    .bind(&f.url)
    .bind(f.from.to_string())
    .bind(f.until.map(|x| x.to_string()))
    .bind(days_text(&f.days))
    .bind(&f.note)
    .bind(&f.done_by)
    .fetch_one(&mut *w.tx)
    .await?;
    audit::append(
        w,
        Change {
            commune_id,
            actor,
            action: "add_form",
            entity: "disclosure",
            entity_id: f.disclosure_id,
            before: serde_json::Value::Null,
            after: json!({
                "form_id": id, "kind": f.kind.code(), "village_id": f.village_id, "url": f.url,
                "from": f.from, "until": f.until, "days": f.days, "done_by": f.done_by,
            }),
        },
    )
    .await?;
    Ok(id)
}
