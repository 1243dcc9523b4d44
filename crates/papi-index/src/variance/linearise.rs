//! Taylor linearisation (papi-method.md §4.2), as R `survey` computes it.
//!
//! Indicator mean R_j = Σ w r / Σ w over eligible, non-missing respondents (a ratio
//! estimator); its influence value is z_ij = w_i (r_ij − R_j) / W_j where present, 0 elsewhere.
//! After calibration each z is replaced by its residual from the calibration model, fitted by
//! least squares weighted by the base weights as R `survey`'s `postStratify` and `calibrate`
//! do ([`Cells::residual_fit`](crate::weights::Cells::residual_fit)). Scores are linear in the
//! R_j, so their influence values are the same linear combinations of the z_ij ([`AggregationPlan`]).
//!
//! - Clusters (villages = PSUs, with replacement): Var = n/(n−1) Σ_v (Z_v − Z̄)², Z_v = Σ_{i∈v}
//!   z_i. Z_v needs only per-(village, cell) totals, no pass over respondents. df = n − 1.
//! - Strata (villages = strata, respondents = units): Var = Σ_h n_h/(n_h−1) Σ_{i∈h} (z_i −
//!   z̄_h)²; one pass over respondents. df = n − H. Strata with one respondent add nothing.
//!
//! Villages are **domains** of the commune's calibrated design, as R `survey` estimates
//! `subset(design, village == v)` (or `svyby(~…, ~village, design)`): the point estimate is the
//! village's ratio R_vj with the final weights; its influence value is z_i = w_i (r_ij − R_vj) /
//! W_vj inside the village and 0 outside; the calibration residual is fitted over the *whole*
//! commune sample (u_i = z_i − w_i f_c with f the domain fit, so respondents of other villages get
//! u_i = −w_i f_c), and the design's variance formula runs over all strata or PSUs. Without
//! calibration (f = 0) this is the village's own within-village linearisation, the golden
//! "village means (SE) under strata design". Degrees of freedom are the design's.
//!
//! Nothing loops villages × respondents: the fit f^(v) is a fixed linear map of the village's
//! per-cell totals; the village's own stratum is summed in the one pass over its respondents;
//! the other strata (or all PSUs) contribute a quadratic form in f^(v) whose matrix comes from
//! per-(village, cell) sums of w and w² (commune totals minus the village's own).
//!
//! Under the cluster design a village is ONE cluster: Σ_{i∈v} z_i = 0, so its domain variance is
//! only that of the calibration adjustment (0 without calibration). That is not a sampling
//! interval of the village and villages must not be compared by it
//! ([`VillageInterval::SingleCluster`]); under the strata design the village interval is a
//! sampling interval ([`VillageInterval::Domain`]).

use crate::results::{
    Design, DomainResults, Method, SurveyResults, VarianceMethod, VillageInterval, VillageResults,
};
use crate::scoring::AggregationPlan;
use crate::survey::Survey;
use crate::weights::Calibration;
use rayon::prelude::*;

/// What one village contributes: the commune strata sums (Σ u, Σ u² of its stratum) and its
/// domain estimates.
struct VillagePart {
    commune: Option<(Vec<f64>, Vec<f64>)>,
    /// Indicator means and the plan of the village.
    means: Vec<f64>,
    plan: AggregationPlan,
    /// Domain variance per estimate (NaN when the village has fewer than 2 respondents).
    var: Vec<f64>,
}

/// Per-(village, cell) sums the domain variances need, and the matrices of the quadratic forms.
struct DomainPrep {
    /// Linear map cell totals of z/g → residual fit per cell: fit = L zc (row-major nc × nc).
    l: Vec<f64>,
    /// W_vc = Σ w, per (village, cell).
    w: Vec<f64>,
    /// Strata: A_tot = Σ_h a_h (diag Q_h − W_h W_hᵀ / n_h); clusters: n/(n−1) (Σ_h W_h W_hᵀ −
    /// S Sᵀ / n). nc × nc.
    a_tot: Vec<f64>,
    /// Strata: Q_vc = Σ w², per (village, cell).
    q: Vec<f64>,
}

