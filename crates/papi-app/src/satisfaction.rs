//! Satisfaction surveys of public services: the office creates a survey of a service for a
//! period (from a built-in questionnaire or its own XLSForm), residents answer on their phones,
//! and the results (per service and period, with the change against the previous period) go
//! to the staff pages, the public page and the reports.

use chrono::{DateTime, NaiveDate, Utc};
use papi_core::satisfaction::{
    self as rules, score, Answers, Arrival, Change, ItemKind, NewSurvey, Questionnaire, Results,
    Review, Survey,
};
use papi_core::{Action, Actor};
use papi_store::satisfaction::{self as store, StoredResponse};

use crate::error::{Error, Result};
use crate::App;

fn manager(actor: &Actor) -> Result<()> {
    if actor.can(Action::ManageSatisfaction) {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

/// Creates a survey; `questionnaire` is the commune's own (read from an XLSForm), or `None`
/// for the kind's built-in template.
pub async fn create(
    app: &App,
    actor: &Actor,
    by: &str,
    form: &NewSurvey,
    questionnaire: Option<Questionnaire>,
) -> Result<i64> {
    manager(actor)?;
    let s = rules::check_new(actor.commune_id, form, questionnaire).map_err(Error::Invalid)?;
    let mut w = app.store.begin_write().await?;
    let id = store::insert(&mut w, by, &s).await?;
    w.commit().await?;
    Ok(id)
}

/// Opens or closes the phone form.
pub async fn set_open(app: &App, actor: &Actor, by: &str, id: i64, open: bool) -> Result<()> {
    manager(actor)?;
    let s = store::get(&app.store, actor.commune_id, id).await?;
    if s.open == open {
        return Ok(());
    }
    let mut w = app.store.begin_write().await?;
    store::set_open(&mut w, by, &s, open).await?;
    w.commit().await?;
    Ok(())
}

/// Counts held answers in (`accept`) or out of the results; returns how many moved.
pub async fn review(app: &App, actor: &Actor, by: &str, id: i64, accept: bool) -> Result<u64> {
    manager(actor)?;
    store::get(&app.store, actor.commune_id, id).await?;
    let to = if accept {
        Review::Accepted
    } else {
        Review::Rejected
    };
    let mut w = app.store.begin_write().await?;
    let n = store::decide_flagged(&mut w, by, actor.commune_id, id, to).await?;
    w.commit().await?;
    Ok(n)
}

pub async fn list(app: &App, commune_id: i64) -> Result<Vec<Survey>> {
    Ok(store::list(&app.store, commune_id).await?)
}

pub async fn get(app: &App, commune_id: i64, id: i64) -> Result<Survey> {
    Ok(store::get(&app.store, commune_id, id).await?)
}

/// A survey's results with the previous period's, for pages and reports.
#[derive(Debug, Clone)]
pub struct Report {
    pub survey: Survey,
    pub results: Results,
    pub previous: Option<(Survey, Results)>,
    pub change: Option<Change>,
    /// Answers held for review, and answers the office decided not to count.
    pub flagged: usize,
    pub rejected: usize,
}

async fn results_of(app: &App, s: &Survey) -> Result<(Results, usize, usize)> {
    let all = store::responses(&app.store, s.commune_id, s.id).await?;
    let counted: Vec<Answers> = all
        .iter()
        .filter(|r| r.review == Review::Accepted)
        .map(|r| r.answers.clone())
        .collect();
    let flagged = all.iter().filter(|r| r.review == Review::Flagged).count();
    let rejected = all.iter().filter(|r| r.review == Review::Rejected).count();
    Ok((score(&s.questionnaire, &counted), flagged, rejected))
}

/// The results of survey `id`, with the change against the same service's previous period.
pub async fn report(app: &App, commune_id: i64, id: i64) -> Result<Report> {
    let all = store::list(&app.store, commune_id).await?;
    let survey = all
        .iter()
        .find(|s| s.id == id)
        .cloned()
        .ok_or(Error::NotFound)?;
    let (results, flagged, rejected) = results_of(app, &survey).await?;
    let previous = match rules::previous(&survey, &all) {
        Some(p) => Some((p.clone(), results_of(app, p).await?.0)),
        None => None,
    };
    let change = match (&previous, &results.overall) {
        (Some((_, pr)), Some(now)) => pr.overall.as_ref().map(|was| rules::change(was, now)),
        _ => None,
    };
    Ok(Report {
        survey,
        results,
        previous,
        change,
        flagged,
        rejected,
    })
}

/// Every survey's report whose period overlaps `from`–`to` (all when `None`), latest first.
pub async fn reports(
    app: &App,
    commune_id: i64,
    within: Option<(NaiveDate, NaiveDate)>,
) -> Result<Vec<Report>> {
    let mut out = Vec::new();
    for s in store::list(&app.store, commune_id).await? {
        if let Some((from, to)) = within {
            if s.ends_on < from || s.starts_on > to {
                continue;
            }
        }
        out.push(report(app, commune_id, s.id).await?);
    }
    Ok(out)
}

/// A resident's answer as it arrives from the phone form.
pub struct Submission {
    /// (item code, value) pairs as posted.
    pub pairs: Vec<(String, String)>,
    pub address_tag: String,
    pub device_tag: String,
    pub at: DateTime<Utc>,
}

/// Reads the posted answers against the questionnaire: every value must be one of the item's
/// answers; at least one satisfaction item must be answered.
pub fn read_answers(q: &Questionnaire, pairs: &[(String, String)]) -> Result<Answers> {
    let mut out = Answers::new();
    for (k, v) in pairs {
        let Some(item) = q.item(k) else { continue };
        if v.trim().is_empty() {
            continue;
        }
        let n: u8 = v.trim().parse().map_err(|_| bad(&item.text))?;
        let ok = match item.kind {
            ItemKind::Likert5 => (1..=5).contains(&n),
            ItemKind::YesNo => n <= 1,
        };
        if !ok {
            return Err(bad(&item.text));
        }
        out.insert(item.code.clone(), n);
    }
    if !out
        .keys()
        .any(|k| q.item(k).is_some_and(|i| i.kind == ItemKind::Likert5))
    {
        return Err(Error::Invalid(
            "Vui lòng chọn mức hài lòng cho ít nhất một câu hỏi.".into(),
        ));
    }
    Ok(out)
}

fn bad(text: &str) -> Error {
    Error::Invalid(format!(
        "Câu «{text}»: vui lòng chọn một trong các mức có sẵn."
    ))
}

/// Stores a resident's answer to survey `id` of the commune, as the intake rule decides.
pub async fn submit(app: &App, commune_id: i64, id: i64, sub: Submission) -> Result<Review> {
    let s = store::get(&app.store, commune_id, id).await?;
    if !s.takes_answers(app.today()) {
        return Err(Error::Invalid(
            "Cuộc khảo sát này hiện không nhận phiếu. Cảm ơn bạn đã quan tâm.".into(),
        ));
    }
    let answers = read_answers(&s.questionnaire, &sub.pairs)?;
    let earlier: Vec<Arrival> = store::responses(&app.store, commune_id, id)
        .await?
        .into_iter()
        .map(|r| Arrival {
            address: r.address_tag,
            device: r.device_tag,
            at: r.submitted_at,
        })
        .collect();
    let new = Arrival {
        address: sub.address_tag.clone(),
        device: sub.device_tag.clone(),
        at: sub.at,
    };
    let review = rules::intake(&earlier, &new).map_err(|m| Error::Invalid(m.into()))?;
    store::add_response(
        &app.store,
        commune_id,
        id,
        &StoredResponse {
            id: 0,
            submitted_at: sub.at,
            address_tag: sub.address_tag,
            device_tag: sub.device_tag,
            answers,
            review,
        },
    )
    .await?;
    Ok(review)
}

/// The lines of the commune report's section on satisfaction surveys: one per survey of the
/// period, always labelled as the commune's own SIPAS-style survey.
pub fn report_lines(reports: &[Report]) -> Vec<String> {
    use papi_core::satisfaction::score::percent;
    if reports.is_empty() {
        return Vec::new();
    }
    let mut out = vec![format!(
        "{} (không phải Chỉ số SIPAS chính thức); tỷ lệ hài lòng là tỷ lệ người trả lời «hài lòng» hoặc «rất hài lòng», kèm khoảng tin cậy 95 %.",
        rules::LABEL
    )];
    for r in reports {
        let s = &r.survey;
        let line = match r.results.overall {
            Some(o) => {
                let mut t = format!(
                    "{}, {}: {} phiếu, hài lòng chung {} (khoảng tin cậy 95 %: {} – {})",
                    s.service_name,
                    s.period_label,
                    r.results.respondents,
                    percent(o.value),
                    percent(o.low),
                    percent(o.high)
                );
                if let Some(c) = r.results.comprehensive {
                    t.push_str(&format!("; hài lòng toàn diện {}", percent(c.value)));
                }
                let lowest = r
                    .results
                    .factors
                    .iter()
                    .filter_map(|f| f.share.map(|e| (f.title.as_str(), e.value)))
                    .min_by(|a, b| a.1.total_cmp(&b.1));
                if let Some((title, v)) = lowest {
                    t.push_str(&format!("; thấp nhất: {} ({})", title, percent(v)));
                }
                if let Some(c) = r.change {
                    t.push_str(&format!("; {}", c.describe()));
                }
                t.push('.');
                t
            }
            None => format!(
                "{}, {}: chưa có phiếu trả lời.",
                s.service_name, s.period_label
            ),
        };
        out.push(line);
    }
    out
}
