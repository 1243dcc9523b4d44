//! Rao–Wu rescaling bootstrap (papi-method.md §4.2): in each replicate, draw n_h − 1 units
//! with replacement from the n_h of each stratum; unit i gets weight multiplier
//! m_i · n_h/(n_h − 1), m_i = times drawn. The **whole pipeline** is replicated: calibration
//! factors are recomputed from the replicate's weighted cell totals (same calibration kind as
//! the full sample; a replicate in which post-stratification meets an empty cell is raked),
//! then indicator means, sub-dimensions, dimensions and total. Var = Σ_b (θ_b − θ̄)² / (R − 1).
//!
//! - [`Design::Clusters`]: the units are villages (one stratum: the commune). Every estimate
//!   is a function of per-(village, cell) totals, so a replicate costs O(villages × cells ×
//!   indicators), independent of the number of respondents. Village SEs are the cluster
//!   design's linearised domain SEs: a village is one PSU, so they only carry the commune's
//!   calibration (see `Method::village_variance` and `Method::village_interval`).
//! - [`Design::Strata`]: the units are respondents within each village; a replicate costs one
//!   pass over the respondents (O(n × indicators)), so linearisation is the default there.
//!   Village SEs come from the same replicates.
//!
//! Replicate b uses ChaCha8 seeded with `seed`, stream b: results do not depend on threads.

use crate::results::{
    Design, DomainResults, Method, SurveyResults, VarianceMethod, VillageInterval, VillageResults,
};
use crate::survey::Survey;
use crate::weights::{Calibration, Cells, WeightError};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use std::collections::BTreeMap;

fn rng(seed: u64, b: usize) -> ChaCha8Rng {
    let mut r = ChaCha8Rng::seed_from_u64(seed);
    r.set_stream(b as u64);
    r
}

/// Rao–Wu multipliers for `n` units: n − 1 draws with replacement, rescaled by n/(n − 1).
/// A lone unit keeps multiplier 1 (it contributes no variance).
pub fn rao_wu_multipliers(n: usize, rng: &mut impl Rng) -> Vec<f64> {
    let mut m = vec![0.0; n];
    if n < 2 {
        return vec![1.0; n];
    }
    for _ in 0..n - 1 {
        m[rng.gen_range(0..n)] += 1.0;
    }
    let f = n as f64 / (n as f64 - 1.0);
    m.iter_mut().for_each(|x| *x *= f);
    m
}

/// Calibration factors for a replicate: the full sample's calibration kind, raking as the
/// fallback when a post-stratum is empty in the replicate.
fn replicate_factors(survey: &Survey, cell_w: &[f64]) -> Result<Vec<f64>, WeightError> {
    let cells: &Cells = &survey.frame.cells;
    match survey.calibration {
        Calibration::None => Ok(vec![1.0; cell_w.len()]),
        Calibration::PostStratified => crate::weights::post_stratify(cell_w, &cells.population)
            .or_else(|_| rake_cells(cells, cell_w, survey)),
        Calibration::Raked => rake_cells(cells, cell_w, survey),
    }
}

fn rake_cells(cells: &Cells, cell_w: &[f64], survey: &Survey) -> Result<Vec<f64>, WeightError> {
    let a = cells.n_age;
    let p = &cells.population;
    let sex: Vec<f64> = (0..2).map(|s| p[s * a..(s + 1) * a].iter().sum()).collect();
    let age: Vec<f64> = (0..a).map(|g| p[g] + p[a + g]).collect();
    crate::weights::rake(cell_w, 2, a, &sex, &age, survey.opts.rake)
}

fn variance(reps: &[Vec<f64>], t: usize) -> f64 {
    let vals: Vec<f64> = reps
        .iter()
        .map(|r| r[t])
        .filter(|x| x.is_finite())
        .collect();
    let n = vals.len() as f64;
    if n < 2.0 {
        return f64::NAN;
    }
    let mean = vals.iter().sum::<f64>() / n;
    vals.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0)
}