impl DomainPrep {
    fn new(survey: &Survey, design: Design, wb: &[f64]) -> DomainPrep {
        let (nv, nc) = (survey.n_villages(), survey.n_cells);
        let g = &survey.g;
        let mut l = vec![0.0; nc * nc];
        if survey.calibration != Calibration::None {
            let mut unit = vec![0.0; nc];
            for c2 in 0..nc {
                unit[c2] = 1.0;
                let f = survey
                    .frame
                    .cells
                    .residual_fit(survey.calibration, &unit, wb);
                unit[c2] = 0.0;
                for c in 0..nc {
                    l[c * nc + c2] = f[c];
                }
            }
        }
        let w: Vec<f64> = (0..nv * nc).map(|o| g[o % nc] * survey.bn[o]).collect();
        let mut a_tot = vec![0.0; nc * nc];
        match design {
            Design::Strata => {
                // Σ w² per (village, cell)
                let q: Vec<Vec<f64>> = (0..nv)
                    .into_par_iter()
                    .map(|v| {
                        let mut q = vec![0.0; nc];
                        for i in survey.ranges[v].clone() {
                            let c = survey.data.cell[i] as usize;
                            let x = survey.data.weight[i] * g[c];
                            q[c] += x * x;
                        }
                        q
                    })
                    .collect();
                for v in 0..nv {
                    add_stratum(&mut a_tot, survey, v, &w, &q[v], 1.0);
                }
                return DomainPrep {
                    l,
                    w,
                    a_tot,
                    q: q.concat(),
                };
            }
            Design::Clusters => {
                let psus: Vec<usize> = (0..nv).filter(|&v| !survey.ranges[v].is_empty()).collect();
                let n = psus.len() as f64;
                if n >= 2.0 {
                    let mut s = vec![0.0; nc];
                    for &v in &psus {
                        for c in 0..nc {
                            s[c] += w[v * nc + c];
                            for c2 in 0..nc {
                                a_tot[c * nc + c2] += w[v * nc + c] * w[v * nc + c2];
                            }
                        }
                    }
                    for c in 0..nc {
                        for c2 in 0..nc {
                            a_tot[c * nc + c2] =
                                n / (n - 1.0) * (a_tot[c * nc + c2] - s[c] * s[c2] / n);
                        }
                    }
                }
            }
        }
        DomainPrep {
            l,
            w,
            a_tot,
            q: Vec::new(),
        }
    }
}

/// Add `sign` × stratum v's matrix a_v (diag Q_v − W_v W_vᵀ / n_v) to `a`.
fn add_stratum(a: &mut [f64], survey: &Survey, v: usize, w: &[f64], q: &[f64], sign: f64) {
    let nc = survey.n_cells;
    let nh = survey.ranges[v].len();
    if nh < 2 {
        return;
    }
    let (n, f) = (nh as f64, sign * nh as f64 / (nh as f64 - 1.0));
    let wv = &w[v * nc..(v + 1) * nc];
    for c in 0..nc {
        a[c * nc + c] += f * q[c];
        for c2 in 0..nc {
            a[c * nc + c2] -= f * wv[c] * wv[c2] / n;
        }
    }
}

