//! Taylor linearisation (papi-method.md §4.2), as R `survey` computes it.
//!
//! Indicator mean R_j = Σ w r / Σ w over eligible, non-missing respondents (a ratio
//! estimator); its influence value is z_ij = w_i (r_ij − R_j) / W_j where present, 0 elsewhere.
//! After calibration each z is replaced by its residual from the calibration model
//! ([`Cells::residual_fit`](crate::weights::Cells::residual_fit)). Scores are linear in the
//! R_j, so their influence values are the same linear combinations of the z_ij ([`Plan`]).
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
use crate::scoring::Plan;
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

    // calibration residual fit per cell and indicator: fit[c * j + k]
    let mut fit = vec![0.0; nc * j];
    let wc: Vec<f64> = (0..nc)
        .map(|c| g[c] * (0..nv).map(|v| survey.bn[v * nc + c]).sum::<f64>())
        .collect();
    for k in 0..j {
        if w_tot[k] <= 0.0 {
            continue;
        }
        let zc: Vec<f64> = (0..nc)
            .map(|c| {
                (0..nv)
                    .map(|v| {
                        let o = (v * nc + c) * j + k;
                        g[c] * (survey.bs[o] - r[k] * survey.bk[o]) / w_tot[k]
                    })
                    .sum()
            })
            .collect();
        let f = survey
            .frame
            .cells
            .residual_fit(survey.calibration, &zc, &wc);
        for c in 0..nc {
            fit[c * j + k] = f[c];
        }
    }

    // village point estimates and plans
    let villages: Vec<(Vec<f64>, Vec<f64>, Plan)> = (0..nv)
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
    villages: &[(Vec<f64>, Vec<f64>, Plan)],
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
