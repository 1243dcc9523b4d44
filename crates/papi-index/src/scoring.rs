//! Aggregation of indicator means into PAPI scores (papi-method.md §1.3):
//! sub-dimension S_s = mean of its indicators' R_j (1–10), shown also as S_s / k;
//! dimension D_d = Σ_s S_s / k_d = mean of its S_s (1–10); total = Σ_d D_d (8–80).
//!
//! Every score is a linear combination of indicator means, so the same [`AggregationPlan`] maps indicator
//! means to scores *and* indicator influence values to score influence values (the
//! linearisation of sums and means of means, §4.2). Where an indicator has no eligible answer
//! in a domain, its sub-dimension is the mean of the indicators that have one; a sub-dimension
//! with no indicator at all leaves its dimension as the mean of the others (reported in
//! `missing_subdimensions`).

use crate::questionnaire::Questionnaire;
use crate::structure::YearStructure;

/// Estimates are laid out as `[indicators J][sub-dimensions S][dimensions D][total]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Hierarchy {
    pub year: u16,
    pub indicator_ids: Vec<String>,
    pub sub_codes: Vec<String>,
    /// k of each sub-dimension's dimension (the structure's, not the covered count).
    pub sub_k: Vec<usize>,
    pub dim_codes: Vec<String>,
    sub_members: Vec<Vec<usize>>,
    dim_subs: Vec<Vec<usize>>,
}

/// The aggregation for one domain, given which indicators have data there.
#[derive(Debug, Clone)]
pub struct AggregationPlan {
    j: usize,
    subs: Vec<(Vec<usize>, f64)>,
    dims: Vec<(Vec<usize>, f64)>,
}

impl Hierarchy {
    /// The questionnaire must be valid for the structure (see `Questionnaire::validate`);
    /// indicators of sub-dimensions absent that year are ignored.
    pub fn new(structure: &YearStructure, q: &Questionnaire) -> Hierarchy {
        let mut sub_codes = Vec::new();
        let mut sub_k = Vec::new();
        let mut sub_members = Vec::new();
        let mut dim_subs = Vec::new();
        for d in &structure.dimensions {
            let mut mine = Vec::new();
            for s in &d.subdimensions {
                mine.push(sub_codes.len());
                sub_codes.push(s.code.clone());
                sub_k.push(d.k());
                sub_members.push(
                    q.indicators
                        .iter()
                        .enumerate()
                        .filter(|(_, i)| i.subdimension == s.code)
                        .map(|(j, _)| j)
                        .collect(),
                );
            }
            dim_subs.push(mine);
        }
        Hierarchy {
            year: structure.year,
            indicator_ids: q.indicators.iter().map(|i| i.id.clone()).collect(),
            sub_codes,
            sub_k,
            dim_codes: structure
                .dimensions
                .iter()
                .map(|d| d.code.clone())
                .collect(),
            sub_members,
            dim_subs,
        }
    }

    pub fn n_indicators(&self) -> usize {
        self.indicator_ids.len()
    }

    /// J + S + D + 1.
    pub fn n_estimates(&self) -> usize {
        self.indicator_ids.len() + self.sub_codes.len() + self.dim_codes.len() + 1
    }

    /// The aggregation plan for a domain whose indicator means are `r` (NaN = no data).
    pub fn plan(&self, r: &[f64]) -> AggregationPlan {
        let subs: Vec<(Vec<usize>, f64)> = self
            .sub_members
            .iter()
            .map(|m| {
                let avail: Vec<usize> = m.iter().copied().filter(|&j| r[j].is_finite()).collect();
                let w = 1.0 / avail.len() as f64;
                (avail, w)
            })
            .collect();
        let dims = self
            .dim_subs
            .iter()
            .map(|ss| {
                let avail: Vec<usize> = ss
                    .iter()
                    .copied()
                    .filter(|&s| !subs[s].0.is_empty())
                    .collect();
                let w = 1.0 / avail.len() as f64;
                (avail, w)
            })
            .collect();
        AggregationPlan {
            j: r.len(),
            subs,
            dims,
        }
    }

    /// Point estimates of every score from indicator means.
    pub fn combine(&self, r: &[f64]) -> Vec<f64> {
        let mut out = vec![0.0; self.n_estimates()];
        self.plan(r).apply(r, &mut out);
        out
    }

    /// Sub-dimensions with no indicator with data in this plan.
    pub fn missing_subdimensions(&self, plan: &AggregationPlan) -> Vec<String> {
        plan.subs
            .iter()
            .zip(&self.sub_codes)
            .filter(|(s, _)| s.0.is_empty())
            .map(|(_, c)| c.clone())
            .collect()
    }
}

impl AggregationPlan {
    /// Apply the (linear) aggregation to per-indicator values `u` (means or influence values),
    /// writing all J + S + D + 1 outputs. Unavailable scores are NaN.
    #[inline]
    pub fn apply(&self, u: &[f64], out: &mut [f64]) {
        let j = self.j;
        out[..j].copy_from_slice(&u[..j]);
        let s0 = j;
        for (s, (members, w)) in self.subs.iter().enumerate() {
            out[s0 + s] = if members.is_empty() {
                f64::NAN
            } else {
                members.iter().map(|&m| u[m]).sum::<f64>() * w
            };
        }
        let d0 = s0 + self.subs.len();
        let mut total = 0.0;
        for (d, (subs, w)) in self.dims.iter().enumerate() {
            let v = if subs.is_empty() {
                f64::NAN
            } else {
                subs.iter().map(|&s| out[s0 + s]).sum::<f64>() * w
            };
            out[d0 + d] = v;
            if !subs.is_empty() {
                total += v;
            }
        }
        out[d0 + self.dims.len()] = if self.dims.iter().all(|d| d.0.is_empty()) {
            f64::NAN
        } else {
            total
        };
    }
}
