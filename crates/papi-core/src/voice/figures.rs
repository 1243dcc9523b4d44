//! The residents'-voice figures: counts by kind, channel, village and dimension, and the share
//! of time limits met on time — for the commune report and the public page of dimension 3.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::clock::Clock;
use super::matter::Matter;
use super::stage::Stage;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Figures {
    pub total: usize,
    pub by_kind: BTreeMap<&'static str, usize>,
    pub by_channel: BTreeMap<&'static str, usize>,
    /// Village id (0 for none) → count.
    pub by_village: BTreeMap<i64, usize>,
    /// Dimension number (0 for none) → count.
    pub by_dimension: BTreeMap<u8, usize>,
    pub closed: usize,
    /// Time limits met, and met by their due date.
    pub limits_met: usize,
    pub limits_met_on_time: usize,
    /// Open limits already past their due date.
    pub limits_late_open: usize,
    /// Mean rating (1–5) given at closure, and how many ratings.
    pub rating_mean: Option<f64>,
    pub ratings: usize,
}

impl Figures {
    /// Share met on time among limits met, in percent.
    pub fn on_time_percent(&self) -> Option<f64> {
        (self.limits_met > 0)
            .then(|| 100.0 * self.limits_met_on_time as f64 / self.limits_met as f64)
    }
}

/// Figures over `matters` (each with its clocks), duplicates not counted.
pub fn figures(matters: &[(Matter, Vec<Clock>)], today: NaiveDate) -> Figures {
    let mut f = Figures::default();
    let mut rating_sum = 0u32;
    for (m, clocks) in matters.iter().filter(|(m, _)| m.stage != Stage::Duplicate) {
        f.total += 1;
        *f.by_kind.entry(m.kind.label()).or_default() += 1;
        *f.by_channel.entry(m.channel.label()).or_default() += 1;
        *f.by_village.entry(m.village_id.unwrap_or(0)).or_default() += 1;
        *f.by_dimension
            .entry(m.dimension.map_or(0, |d| d.number()))
            .or_default() += 1;
        if m.stage.is_closed() {
            f.closed += 1;
        }
        if let Some(r) = m.rating {
            rating_sum += u32::from(r);
            f.ratings += 1;
        }
        for c in clocks {
            match (c.met_on, c.due) {
                (Some(met), Some(due)) => {
                    f.limits_met += 1;
                    if met <= due {
                        f.limits_met_on_time += 1;
                    }
                }
                (None, Some(due)) if due < today => f.limits_late_open += 1,
                _ => {}
            }
        }
    }
    f.rating_mean = (f.ratings > 0).then(|| f64::from(rating_sum) / f.ratings as f64);
    f
}