/// Linearised SEs for the commune (given design) and every village (domain estimates).
pub fn linearise(survey: &Survey, design: Design) -> SurveyResults {
    let h = &survey.h;
    let (nv, nc, j, e) = (
        survey.n_villages(),
        survey.n_cells,
        h.n_indicators(),
        h.n_estimates(),
    );
    let g = &survey.g;
    let (r, w_tot) = survey.commune_means(g, None);
    let plan = h.plan(&r);
    let mut point = vec![0.0; e];
    plan.apply(&r, &mut point);

    // calibration residual fit per cell and indicator: fit[c * j + k], a regression of z/w on
    // the calibration model weighted by the *base* weights (Deville–Särndal, R `calibrate`):
    // its inputs are the per-cell totals of z/g = Σ b (r − R)/W and of the base weights b
    let mut fit = vec![0.0; nc * j];
    let wb: Vec<f64> = (0..nc)
        .map(|c| (0..nv).map(|v| survey.bn[v * nc + c]).sum::<f64>())
        .collect();
    for k in 0..j {
        if w_tot[k] <= 0.0 {
            continue;
        }
        let zb: Vec<f64> = (0..nc)
            .map(|c| {
                (0..nv)
                    .map(|v| {
                        let o = (v * nc + c) * j + k;
                        (survey.bs[o] - r[k] * survey.bk[o]) / w_tot[k]
                    })
                    .sum()
            })
            .collect();
        let f = survey
            .frame
            .cells
            .residual_fit(survey.calibration, &zb, &wb);
        for c in 0..nc {
            fit[c * j + k] = f[c];
        }
    }

    let prep = DomainPrep::new(survey, design, &wb);
    let calibrated = survey.calibration != Calibration::None;

    // one pass over respondents, parallel over villages
    let want_strata = design == Design::Strata;
    let parts: Vec<VillagePart> = (0..nv)
        .into_par_iter()
        .map(|v| {
            let (rv, wv) = survey.village_means(v, g);
            let pv = h.plan(&rv);
            let nh = survey.ranges[v].len();
            // the domain fit per cell and indicator (fv[c * j + k]) and through the plan (F)
            let mut fv = vec![0.0; nc * j];
            let mut big_f = vec![0.0; nc * e];
            if calibrated {
                let mut zc = vec![0.0; nc];
                for k in 0..j {
                    if wv[k] <= 0.0 {
                        continue;
                    }
                    for (c, z) in zc.iter_mut().enumerate() {
                        let o = (v * nc + c) * j + k;
                        *z = (survey.bs[o] - rv[k] * survey.bk[o]) / wv[k];
                    }
                    for c in 0..nc {
                        fv[c * j + k] = (0..nc).map(|c2| prep.l[c * nc + c2] * zc[c2]).sum();
                    }
                }
                for c in 0..nc {
                    pv.apply(&fv[c * j..(c + 1) * j], &mut big_f[c * e..(c + 1) * e]);
                }
            }
            let mut u = vec![0.0; j];
            let mut z = vec![0.0; e];
            let mut own = (vec![0.0; e], vec![0.0; e]);
            let mut com = want_strata.then(|| (vec![0.0; e], vec![0.0; e]));
            if want_strata {
                for i in survey.ranges[v].clone() {
                    let c = survey.data.cell[i] as usize;
                    let w = survey.data.weight[i] * g[c];
                    let row = survey.data.row(i);
                    if let Some((s1, s2)) = com.as_mut() {
                        for k in 0..j {
                            let x = row[k];
                            let zi = if x.is_nan() || w_tot[k] <= 0.0 {
                                0.0
                            } else {
                                w * (x as f64 - r[k]) / w_tot[k]
                            };
                            u[k] = zi - w * fit[c * j + k];
                        }
                        plan.apply(&u, &mut z);
                        accumulate(s1, s2, &z);
                    }
                    for k in 0..j {
                        let x = row[k];
                        let zi = if x.is_nan() || wv[k] <= 0.0 {
                            0.0
                        } else {
                            w * (x as f64 - rv[k]) / wv[k]
                        };
                        u[k] = zi - w * fv[c * j + k];
                    }
                    pv.apply(&u, &mut z);
                    accumulate(&mut own.0, &mut own.1, &z);
                }
            }
            // the quadratic form of the other strata (or of all PSUs) in F
            let a: Vec<f64> = match design {
                Design::Strata if calibrated => {
                    let mut a = prep.a_tot.clone();
                    let q = &prep.q[v * nc..(v + 1) * nc];
                    add_stratum(&mut a, survey, v, &prep.w, q, -1.0);
                    a
                }
                Design::Strata => Vec::new(),
                Design::Clusters => prep.a_tot.clone(),
            };
            let var = (0..e)
                .map(|t| {
                    if nh < 2 {
                        return f64::NAN;
                    }
                    let mut var = 0.0;
                    if want_strata {
                        let f = nh as f64 / (nh as f64 - 1.0);
                        var += f * (own.1[t] - own.0[t] * own.0[t] / nh as f64);
                    }
                    if !a.is_empty() {
                        for c in 0..nc {
                            let fc = big_f[c * e + t];
                            if fc == 0.0 {
                                continue;
                            }
                            for c2 in 0..nc {
                                var += fc * a[c * nc + c2] * big_f[c2 * e + t];
                            }
                        }
                    }
                    var
                })
                .collect();
            VillagePart {
                commune: com,
                means: rv,
                plan: pv,
                var,
            }
        })
        .collect();

    let n_total: usize = survey.data.len();
    let n_psu = (0..nv).filter(|&v| !survey.ranges[v].is_empty()).count();
    let (var, df) = match design {
        Design::Strata => {
            let mut var = vec![0.0; e];
            for (v, s) in parts.iter().enumerate() {
                let nh = survey.ranges[v].len();
                if nh < 2 {
                    continue;
                }
                let (s1, s2) = s.commune.as_ref().expect("strata sums computed");
                let f = nh as f64 / (nh as f64 - 1.0);
                for t in 0..e {
                    var[t] += f * (s2[t] - s1[t] * s1[t] / nh as f64);
                }
            }
            (var, (n_total - n_psu) as f64)
        }
        Design::Clusters => {
            // Z_v per indicator from totals, then through the plan
            let mut zs: Vec<Vec<f64>> = Vec::with_capacity(n_psu);
            let mut u = vec![0.0; j];
            for v in (0..nv).filter(|&v| !survey.ranges[v].is_empty()) {
                u.iter_mut().for_each(|x| *x = 0.0);
                for c in 0..nc {
                    let o = (v * nc + c) * j;
                    let bn = survey.bn[v * nc + c];
                    for k in 0..j {
                        if w_tot[k] > 0.0 {
                            u[k] += g[c]
                                * ((survey.bs[o + k] - r[k] * survey.bk[o + k]) / w_tot[k]
                                    - bn * fit[c * j + k]);
                        }
                    }
                }
                let mut z = vec![0.0; e];
                plan.apply(&u, &mut z);
                zs.push(z);
            }
            let n = zs.len() as f64;
            let var = (0..e)
                .map(|t| {
                    let mean = zs.iter().map(|z| z[t]).sum::<f64>() / n;
                    n / (n - 1.0) * zs.iter().map(|z| (z[t] - mean).powi(2)).sum::<f64>()
                })
                .collect();
            (var, n - 1.0)
        }
    };
    let se: Vec<f64> = var.iter().map(|v| v.max(0.0).sqrt()).collect();
    let commune = DomainResults::build(
        h,
        n_total,
        &point,
        &se,
        survey.opts.ci,
        df,
        h.missing_subdimensions(&plan),
    );
    let village_results = village_results(survey, &parts, df);
    SurveyResults {
        commune,
        villages: village_results,
        method: Method {
            year: h.year,
            design,
            variance: VarianceMethod::Linearisation,
            village_variance: VarianceMethod::Linearisation,
            village_interval: VillageInterval::of(design),
            calibration: survey.calibration,
            ci: survey.opts.ci,
            min_village_respondents: survey.opts.min_village_respondents,
        },
    }
}