/// Bootstrap SEs with `replicates` Rao–Wu replicates from `seed`.
pub fn bootstrap(
    survey: &Survey,
    design: Design,
    replicates: usize,
    seed: u64,
) -> Result<SurveyResults, WeightError> {
    let h = &survey.h;
    let (r, _) = survey.commune_means(&survey.g, None);
    let plan = h.plan(&r);
    let mut point = vec![0.0; h.n_estimates()];
    plan.apply(&r, &mut point);
    let method = VarianceMethod::Bootstrap { replicates, seed };
    let n_psu = (0..survey.n_villages())
        .filter(|&v| !survey.ranges[v].is_empty())
        .count();
    let (commune_reps, villages, village_variance, df) = match design {
        Design::Clusters => {
            let reps = cluster_replicates(survey, replicates, seed)?;
            (
                reps,
                crate::variance::linearise::village_results_linearised(survey),
                VarianceMethod::Linearisation,
                n_psu as f64 - 1.0,
            )
        }
        Design::Strata => {
            let (reps, village_reps) = strata_replicates(survey, replicates, seed)?;
            let v = villages_from_reps(survey, &village_reps);
            (reps, v, method, (survey.data.len() - n_psu) as f64)
        }
    };
    let se: Vec<f64> = (0..point.len())
        .map(|t| variance(&commune_reps, t).sqrt())
        .collect();
    let commune = DomainResults::build(
        h,
        survey.data.len(),
        &point,
        &se,
        survey.opts.ci,
        df,
        h.missing_subdimensions(&plan),
    );
    Ok(SurveyResults {
        commune,
        villages,
        method: Method {
            year: h.year,
            design,
            variance: method,
            village_variance,
            // under the cluster bootstrap the villages keep the cluster design's linearised
            // domain SEs (a village is one PSU); under strata they are resampled within it
            village_interval: VillageInterval::of(design),
            calibration: survey.calibration,
            ci: survey.opts.ci,
            min_village_respondents: survey.opts.min_village_respondents,
        },
    })
}

/// Replicate estimate vectors, villages resampled (totals only).
pub fn cluster_replicates(
    survey: &Survey,
    replicates: usize,
    seed: u64,
) -> Result<Vec<Vec<f64>>, WeightError> {
    let nv = survey.n_villages();
    let nc = survey.n_cells;
    let sampled: Vec<usize> = (0..nv).filter(|&v| !survey.ranges[v].is_empty()).collect();
    (0..replicates)
        .into_par_iter()
        .map(|b| {
            let mut rg = rng(seed, b);
            let draw = rao_wu_multipliers(sampled.len(), &mut rg);
            let mut m = vec![0.0; nv];
            for (k, &v) in sampled.iter().enumerate() {
                m[v] = draw[k];
            }
            let cell_w: Vec<f64> = (0..nc)
                .map(|c| (0..nv).map(|v| m[v] * survey.bn[v * nc + c]).sum())
                .collect();
            let Some(g) = usable(replicate_factors(survey, &cell_w))? else {
                return Ok(vec![f64::NAN; survey.h.n_estimates()]);
            };
            let (rb, _) = survey.commune_means(&g, Some(&m));
            Ok(survey.h.combine(&rb))
        })
        .collect::<Result<Vec<_>, WeightError>>()
        .and_then(|reps| check_failed(reps, |r| r.iter().all(|x| x.is_nan())))
}

