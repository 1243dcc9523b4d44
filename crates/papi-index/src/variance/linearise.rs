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
//! - Villages (domains) under either design: the village's own mean with influence
//!   w_i (r_ij − R_vj)/W_vj inside it, variance n_v/(n_v−1) Σ (z_i − z̄)² — the golden
//!   "village means (SE) under strata design". Under the cluster design a village is a single
//!   PSU and has no between-PSU variance, so the within-village formula is the only honest one.
//!   The commune-level calibration adjustment is not applied to village SEs (conservative).

use crate::results::{
    Design, DomainResults, Method, SurveyResults, VarianceMethod, VillageResults,
};
use crate::scoring::AggregationPlan;
use crate::survey::Survey;
use rayon::prelude::*;

/// Per-village sums of influence values and their squares (commune and village domain).
struct VillageSums {
    commune: Option<(Vec<f64>, Vec<f64>)>,
    own: (Vec<f64>, Vec<f64>),
}

/// Linearised SEs for the commune (given design) and every village.
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

    // village point estimates and plans
    let villages: Vec<(Vec<f64>, Vec<f64>, AggregationPlan)> = (0..nv)
        .map(|v| {
            let (rv, wv) = survey.village_means(v, g);
            let p = h.plan(&rv);
            (rv, wv, p)
        })
        .collect();

    // one pass over respondents, parallel over villages
    let want_strata = design == Design::Strata;
    let sums: Vec<VillageSums> = (0..nv)
        .into_par_iter()
        .map(|v| {
            let (rv, wv, pv) = &villages[v];
            let mut u = vec![0.0; j];
            let mut z = vec![0.0; e];
            let mut own = (vec![0.0; e], vec![0.0; e]);
            let mut com = want_strata.then(|| (vec![0.0; e], vec![0.0; e]));
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
                    u[k] = if x.is_nan() || wv[k] <= 0.0 {
                        0.0
                    } else {
                        w * (x as f64 - rv[k]) / wv[k]
                    };
                }
                pv.apply(&u, &mut z);
                accumulate(&mut own.0, &mut own.1, &z);
            }
            VillageSums { commune: com, own }
        })
        .collect();

    let n_total: usize = survey.data.len();
    let n_psu = (0..nv).filter(|&v| !survey.ranges[v].is_empty()).count();
    let (var, df) = match design {
        Design::Strata => {
            let mut var = vec![0.0; e];
            for (v, s) in sums.iter().enumerate() {
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
    let village_results = village_results(survey, &villages, &sums);
    SurveyResults {
        commune,
        villages: village_results,
        method: Method {
            year: h.year,
            design,
            variance: VarianceMethod::Linearisation,
            village_variance: VarianceMethod::Linearisation,
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
    villages: &[(Vec<f64>, Vec<f64>, AggregationPlan)],
    sums: &[VillageSums],
) -> std::collections::BTreeMap<String, VillageResults> {
    let h = &survey.h;
    let e = h.n_estimates();
    villages
        .iter()
        .enumerate()
        .map(|(v, (rv, _, pv))| {
            let nh = survey.ranges[v].len();
            let mut point = vec![0.0; e];
            pv.apply(rv, &mut point);
            let (s1, s2) = &sums[v].own;
            let se: Vec<f64> = (0..e)
                .map(|t| {
                    if nh < 2 {
                        f64::NAN
                    } else {
                        let f = nh as f64 / (nh as f64 - 1.0);
                        (f * (s2[t] - s1[t] * s1[t] / nh as f64)).max(0.0).sqrt()
                    }
                })
                .collect();
            let scores = DomainResults::build(
                h,
                nh,
                &point,
                &se,
                survey.opts.ci,
                nh as f64 - 1.0,
                h.missing_subdimensions(pv),
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

/// Village results with their linearised SEs (used by the cluster bootstrap, whose replicates
/// carry no information about a single village). The cluster design skips the per-respondent
/// commune pass, so this is the cheap path.
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
    use crate::weights::{Calibration, Cells};
    use crate::{Hierarchy, YearStructure};
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    /// A raked sample: men aged 18-34 almost absent, so the calibration factor varies within
    /// each sex and age margin; base weights differ by village; one indicator with missing.
    fn raked_survey() -> Survey {
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
                if sex == 1 && age == 0 && rng.gen_bool(0.95) {
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
}
