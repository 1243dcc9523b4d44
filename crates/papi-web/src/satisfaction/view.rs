//! Results as pages show them: shares as "83,4 %", intervals, counts, the change.

use papi_app::satisfaction::Report;
use papi_core::clock::format_date;
use papi_core::satisfaction::score::{percent, Estimate};
use papi_core::satisfaction::ItemKind;

pub struct Figure {
    pub value: String,
    pub interval: String,
    pub n: usize,
    /// Width for the bar, 0–100.
    pub bar: u32,
}

pub fn share(e: &Option<Estimate>) -> Option<Figure> {
    e.as_ref().map(|e| Figure {
        value: percent(e.value),
        interval: format!("{} – {}", percent(e.low), percent(e.high)),
        n: e.n,
        bar: (e.value * 100.0).round().clamp(0.0, 100.0) as u32,
    })
}

pub fn mean(e: &Option<Estimate>) -> Option<Figure> {
    let f = |v: f64| format!("{v:.2}").replace('.', ",");
    e.as_ref().map(|e| Figure {
        value: f(e.value),
        interval: format!("{} – {}", f(e.low), f(e.high)),
        n: e.n,
        bar: ((e.value - 1.0) / 4.0 * 100.0).round().clamp(0.0, 100.0) as u32,
    })
}

pub struct ItemRow {
    pub text: String,
    pub statement: bool,
    pub to_check: bool,
    pub share: Option<Figure>,
    pub mean: Option<Figure>,
    pub counts: String,
}

pub struct FactorRow {
    pub title: String,
    pub share: Option<Figure>,
    pub mean: Option<Figure>,
    pub items: Vec<ItemRow>,
}

pub struct ReportView {
    pub id: i64,
    pub service: String,
    pub kind: &'static str,
    pub period: String,
    pub dates: String,
    pub source: String,
    pub open: bool,
    pub respondents: usize,
    pub overall: Option<Figure>,
    pub mean: Option<Figure>,
    pub comprehensive: Option<Figure>,
    pub factors: Vec<FactorRow>,
    pub previous: String,
    pub change: String,
    pub flagged: usize,
    pub rejected: usize,
    pub unchecked: bool,
}

pub fn report(r: &Report) -> ReportView {
    let s = &r.survey;
    ReportView {
        id: s.id,
        service: s.service_name.clone(),
        kind: s.kind.label(),
        period: s.period_label.clone(),
        dates: format!("{} – {}", format_date(s.starts_on), format_date(s.ends_on)),
        source: s.questionnaire.source.clone(),
        open: s.open,
        respondents: r.results.respondents,
        overall: share(&r.results.overall),
        mean: mean(&r.results.mean),
        comprehensive: share(&r.results.comprehensive),
        factors: r
            .results
            .factors
            .iter()
            .map(|f| FactorRow {
                title: f.title.clone(),
                share: share(&f.share),
                mean: mean(&f.mean),
                items: f
                    .items
                    .iter()
                    .map(|i| ItemRow {
                        text: i.text.clone(),
                        statement: i.kind == ItemKind::YesNo,
                        to_check: i.to_check,
                        share: share(&i.share),
                        mean: mean(&i.mean),
                        counts: match (i.kind, i.counts.as_slice()) {
                            (ItemKind::YesNo, [no, yes]) => format!("đúng {yes} · không {no}"),
                            _ => i
                                .counts
                                .iter()
                                .map(|c| c.to_string())
                                .collect::<Vec<_>>()
                                .join(" · "),
                        },
                    })
                    .collect(),
            })
            .collect(),
        previous: r
            .previous
            .as_ref()
            .map(|(p, res)| {
                format!(
                    "{}: {}",
                    p.period_label,
                    res.overall
                        .map(|e| percent(e.value))
                        .unwrap_or_else(|| "chưa có phiếu".into())
                )
            })
            .unwrap_or_default(),
        change: r.change.map(|c| c.describe()).unwrap_or_default(),
        flagged: r.flagged,
        rejected: r.rejected,
        unchecked: s.questionnaire.has_unchecked(),
    }
}
