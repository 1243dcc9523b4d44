//! One commune's sample, prepared for estimation: respondents grouped by village, base
//! weights, calibration factors, and the per-(village, cell, indicator) weighted totals that
//! every estimator here is a function of (papi-method.md §1.3, §1.4, §4.2).

use crate::scoring::Hierarchy;
use crate::weights::{Calibration, Cells, RakeOptions, WeightError};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// Villages with fewer respondents than this are reported as "not enough answers" and never
/// ranked: with < 30 answers a village interval on the 1–10 scale is typically ±2 points or
/// wider (papi-method.md §4.4), so a ranking would be noise.
pub const MIN_VILLAGE_RESPONDENTS: usize = 30;

/// Respondents in memory: village index, sex × age cell, design weight, and one rescaled
/// (1–10) value per indicator, NaN where not eligible or missing. Row-major `f32` keeps
/// 1,000,000 × 120 answers under 0.5 GB.
#[derive(Debug, Clone, Default)]
pub struct Respondents {
    n_indicators: usize,
    pub(crate) village: Vec<u32>,
    pub(crate) cell: Vec<u16>,
    pub(crate) weight: Vec<f64>,
    scores: Vec<f32>,
}

impl Respondents {
    pub fn new(n_indicators: usize) -> Self {
        Respondents {
            n_indicators,
            ..Default::default()
        }
    }

    pub fn with_capacity(n_indicators: usize, rows: usize) -> Self {
        Respondents {
            n_indicators,
            village: Vec::with_capacity(rows),
            cell: Vec::with_capacity(rows),
            weight: Vec::with_capacity(rows),
            scores: Vec::with_capacity(rows * n_indicators),
        }
    }

    /// Add a respondent with design weight 1 (the usual case: the base weight then comes from
    /// the village population, see [`Frame::adults`]).
    pub fn push(&mut self, village: usize, cell: usize, scores: &[f32]) {
        self.push_weighted(village, cell, 1.0, scores)
    }

    /// Add a respondent with an explicit design weight.
    pub fn push_weighted(&mut self, village: usize, cell: usize, weight: f64, scores: &[f32]) {
        assert_eq!(scores.len(), self.n_indicators, "one score per indicator");
        self.village.push(village as u32);
        self.cell.push(cell as u16);
        self.weight.push(weight);
        self.scores.extend_from_slice(scores);
    }

    /// Append all respondents of `other` (same indicators).
    pub fn append(&mut self, mut other: Respondents) {
        assert_eq!(other.n_indicators, self.n_indicators);
        self.village.append(&mut other.village);
        self.cell.append(&mut other.cell);
        self.weight.append(&mut other.weight);
        self.scores.append(&mut other.scores);
    }

    pub fn len(&self) -> usize {
        self.village.len()
    }

    pub fn is_empty(&self) -> bool {
        self.village.is_empty()
    }

    pub fn n_indicators(&self) -> usize {
        self.n_indicators
    }

    /// Village index of respondent `i`.
    pub fn village(&self, i: usize) -> usize {
        self.village[i] as usize
    }

    /// Sex × age cell of respondent `i`.
    pub fn cell(&self, i: usize) -> usize {
        self.cell[i] as usize
    }

    /// Design weight of respondent `i` (before the village base weight is applied).
    pub fn weight(&self, i: usize) -> f64 {
        self.weight[i]
    }

    /// The scores of respondent `i`.
    pub fn row(&self, i: usize) -> &[f32] {
        &self.scores[i * self.n_indicators..(i + 1) * self.n_indicators]
    }

    /// All scores, row-major.
    pub fn scores(&self) -> &[f32] {
        &self.scores
    }
}

/// The commune's frame: its villages, their adult population (for base weights) and the
/// population by sex × age band (for calibration).
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    pub villages: Vec<String>,
    /// Adults per village; `None` = use the respondents' design weights as they are.
    pub adults: Option<Vec<f64>>,
    pub cells: Cells,
}

/// Options of the estimation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    pub rake: RakeOptions,
    pub ci: CiMethod,
    pub min_village_respondents: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            rake: RakeOptions::default(),
            ci: CiMethod::Normal,
            min_village_respondents: MIN_VILLAGE_RESPONDENTS,
        }
    }
}