/// A replicate that misses a whole sex or age group cannot be calibrated; it is left out of
/// the variance (its estimates are NaN) rather than failing the whole bootstrap.
fn usable(factors: Result<Vec<f64>, WeightError>) -> Result<Option<Vec<f64>>, WeightError> {
    match factors {
        Ok(g) => Ok(Some(g)),
        Err(WeightError::EmptyMargin { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// More than a tenth of the replicates left out makes the bootstrap untrustworthy.
fn check_failed<T>(reps: Vec<T>, failed: impl Fn(&T) -> bool) -> Result<Vec<T>, WeightError> {
    let n = reps.iter().filter(|r| failed(r)).count();
    if n * 10 > reps.len() {
        return Err(WeightError::ReplicatesFailed {
            failed: n,
            total: reps.len(),
        });
    }
    Ok(reps)
}

/// Replicates with respondents resampled within villages: commune and per-village estimates.
#[allow(clippy::type_complexity)]
fn strata_replicates(
    survey: &Survey,
    replicates: usize,
    seed: u64,
) -> Result<(Vec<Vec<f64>>, Vec<Vec<Vec<f64>>>), WeightError> {
    let (nv, nc, j) = (survey.n_villages(), survey.n_cells, survey.h.n_indicators());
    let out: Result<Vec<(Vec<f64>, Vec<Vec<f64>>)>, WeightError> = (0..replicates)
        .into_par_iter()
        .map(|b| {
            let mut rg = rng(seed, b);
            let mut rep = survey.clone_totals_shape();
            for v in 0..nv {
                let range = survey.ranges[v].clone();
                let m = rao_wu_multipliers(range.len(), &mut rg);
                for (i, mi) in range.zip(m) {
                    if mi == 0.0 {
                        continue;
                    }
                    let c = survey.data.cell[i] as usize;
                    let bw = mi * survey.data.weight[i];
                    rep.bn[v * nc + c] += bw;
                    let o = (v * nc + c) * j;
                    for (k, x) in survey.data.row(i).iter().enumerate() {
                        if !x.is_nan() {
                            rep.bs[o + k] += bw * *x as f64;
                            rep.bk[o + k] += bw;
                        }
                    }
                }
            }
            let cell_w: Vec<f64> = (0..nc)
                .map(|c| (0..nv).map(|v| rep.bn[v * nc + c]).sum())
                .collect();
            let Some(g) = usable(replicate_factors(survey, &cell_w))? else {
                let none = vec![f64::NAN; survey.h.n_estimates()];
                return Ok((none.clone(), vec![none; nv]));
            };
            let (rb, _) = rep.commune_means(survey, &g);
            let commune = survey.h.combine(&rb);
            let villages = (0..nv)
                .map(|v| survey.h.combine(&rep.village_means(survey, v, &g)))
                .collect();
            Ok((commune, villages))
        })
        .collect();
    let out = check_failed(out?, |(c, _)| c.iter().all(|x| x.is_nan()))?;
    let mut commune = Vec::with_capacity(replicates);
    let mut villages = vec![Vec::with_capacity(replicates); nv];
    for (c, vs) in out {
        commune.push(c);
        for (v, x) in vs.into_iter().enumerate() {
            villages[v].push(x);
        }
    }
    Ok((commune, villages))
}

fn villages_from_reps(survey: &Survey, reps: &[Vec<Vec<f64>>]) -> BTreeMap<String, VillageResults> {
    let h = &survey.h;
    (0..survey.n_villages())
        .map(|v| {
            let (rv, _) = survey.village_means(v, &survey.g);
            let plan = h.plan(&rv);
            let mut point = vec![0.0; h.n_estimates()];
            plan.apply(&rv, &mut point);
            let nh = survey.ranges[v].len();
            let se: Vec<f64> = (0..point.len())
                .map(|t| variance(&reps[v], t).sqrt())
                .collect();
            let scores = DomainResults::build(
                h,
                nh,
                &point,
                &se,
                survey.opts.ci,
                nh as f64 - 1.0,
                h.missing_subdimensions(&plan),
            );
            (
                survey.frame.villages[v].clone(),
                VillageResults {
                    scores,
                    enough_answers: nh >= survey.opts.min_village_respondents,
                },
            )
        })
        .collect()
}

/// Replicate totals with the survey's shape.
pub(crate) struct RepTotals {
    bs: Vec<f64>,
    bk: Vec<f64>,
    bn: Vec<f64>,
}

impl Survey {
    fn clone_totals_shape(&self) -> RepTotals {
        RepTotals {
            bs: vec![0.0; self.bs.len()],
            bk: vec![0.0; self.bk.len()],
            bn: vec![0.0; self.bn.len()],
        }
    }
}

impl RepTotals {
    fn commune_means(&self, s: &Survey, g: &[f64]) -> (Vec<f64>, Vec<f64>) {
        let (nc, j) = (s.n_cells, s.h.n_indicators());
        let mut num = vec![0.0; j];
        let mut den = vec![0.0; j];
        for v in 0..s.n_villages() {
            for c in 0..nc {
                let o = (v * nc + c) * j;
                for k in 0..j {
                    num[k] += g[c] * self.bs[o + k];
                    den[k] += g[c] * self.bk[o + k];
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

    fn village_means(&self, s: &Survey, v: usize, g: &[f64]) -> Vec<f64> {
        let (nc, j) = (s.n_cells, s.h.n_indicators());
        (0..j)
            .map(|k| {
                let (mut n, mut d) = (0.0, 0.0);
                for c in 0..nc {
                    let o = (v * nc + c) * j + k;
                    n += g[c] * self.bs[o];
                    d += g[c] * self.bk[o];
                }
                if d > 0.0 {
                    n / d
                } else {
                    f64::NAN
                }
            })
            .collect()
    }
}