#[inline]
fn accumulate(s1: &mut [f64], s2: &mut [f64], z: &[f64]) {
    for ((a, b), x) in s1.iter_mut().zip(s2.iter_mut()).zip(z) {
        *a += x;
        *b += x * x;
    }
}

fn village_results(
    survey: &Survey,
    parts: &[VillagePart],
    df: f64,
) -> std::collections::BTreeMap<String, VillageResults> {
    let h = &survey.h;
    let e = h.n_estimates();
    parts
        .iter()
        .enumerate()
        .map(|(v, part)| {
            let nh = survey.ranges[v].len();
            let mut point = vec![0.0; e];
            part.plan.apply(&part.means, &mut point);
            let se: Vec<f64> = part.var.iter().map(|x| x.max(0.0).sqrt()).collect();
            let scores = DomainResults::build(
                h,
                nh,
                &point,
                &se,
                survey.opts.ci,
                df,
                h.missing_subdimensions(&part.plan),
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

/// Village results with the cluster design's linearised domain SEs (used by the cluster
/// bootstrap, whose replicates carry no information about a single village). The cluster
/// design needs no pass over respondents, so this is the cheap path.
pub(crate) fn village_results_linearised(
    survey: &Survey,
) -> std::collections::BTreeMap<String, VillageResults> {
    linearise(survey, Design::Clusters).villages
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::{Direction, Indicator, Questionnaire};
    use crate::survey::{Frame, Options, Respondents};
    use crate::weights::Cells;
    use crate::{Hierarchy, YearStructure};
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    /// A raked sample: men aged 18-34 almost absent, so the calibration factor varies within
    /// each sex and age margin; base weights differ by village; one indicator with missing.
    fn raked_survey() -> Survey {
        sample_survey(true)
    }

    /// The same sample; `thin`: men aged 18-34 almost absent (raked), else post-stratified.
    fn sample_survey(thin: bool) -> Survey {
        let st = YearStructure::for_year(2024).unwrap();
        let q = Questionnaire {
            year: 2024,
            indicators: vec![Indicator {
                id: "y".into(),
                subdimension: "SC11".into(),
                question: "y".into(),
                min: 1.0,
                max: 4.0,
                direction: Direction::Up,
                missing: vec![],
                relevant: None,
                values: Default::default(),
            }],
        };
        let mut rng = ChaCha8Rng::seed_from_u64(11);
        let mut d = Respondents::new(1);
        for v in 0..5 {
            for _ in 0..(30 + 10 * v) {
                let sex = usize::from(rng.gen_bool(0.5));
                let mut age = rng.gen_range(0..3);
                if thin && sex == 1 && age == 0 && rng.gen_bool(0.95) {
                    age = 2;
                }
                let x = if rng.gen_bool(0.1) {
                    f32::NAN
                } else {
                    (1 + 3 * (v + sex + age + rng.gen_range(0..4)) % 10) as f32
                };
                d.push(v, sex * 3 + age, &[x]);
            }
        }
        let frame = Frame {
            villages: (0..5).map(|v| format!("V{v}")).collect(),
            adults: Some(vec![300.0, 900.0, 500.0, 1200.0, 700.0]),
            cells: Cells {
                n_age: 3,
                population: vec![600.0, 580.0, 420.0, 610.0, 640.0, 350.0],
            },
        };
        Survey::new(Hierarchy::new(&st, &q), frame, d, Options::default()).unwrap()
    }

    /// Solve A x = b (small, symmetric positive definite) by Gaussian elimination.
    fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Vec<f64> {
        let n = b.len();
        for p in 0..n {
            for r in p + 1..n {
                let f = a[r][p] / a[p][p];
                for c in p..n {
                    a[r][c] -= f * a[p][c];
                }
                b[r] -= f * b[p];
            }
        }
        let mut x = vec![0.0; n];
        for p in (0..n).rev() {
            let s: f64 = (p + 1..n).map(|c| a[p][c] * x[c]).sum();
            x[p] = (b[p] - s) / a[p][p];
        }
        x
    }

    /// The raked linearised SE is Deville & Särndal's (R `calibrate(calfun = "raking")`):
    /// residuals of z/w on intercept + sex + age by least squares weighted by the base weights,
    /// computed here respondent by respondent. Weighting by the final weights (papi-index before
    /// the comparison with R) misses by ~1 % on this sample.
    #[test]
    fn raked_se_uses_base_weighted_residuals() {
        let s = raked_survey();
        assert_eq!(s.calibration(), Calibration::Raked);
        let w = s.final_weights();
        let n = w.len();
        let b = &s.data.weight;
        let x: Vec<f64> = (0..n).map(|i| s.data.row(i)[0] as f64).collect();
        let (num, den) = (0..n)
            .filter(|&i| !x[i].is_nan())
            .fold((0.0, 0.0), |(a, d), i| (a + w[i] * x[i], d + w[i]));
        let r = num / den;
        let z: Vec<f64> = (0..n)
            .map(|i| {
                if x[i].is_nan() {
                    0.0
                } else {
                    w[i] * (x[i] - r) / den
                }
            })
            .collect();
        let model = |i: usize| {
            let c = s.data.cell[i] as usize;
            let (sex, age) = (c / 3, c % 3);
            [1.0, sex as f64, f64::from(age == 1), f64::from(age == 2)]
        };
        let mut a = vec![vec![0.0; 4]; 4];
        let mut rhs = vec![0.0; 4];
        for i in 0..n {
            let m = model(i);
            for p in 0..4 {
                rhs[p] += b[i] * m[p] * z[i] / w[i];
                for q in 0..4 {
                    a[p][q] += b[i] * m[p] * m[q];
                }
            }
        }
        let beta = solve(a, rhs);
        let u: Vec<f64> = (0..n)
            .map(|i| {
                let m = model(i);
                z[i] - w[i] * (0..4).map(|p| m[p] * beta[p]).sum::<f64>()
            })
            .collect();
        // villages as clusters
        let totals: Vec<f64> = s
            .ranges
            .iter()
            .map(|rg| u[rg.clone()].iter().sum())
            .collect();
        let k = totals.len() as f64;
        let mean = totals.iter().sum::<f64>() / k;
        let var = k / (k - 1.0) * totals.iter().map(|t| (t - mean).powi(2)).sum::<f64>();
        let ours = linearise(&s, Design::Clusters).commune.indicators["y"];
        assert!((ours.estimate - r).abs() < 1e-12);
        assert!(
            (ours.se - var.sqrt()).abs() < 1e-10 * var.sqrt(),
            "clusters: {} vs {}",
            ours.se,
            var.sqrt()
        );
        // villages as strata, respondents as units
        let mut var = 0.0;
        for rg in &s.ranges {
            let nh = rg.len() as f64;
            let m = u[rg.clone()].iter().sum::<f64>() / nh;
            var += nh / (nh - 1.0) * u[rg.clone()].iter().map(|x| (x - m).powi(2)).sum::<f64>();
        }
        let ours = linearise(&s, Design::Strata).commune.indicators["y"];
        assert!(
            (ours.se - var.sqrt()).abs() < 1e-10 * var.sqrt(),
            "strata: {} vs {}",
            ours.se,
            var.sqrt()
        );
    }

    /// Village domain SEs respondent by respondent, as R `survey` computes
    /// `subset(design, village == v)` of the calibrated design: z inside the village only, the
    /// calibration residual fitted by base-weighted least squares over the whole commune
    /// sample, then the design's variance over every stratum / PSU.
    #[test]
    fn village_se_is_the_domain_se_of_the_calibrated_design() {
        for thin in [true, false] {
            let s = sample_survey(thin);
            let expected = if thin {
                Calibration::Raked
            } else {
                Calibration::PostStratified
            };
            assert_eq!(s.calibration(), expected);
            let w = s.final_weights();
            let n = w.len();
            let b = &s.data.weight;
            let x: Vec<f64> = (0..n).map(|i| s.data.row(i)[0] as f64).collect();
            // the calibration model: sex + age main effects (raking) or one dummy per cell
            let model = |i: usize| -> Vec<f64> {
                let c = s.data.cell[i] as usize;
                if thin {
                    let (sex, age) = (c / 3, c % 3);
                    vec![1.0, sex as f64, f64::from(age == 1), f64::from(age == 2)]
                } else {
                    (0..6).map(|k| f64::from(k == c)).collect()
                }
            };
            let p = model(0).len();
            let mut a = vec![vec![0.0; p]; p];
            for i in 0..n {
                let m = model(i);
                for r in 0..p {
                    for q in 0..p {
                        a[r][q] += b[i] * m[r] * m[q];
                    }
                }
            }
            let strata = linearise(&s, Design::Strata);
            let clusters = linearise(&s, Design::Clusters);
            assert_eq!(strata.method.village_interval, VillageInterval::Domain);
            assert_eq!(
                clusters.method.village_interval,
                VillageInterval::SingleCluster
            );
            for (v, range) in s.ranges.iter().enumerate() {
                let inside = |i: usize| range.contains(&i) && !x[i].is_nan();
                let (num, den) = (0..n)
                    .filter(|&i| inside(i))
                    .fold((0.0, 0.0), |(a, d), i| (a + w[i] * x[i], d + w[i]));
                let rv = num / den;
                let z: Vec<f64> = (0..n)
                    .map(|i| {
                        if inside(i) {
                            w[i] * (x[i] - rv) / den
                        } else {
                            0.0
                        }
                    })
                    .collect();
                let mut rhs = vec![0.0; p];
                for i in 0..n {
                    let m = model(i);
                    for r in 0..p {
                        rhs[r] += b[i] * m[r] * z[i] / w[i];
                    }
                }
                let beta = solve(a.clone(), rhs);
                let u: Vec<f64> = (0..n)
                    .map(|i| {
                        let m = model(i);
                        z[i] - w[i] * (0..p).map(|r| m[r] * beta[r]).sum::<f64>()
                    })
                    .collect();
                // villages as strata, over every stratum
                let mut var_s = 0.0;
                for rg in &s.ranges {
                    let nh = rg.len() as f64;
                    let m = u[rg.clone()].iter().sum::<f64>() / nh;
                    var_s += nh / (nh - 1.0)
                        * u[rg.clone()].iter().map(|x| (x - m).powi(2)).sum::<f64>();
                }
                // villages as PSUs, over every PSU
                let totals: Vec<f64> = s
                    .ranges
                    .iter()
                    .map(|rg| u[rg.clone()].iter().sum())
                    .collect();
                let k = totals.len() as f64;
                let mean = totals.iter().sum::<f64>() / k;
                let var_c = k / (k - 1.0) * totals.iter().map(|t| (t - mean).powi(2)).sum::<f64>();
                let name = format!("V{v}");
                let ours = strata.villages[&name].scores.indicators["y"];
                assert!((ours.estimate - rv).abs() < 1e-12, "{name}");
                assert!(
                    (ours.se - var_s.sqrt()).abs() < 1e-9 * var_s.sqrt(),
                    "{expected:?} strata {name}: {} vs {}",
                    ours.se,
                    var_s.sqrt()
                );
                // the other strata add variance: more than the within-village formula
                let own: f64 = {
                    let nh = range.len() as f64;
                    let m = u[range.clone()].iter().sum::<f64>() / nh;
                    nh / (nh - 1.0)
                        * u[range.clone()]
                            .iter()
                            .map(|x| (x - m).powi(2))
                            .sum::<f64>()
                };
                assert!(var_s > own, "{name}");
                let ours = clusters.villages[&name].scores.indicators["y"];
                assert!((ours.estimate - rv).abs() < 1e-12);
                assert!(
                    (ours.se - var_c.sqrt()).abs() < 1e-9 * var_c.sqrt(),
                    "{expected:?} clusters {name}: {} vs {}",
                    ours.se,
                    var_c.sqrt()
                );
                assert!(var_c > 0.0);
            }
        }
    }

    /// Without calibration the strata domain SE is the village's own linearisation and the
    /// cluster one is 0 (the village is one PSU).
    #[test]
    fn uncalibrated_villages() {
        let mut s = sample_survey(false);
        s.frame.cells.population.clear();
        let (g, kind) = s
            .frame
            .cells
            .calibrate(&[0.0; 6], &[0; 6], Default::default())
            .unwrap();
        s.g = g;
        s.calibration = kind;
        assert_eq!(kind, Calibration::None);
        let strata = linearise(&s, Design::Strata);
        let clusters = linearise(&s, Design::Clusters);
        for (v, range) in s.ranges.iter().enumerate() {
            let w = &s.data.weight;
            let xs: Vec<(f64, f64)> = range
                .clone()
                .filter(|&i| !s.data.row(i)[0].is_nan())
                .map(|i| (w[i], s.data.row(i)[0] as f64))
                .collect();
            let den: f64 = xs.iter().map(|p| p.0).sum();
            let rv = xs.iter().map(|p| p.0 * p.1).sum::<f64>() / den;
            let nh = range.len() as f64;
            // absent answers have z = 0 but count as units of the stratum
            let ss: f64 = xs.iter().map(|p| (p.0 * (p.1 - rv) / den).powi(2)).sum();
            let se = (nh / (nh - 1.0) * ss).sqrt();
            let name = format!("V{v}");
            let ours = strata.villages[&name].scores.indicators["y"].se;
            assert!((ours - se).abs() < 1e-12 * se, "{ours} vs {se}");
            assert_eq!(clusters.villages[&name].scores.indicators["y"].se, 0.0);
        }
    }
}