/// How a 95 % interval is formed from an estimate and its SE.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CiMethod {
    /// estimate ± 1.96 SE (R `confint` default).
    Normal,
    /// estimate ± t(0.975, df) SE with the design degrees of freedom (#PSU − #strata).
    StudentT,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SurveyError {
    #[error(transparent)]
    Weights(#[from] WeightError),
    #[error("respondent {row}: village index {village} not in the frame ({n} villages)")]
    UnknownVillage {
        row: usize,
        village: usize,
        n: usize,
    },
    #[error("respondent {row}: cell {cell} not in the frame ({n} cells)")]
    UnknownCell { row: usize, cell: usize, n: usize },
    #[error("{got} indicators in the responses, {expected} in the questionnaire")]
    IndicatorCount { got: usize, expected: usize },
    #[error("no respondents")]
    Empty,
}

/// A commune's sample ready for estimation.
#[derive(Debug, Clone)]
pub struct Survey {
    pub(crate) h: Hierarchy,
    pub(crate) frame: Frame,
    pub(crate) opts: Options,
    /// Respondents sorted by village; `ranges[v]` are village v's rows.
    pub(crate) data: Respondents,
    pub(crate) ranges: Vec<Range<usize>>,
    pub(crate) n_cells: usize,
    /// Σ b r, Σ b·present per (village, cell, indicator), b = base weight.
    pub(crate) bs: Vec<f64>,
    pub(crate) bk: Vec<f64>,
    /// Σ b and respondent count per (village, cell).
    pub(crate) bn: Vec<f64>,
    pub(crate) n_vc: Vec<usize>,
    /// Calibration factor per cell.
    pub(crate) g: Vec<f64>,
    pub(crate) calibration: Calibration,
}

impl Survey {
    /// Prepare a commune's sample: group by village, apply base weights, compute the totals and
    /// calibrate. Cells are `sex * n_age + age` as in [`Cells`]; with no population cells
    /// (`cells.population` empty) every respondent must be in cell 0 … n_cells − 1 anyway.
    pub fn new(
        h: Hierarchy,
        frame: Frame,
        mut data: Respondents,
        opts: Options,
    ) -> Result<Survey, SurveyError> {
        let nv = frame.villages.len();
        let nc = frame.cells.n_cells();
        let j = h.n_indicators();
        if data.n_indicators != j {
            return Err(SurveyError::IndicatorCount {
                got: data.n_indicators,
                expected: j,
            });
        }
        if data.is_empty() {
            return Err(SurveyError::Empty);
        }
        for (row, (&v, &c)) in data.village.iter().zip(&data.cell).enumerate() {
            if v as usize >= nv {
                return Err(SurveyError::UnknownVillage {
                    row,
                    village: v as usize,
                    n: nv,
                });
            }
            if c as usize >= nc {
                return Err(SurveyError::UnknownCell {
                    row,
                    cell: c as usize,
                    n: nc,
                });
            }
        }
        if !data.village.windows(2).all(|w| w[0] <= w[1]) {
            data = sort_by_village(data);
        }
        let mut ranges = vec![0..0; nv];
        let mut start = 0;
        for v in 0..nv {
            let end = start
                + data.village[start..]
                    .iter()
                    .take_while(|&&x| x as usize == v)
                    .count();
            ranges[v] = start..end;
            start = end;
        }
        if let Some(adults) = &frame.adults {
            let counts: Vec<usize> = ranges.iter().map(|r| r.len()).collect();
            // villages without respondents get no weight; they are reported as empty
            for v in 0..nv {
                if counts[v] > 0 {
                    let b = adults[v] / counts[v] as f64;
                    data.weight[ranges[v].clone()]
                        .iter_mut()
                        .for_each(|w| *w *= b);
                }
            }
        }
        // per-village totals, in parallel over villages
        let per_village: Vec<VillageTotals> = ranges
            .par_iter()
            .map(|r| {
                let mut bs = vec![0.0; nc * j];
                let mut bk = vec![0.0; nc * j];
                let mut bn = vec![0.0; nc];
                let mut n = vec![0usize; nc];
                for i in r.clone() {
                    let c = data.cell[i] as usize;
                    let b = data.weight[i];
                    bn[c] += b;
                    n[c] += 1;
                    let row = data.row(i);
                    let (s, k) = (&mut bs[c * j..(c + 1) * j], &mut bk[c * j..(c + 1) * j]);
                    for ((x, s), k) in row.iter().zip(s.iter_mut()).zip(k.iter_mut()) {
                        if !x.is_nan() {
                            *s += b * *x as f64;
                            *k += b;
                        }
                    }
                }
                (bs, bk, bn, n)
            })
            .collect();
        let mut bs = Vec::with_capacity(nv * nc * j);
        let mut bk = Vec::with_capacity(nv * nc * j);
        let mut bn = Vec::with_capacity(nv * nc);
        let mut n_vc = Vec::with_capacity(nv * nc);
        for (a, b, c, d) in per_village {
            bs.extend(a);
            bk.extend(b);
            bn.extend(c);
            n_vc.extend(d);
        }
        let cell_w: Vec<f64> = (0..nc)
            .map(|c| (0..nv).map(|v| bn[v * nc + c]).sum())
            .collect();
        let cell_n: Vec<usize> = (0..nc)
            .map(|c| (0..nv).map(|v| n_vc[v * nc + c]).sum())
            .collect();
        let (g, calibration) = frame.cells.calibrate(&cell_w, &cell_n, opts.rake)?;
        Ok(Survey {
            h,
            frame,
            opts,
            data,
            ranges,
            n_cells: nc,
            bs,
            bk,
            bn,
            n_vc,
            g,
            calibration,
        })
    }

    pub fn hierarchy(&self) -> &Hierarchy {
        &self.h
    }

    pub fn calibration(&self) -> Calibration {
        self.calibration
    }

    /// Calibration factor per cell (final weight = base weight × factor).
    pub fn cell_factors(&self) -> &[f64] {
        &self.g
    }

    /// Final weight of every respondent, in the survey's (village-sorted) order.
    pub fn final_weights(&self) -> Vec<f64> {
        (0..self.data.len())
            .map(|i| self.data.weight[i] * self.g[self.data.cell[i] as usize])
            .collect()
    }

    /// Weighted population per cell after calibration (equals the population cells when
    /// post-stratified).
    pub fn calibrated_cell_totals(&self) -> Vec<f64> {
        let nv = self.frame.villages.len();
        (0..self.n_cells)
            .map(|c| (0..nv).map(|v| self.bn[v * self.n_cells + c]).sum::<f64>() * self.g[c])
            .collect()
    }

    /// Respondents per cell in the commune.
    pub fn cell_counts(&self) -> Vec<usize> {
        let nv = self.frame.villages.len();
        (0..self.n_cells)
            .map(|c| (0..nv).map(|v| self.n_vc[v * self.n_cells + c]).sum())
            .collect()
    }

    pub fn n_villages(&self) -> usize {
        self.frame.villages.len()
    }

    pub fn village_respondents(&self, v: usize) -> usize {
        self.ranges[v].len()
    }

    /// Indicator means from totals with cell factors `g`, for villages with multipliers `m`
    /// (None = all 1): R_j = Σ_vc m_v g_c bs / Σ_vc m_v g_c bk, and the denominators.
    pub(crate) fn commune_means(&self, g: &[f64], m: Option<&[f64]>) -> (Vec<f64>, Vec<f64>) {
        let (nc, j) = (self.n_cells, self.h.n_indicators());
        let mut num = vec![0.0; j];
        let mut den = vec![0.0; j];
        for v in 0..self.n_villages() {
            let mv = m.map_or(1.0, |m| m[v]);
            if mv == 0.0 {
                continue;
            }
            for c in 0..nc {
                let f = mv * g[c];
                let o = (v * nc + c) * j;
                for k in 0..j {
                    num[k] += f * self.bs[o + k];
                    den[k] += f * self.bk[o + k];
                }
            }
        }
        let r = num
            .iter()
            .zip(&den)
            .map(|(n, d)| if *d > 0.0 { n / d } else { f64::NAN })
            .collect();
        (r, den)
    }

    /// Village v's indicator means (calibrated weights) and denominators.
    pub(crate) fn village_means(&self, v: usize, g: &[f64]) -> (Vec<f64>, Vec<f64>) {
        let (nc, j) = (self.n_cells, self.h.n_indicators());
        let mut num = vec![0.0; j];
        let mut den = vec![0.0; j];
        for c in 0..nc {
            let o = (v * nc + c) * j;
            for k in 0..j {
                num[k] += g[c] * self.bs[o + k];
                den[k] += g[c] * self.bk[o + k];
            }
        }
        let r = num
            .iter()
            .zip(&den)
            .map(|(n, d)| if *d > 0.0 { n / d } else { f64::NAN })
            .collect();
        (r, den)
    }
}

/// Σ b r, Σ b·present (cell × indicator), Σ b and count (cell) of one village.
type VillageTotals = (Vec<f64>, Vec<f64>, Vec<f64>, Vec<usize>);

fn sort_by_village(d: Respondents) -> Respondents {
    let mut idx: Vec<u32> = (0..d.len() as u32).collect();
    idx.sort_by_key(|&i| d.village[i as usize]);
    let mut out = Respondents::with_capacity(d.n_indicators, d.len());
    for &i in &idx {
        let i = i as usize;
        out.push_weighted(
            d.village[i] as usize,
            d.cell[i] as usize,
            d.weight[i],
            d.row(i),
        );
    }
    out
}
