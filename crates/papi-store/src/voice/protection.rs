//! Requests to protect a denouncer (Luật Tố cáo 2018 Điều 48–55): the request, the decision or
//! refusal with reasons, the measures, and the end. Kept beside the sealed identity: the
//! request itself names no one, it refers to the matter.

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::json;

use crate::audit::{self, Change};
use crate::rows::{date, i, opt_date, s};
use crate::{Result, Store, WriteTx};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Protection {
    pub id: i64,
    pub matter_id: i64,
    pub requested_on: NaiveDate,
    /// pending, granted, refused, ended.
    pub decision: String,
    pub reasons: String,
    pub measures: String,
    pub decided_on: Option<NaiveDate>,
    pub ended_on: Option<NaiveDate>,
}

impl Protection {
    pub fn decision_label(&self) -> &'static str {
        match self.decision.as_str() {
            "granted" => "Đã quyết định áp dụng biện pháp bảo vệ",
            "refused" => "Từ chối, có lý do",
            "ended" => "Đã chấm dứt bảo vệ",
            _ => "Đang xem xét",
        }
    }
}

pub async fn list(store: &Store, commune_id: i64, matter_id: i64) -> Result<Vec<Protection>> {
    let rows = sqlx::query(
        "SELECT id, matter_id, requested_on, decision, reasons, measures, decided_on, ended_on \
         FROM protection_requests WHERE commune_id = $1 AND matter_id = $2 ORDER BY id",
    )
    .bind(commune_id)
    .bind(matter_id)
    .fetch_all(&store.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Protection {
                id: i(r, "id")?,
                matter_id: i(r, "matter_id")?,
                requested_on: date(r, "requested_on")?,
                decision: s(r, "decision")?,
                reasons: s(r, "reasons")?,
                measures: s(r, "measures")?,
                decided_on: opt_date(r, "decided_on")?,
                ended_on: opt_date(r, "ended_on")?,
            })
        })
        .collect()
}

/// Records a request, or a decision on one (`id` set), audited by matter id only.
pub async fn save(
    w: &mut WriteTx<'_>,
    actor: &str,
    commune_id: i64,
    p: &Protection,
) -> Result<i64> {
    let id = if p.id == 0 {
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO protection_requests (commune_id, matter_id, requested_on, decision, reasons, \
             measures, decided_on, ended_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(commune_id)
        .bind(p.matter_id)
        .bind(p.requested_on.to_string())
        .bind(&p.decision)
        .bind(&p.reasons)
        .bind(&p.measures)
        .bind(p.decided_on.map(|d| d.to_string()))
        .bind(p.ended_on.map(|d| d.to_string()))
        .fetch_one(&mut *w.tx)
        .await?;
        id
    } else {
        sqlx::query(
            "UPDATE protection_requests SET decision = $1, reasons = $2, measures = $3, decided_on = $4, \
             ended_on = $5 WHERE commune_id = $6 AND id = $7",
        )
        .bind(&p.decision)
        .bind(&p.reasons)
        .bind(&p.measures)
        .bind(p.decided_on.map(|d| d.to_string()))
        .bind(p.ended_on.map(|d| d.to_string()))
        .bind(commune_id)
        .bind(p.id)
        .execute(&mut *w.tx)
        .await?;
        p.id
    };
    audit::append(
        w,
        Change {
            commune_id,
            actor,
            action: "protection",
            entity: "matter",
            entity_id: p.matter_id,
            before: serde_json::Value::Null,
            after: json!({ "request": id, "decision": p.decision }),
        },
    )
    .await?;
    Ok(id)
}
