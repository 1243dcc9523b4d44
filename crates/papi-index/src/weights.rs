//! Survey weights (papi-method.md §1.4): base weight N_village / n_village (every village is
//! covered and respondents are drawn at random within it), then calibration of the commune's
//! weighted sample to its population by sex × age band: post-stratification when every cell
//! has enough respondents, raking (iterative proportional fitting to the sex and the age-band
//! margins) when some cell is too thin.
//!
//! Cells are numbered `sex * n_age + age` (sex 0 = F, 1 = M). Because the base weight is
//! constant within a village and calibration multiplies it by a factor per cell, every final
//! weight is `base[village] * factor[cell]`: the variance code relies on this.

use serde::{Deserialize, Serialize};

/// A cell with fewer respondents than this (or none) is "too thin" to be post-stratified on
/// its own: its factor would rest on a handful of people (or be undefined), so we rake to the
/// margins instead.
pub const MIN_CELL_RESPONDENTS: usize = 5;

/// How the weights were calibrated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Calibration {
    /// No population cells given: base weights only.
    None,
    PostStratified,
    Raked,
}

/// Raking stopping rule.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RakeOptions {
    /// Stop when every margin is met to this relative error.
    pub tolerance: f64,
    pub max_iterations: usize,
}

impl Default for RakeOptions {
    fn default() -> Self {
        RakeOptions {
            tolerance: 1e-10,
            max_iterations: 1000,
        }
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum WeightError {
    #[error("village {village}: no respondents, so no base weight")]
    EmptyVillage { village: usize },
    #[error("raking did not converge in {iterations} iterations (largest margin error {error:e})")]
    NotConverged { iterations: usize, error: f64 },
    #[error("{margin} `{index}` has population {population} but no respondents: cannot calibrate")]
    EmptyMargin {
        margin: &'static str,
        index: usize,
        population: f64,
    },
    #[error("population table has {got} cells, expected {expected}")]
    CellCount { got: usize, expected: usize },
    #[error("{failed} of {total} bootstrap replicates miss a whole sex or age group and cannot be calibrated: too few villages or answers for the bootstrap here; use linearisation")]
    ReplicatesFailed { failed: usize, total: usize },
}

/// Base weights per village: adult population / respondents.
pub fn base_weights(adults: &[f64], respondents: &[usize]) -> Result<Vec<f64>, WeightError> {
    adults
        .iter()
        .zip(respondents)
        .enumerate()
        .map(|(v, (&n_pop, &n))| {
            if n == 0 {
                Err(WeightError::EmptyVillage { village: v })
            } else {
                Ok(n_pop / n as f64)
            }
        })
        .collect()
}

/// Post-stratification factors: population / weighted sample total per cell.
/// Cells with no population and no sample get factor 1 (they hold nobody).
pub fn post_stratify(sample: &[f64], population: &[f64]) -> Result<Vec<f64>, WeightError> {
    sample
        .iter()
        .zip(population)
        .enumerate()
        .map(|(c, (&s, &p))| {
            if s > 0.0 {
                Ok(p / s)
            } else if p > 0.0 {
                Err(WeightError::EmptyMargin {
                    margin: "cell",
                    index: c,
                    population: p,
                })
            } else {
                Ok(1.0)
            }
        })
        .collect()
}

/// Raking factors for a `rows × cols` table of weighted sample totals (row-major) to row and
/// column margins, by iterative proportional fitting.
pub fn rake(
    sample: &[f64],
    rows: usize,
    cols: usize,
    row_margins: &[f64],
    col_margins: &[f64],
    opts: RakeOptions,
) -> Result<Vec<f64>, WeightError> {
    for (margin, m, n, idx) in [
        ("row", row_margins, rows, 0),
        ("column", col_margins, cols, 1),
    ] {
        for (k, &pop) in m.iter().enumerate().take(n) {
            let s: f64 = (0..if idx == 0 { cols } else { rows })
                .map(|o| {
                    if idx == 0 {
                        sample[k * cols + o]
                    } else {
                        sample[o * cols + k]
                    }
                })
                .sum();
            if s <= 0.0 && pop > 0.0 {
                return Err(WeightError::EmptyMargin {
                    margin,
                    index: k,
                    population: pop,
                });
            }
        }
    }
    let mut f = vec![1.0; rows * cols];
    let mut err = f64::INFINITY;
    for _ in 0..opts.max_iterations {
        for r in 0..rows {
            let s: f64 = (0..cols)
                .map(|c| sample[r * cols + c] * f[r * cols + c])
                .sum();
            if s > 0.0 {
                (0..cols).for_each(|c| f[r * cols + c] *= row_margins[r] / s);
            }
        }
        for c in 0..cols {
            let s: f64 = (0..rows)
                .map(|r| sample[r * cols + c] * f[r * cols + c])
                .sum();
            if s > 0.0 {
                (0..rows).for_each(|r| f[r * cols + c] *= col_margins[c] / s);
            }
        }
        // columns are exact now; check rows
        err = (0..rows)
            .map(|r| {
                let s: f64 = (0..cols)
                    .map(|c| sample[r * cols + c] * f[r * cols + c])
                    .sum();
                if row_margins[r] > 0.0 {
                    ((s - row_margins[r]) / row_margins[r]).abs()
                } else {
                    s.abs()
                }
            })
            .fold(0.0, f64::max);
        if err <= opts.tolerance {
            return Ok(f);
        }
    }
    Err(WeightError::NotConverged {
        iterations: opts.max_iterations,
        error: err,
    })
}

/// The commune's population cells by sex × age band.
#[derive(Debug, Clone, PartialEq)]
pub struct Cells {
    pub n_age: usize,
    /// Population per cell, `sex * n_age + age`; empty = no calibration.
    pub population: Vec<f64>,
}

impl Cells {
    /// The number of the sex × age cell (`sex` 0 = F, 1 = M; `age` the band's position): the
    /// one numbering every reader and the weighting use.
    pub fn cell(sex: usize, age: usize, n_age: usize) -> usize {
        sex * n_age + age
    }

    pub fn n_cells(&self) -> usize {
        2 * self.n_age
    }

    fn margins(&self) -> (Vec<f64>, Vec<f64>) {
        let a = self.n_age;
        let sex = (0..2)
            .map(|s| self.population[s * a..(s + 1) * a].iter().sum())
            .collect();
        let age = (0..a)
            .map(|g| self.population[g] + self.population[a + g])
            .collect();
        (sex, age)
    }

    /// Calibration factors per cell for weighted sample totals `sample` and respondent counts
    /// `counts`: post-stratification if every populated cell has ≥ [`MIN_CELL_RESPONDENTS`],
    /// otherwise raking to the sex and age margins.
    pub fn calibrate(
        &self,
        sample: &[f64],
        counts: &[usize],
        opts: RakeOptions,
    ) -> Result<(Vec<f64>, Calibration), WeightError> {
        let n = self.n_cells();
        if self.population.is_empty() {
            return Ok((vec![1.0; sample.len()], Calibration::None));
        }
        if self.population.len() != n {
            return Err(WeightError::CellCount {
                got: self.population.len(),
                expected: n,
            });
        }
        let thin = (0..n).any(|c| self.population[c] > 0.0 && counts[c] < MIN_CELL_RESPONDENTS);
        if !thin {
            return Ok((
                post_stratify(sample, &self.population)?,
                Calibration::PostStratified,
            ));
        }
        let (sex, age) = self.margins();
        Ok((
            rake(sample, 2, self.n_age, &sex, &age, opts)?,
            Calibration::Raked,
        ))
    }

    /// Residual factors for linearisation after calibration: the fit of z/w on the calibration
    /// model (cell means for post-stratification, sex + age main effects for raking) by least
    /// squares weighted by the **base** (pre-calibration) weights b, as in Deville & Särndal's
    /// g-weighted residuals and R `survey`'s `calibrate()` (which regresses x/w on the model with
    /// weights b). Inputs are cell totals `zc = Σ z/g = Σ z / factor[cell]` and `wc = Σ b`. The
    /// linearised value of respondent i becomes z_i − w_i · fit[cell(i)] (w final weight).
    ///
    /// For post-stratification fit[c] = Σ_c z / Σ_c w whichever weights the regression uses
    /// (the factor is constant in a cell): z_i − w_i Σ_c z / Σ_c w, as R `postStratify`, which
    /// reproduces the golden post-stratified SE (papi-method.md §4.3: 0.74247). For raking the
    /// factor varies within a sex or age margin, and weighting the regression by the final
    /// weights instead (as papi-index did before the comparison with R) gives SEs off by up
    /// to ~2 % from R's `calibrate(calfun = "raking")` (tests/against_r.rs).
    pub fn residual_fit(&self, kind: Calibration, zc: &[f64], wc: &[f64]) -> Vec<f64> {
        let n = zc.len();
        match kind {
            Calibration::None => vec![0.0; n],
            Calibration::PostStratified => (0..n)
                .map(|c| if wc[c] > 0.0 { zc[c] / wc[c] } else { 0.0 })
                .collect(),
            Calibration::Raked => {
                // backfitting of fit[s, a] = alpha[s] + beta[a]; converges to the WLS projection
                let a = self.n_age;
                let mut alpha = [0.0f64; 2];
                let mut beta = vec![0.0f64; a];
                for _ in 0..200 {
                    let mut change = 0.0f64;
                    for (s, al) in alpha.iter_mut().enumerate() {
                        let (mut num, mut den) = (0.0, 0.0);
                        for (g, b) in beta.iter().enumerate() {
                            num += zc[s * a + g] - wc[s * a + g] * b;
                            den += wc[s * a + g];
                        }
                        let new = if den > 0.0 { num / den } else { 0.0 };
                        change = change.max((new - *al).abs());
                        *al = new;
                    }
                    for (g, b) in beta.iter_mut().enumerate() {
                        let (mut num, mut den) = (0.0, 0.0);
                        for (s, al) in alpha.iter().enumerate() {
                            num += zc[s * a + g] - wc[s * a + g] * al;
                            den += wc[s * a + g];
                        }
                        let new = if den > 0.0 { num / den } else { 0.0 };
                        change = change.max((new - *b).abs());
                        *b = new;
                    }
                    if change < 1e-15 {
                        break;
                    }
                }
                (0..n).map(|c| alpha[c / a] + beta[c % a]).collect()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn post_stratified_cells_hit_population() {
        let sample = [10.0, 20.0, 30.0, 40.0];
        let pop = [15.0, 15.0, 35.0, 35.0];
        let f = post_stratify(&sample, &pop).unwrap();
        for c in 0..4 {
            assert!((sample[c] * f[c] - pop[c]).abs() < 1e-12);
        }
        assert!(post_stratify(&[0.0, 1.0], &[3.0, 1.0]).is_err());
    }

    #[test]
    fn raking_meets_margins() {
        // 2 sexes × 3 ages, one empty cell
        let sample = [10.0, 0.0, 7.0, 12.0, 9.0, 3.0];
        let (rows, cols) = ([100.0, 90.0], [60.0, 50.0, 80.0]);
        let f = rake(&sample, 2, 3, &rows, &cols, RakeOptions::default()).unwrap();
        for r in 0..2 {
            let s: f64 = (0..3).map(|c| sample[r * 3 + c] * f[r * 3 + c]).sum();
            assert!((s - rows[r]).abs() < 1e-8);
        }
        for c in 0..3 {
            let s: f64 = (0..2).map(|r| sample[r * 3 + c] * f[r * 3 + c]).sum();
            assert!((s - cols[c]).abs() < 1e-8);
        }
        assert!(f.iter().all(|x| *x > 0.0));
    }

    #[test]
    fn raking_reports_non_convergence_and_empty_margins() {
        // inconsistent margins (row sum 10 vs column sum 20) never converge
        let e = rake(
            &[1.0, 1.0, 1.0, 1.0],
            2,
            2,
            &[5.0, 5.0],
            &[10.0, 10.0],
            RakeOptions {
                tolerance: 1e-10,
                max_iterations: 50,
            },
        );
        assert!(matches!(
            e,
            Err(WeightError::NotConverged { iterations: 50, .. })
        ));
        let e = rake(
            &[0.0, 0.0, 1.0, 1.0],
            2,
            2,
            &[5.0, 5.0],
            &[5.0, 5.0],
            RakeOptions::default(),
        );
        assert!(matches!(
            e,
            Err(WeightError::EmptyMargin {
                margin: "row",
                index: 0,
                ..
            })
        ));
    }

    #[test]
    fn calibrate_chooses_raking_for_thin_cells() {
        let cells = Cells {
            n_age: 2,
            population: vec![30.0, 20.0, 25.0, 25.0],
        };
        let (_, k) = cells
            .calibrate(&[5.0, 5.0, 5.0, 5.0], &[5, 5, 5, 5], RakeOptions::default())
            .unwrap();
        assert_eq!(k, Calibration::PostStratified);
        let (f, k) = cells
            .calibrate(&[5.0, 1.0, 5.0, 5.0], &[5, 1, 5, 5], RakeOptions::default())
            .unwrap();
        assert_eq!(k, Calibration::Raked);
        let s = [5.0, 1.0, 5.0, 5.0];
        let female: f64 = (0..2).map(|c| s[c] * f[c]).sum();
        assert!((female - 50.0).abs() < 1e-8);
        assert!(base_weights(&[100.0, 50.0], &[10, 0]).is_err());
        assert_eq!(base_weights(&[100.0], &[20]).unwrap(), vec![5.0]);
    }
}
