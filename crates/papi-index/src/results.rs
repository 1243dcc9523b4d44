//! Output types, serialisable in the CLI's JSON shape:
//! `{"commune":{"total":{"estimate":…,"se":…,"ci":[…,…]},"dimensions":{"D1":{…}},
//! "subdimensions":{"SC11":{…}},"indicators":{…}},"villages":{"<name>":{…}},"method":{…}}`.
//! Non-finite numbers (no eligible answer) serialise as `null`.

use crate::scoring::Hierarchy;
use crate::stats::{t_quantile, Z_975};
use crate::survey::CiMethod;
use crate::weights::Calibration;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// An estimate with its standard error and 95 % confidence interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    pub estimate: f64,
    pub se: f64,
    pub ci: [f64; 2],
}

impl Estimate {
    /// 95 % interval: normal, or Student t with `df` degrees of freedom.
    pub fn new(estimate: f64, se: f64, ci: CiMethod, df: f64) -> Estimate {
        let q = match ci {
            CiMethod::StudentT if df >= 1.0 => t_quantile(0.975, df),
            CiMethod::StudentT => f64::NAN,
            CiMethod::Normal => Z_975,
        };
        Estimate {
            estimate,
            se,
            ci: [estimate - q * se, estimate + q * se],
        }
    }

    fn scaled(&self, f: f64) -> Estimate {
        Estimate {
            estimate: self.estimate * f,
            se: self.se * f,
            ci: [self.ci[0] * f, self.ci[1] * f],
        }
    }
}

/// Do two 95 % intervals overlap? Villages whose intervals overlap must not be ranked against
/// each other (papi-method.md §1.5, §4.4). Unknown intervals (NaN) count as overlapping.
pub fn intervals_overlap(a: &Estimate, b: &Estimate) -> bool {
    let known = a.ci.iter().chain(&b.ci).all(|x| x.is_finite());
    !known || (a.ci[0] <= b.ci[1] && b.ci[0] <= a.ci[1])
}

/// A sub-dimension on 1–10, with `papi`, the same divided by k (PAPI's presentation).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SubdimensionEstimate {
    #[serde(flatten)]
    pub score: Estimate,
    pub k: usize,
    pub papi: Estimate,
}

/// All estimates of one domain (the commune or a village).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DomainResults {
    pub respondents: usize,
    pub total: Estimate,
    pub dimensions: BTreeMap<String, Estimate>,
    pub subdimensions: BTreeMap<String, SubdimensionEstimate>,
    pub indicators: BTreeMap<String, Estimate>,
    /// Sub-dimensions without any answered indicator here (their dimension is the mean of the
    /// others; the total then is not comparable with PAPI's).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing_subdimensions: Vec<String>,
}

impl DomainResults {
    /// Build from the estimate vector layout of [`Hierarchy`] with SEs and per-estimate df.
    pub(crate) fn build(
        h: &Hierarchy,
        respondents: usize,
        point: &[f64],
        se: &[f64],
        ci: CiMethod,
        df: f64,
        missing: Vec<String>,
    ) -> DomainResults {
        let e = |i: usize| Estimate::new(point[i], se[i], ci, df);
        let j = h.n_indicators();
        let s = h.sub_codes.len();
        DomainResults {
            respondents,
            total: e(point.len() - 1),
            dimensions: h
                .dim_codes
                .iter()
                .enumerate()
                .map(|(d, c)| (c.clone(), e(j + s + d)))
                .collect(),
            subdimensions: h
                .sub_codes
                .iter()
                .enumerate()
                .map(|(k, c)| {
                    let score = e(j + k);
                    let kk = h.sub_k[k];
                    (
                        c.clone(),
                        SubdimensionEstimate {
                            score,
                            k: kk,
                            papi: score.scaled(1.0 / kk as f64),
                        },
                    )
                })
                .collect(),
            indicators: h
                .indicator_ids
                .iter()
                .enumerate()
                .map(|(i, id)| (id.clone(), e(i)))
                .collect(),
            missing_subdimensions: missing,
        }
    }
}

/// A village's estimates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VillageResults {
    #[serde(flatten)]
    pub scores: DomainResults,
    /// False when the village has fewer respondents than the minimum: shown as "not enough
    /// answers" and never ranked.
    pub enough_answers: bool,
}

/// Sampling design for variance estimation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Design {
    /// Every village is a stratum, respondents are the sampled units.
    Strata,
    /// Villages are the primary sampling units (with-replacement PSU variance).
    Clusters,
}

/// How the SEs were obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum VarianceMethod {
    Linearisation,
    /// Rao–Wu rescaling bootstrap with the whole pipeline (calibration included) replicated.
    Bootstrap {
        replicates: usize,
        seed: u64,
    },
}

/// What a village's interval means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VillageInterval {
    /// Results stored before village estimates were domain estimates: the village's own
    /// linearisation with the final weights, without the commune's calibration.
    #[default]
    WithinVillage,
    /// The village is a domain of the commune's calibrated design (villages as strata): the
    /// interval is a sampling interval, as R `survey` gives for `subset(design, village == v)`.
    Domain,
    /// The village is one cluster of the cluster design: its domain SE only reflects the
    /// commune's calibration (0 without calibration). Not a sampling interval; villages must not
    /// be compared by it.
    SingleCluster,
}

impl VillageInterval {
    /// The village interval of a design's linearised domain estimates.
    pub fn of(design: Design) -> VillageInterval {
        match design {
            Design::Strata => VillageInterval::Domain,
            Design::Clusters => VillageInterval::SingleCluster,
        }
    }

    /// Can villages be compared (ranked, intervals overlapping or not) by these intervals?
    pub fn comparable(self) -> bool {
        self != VillageInterval::SingleCluster
    }
}

/// What was done, so a reader can reproduce the numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Method {
    pub year: u16,
    pub design: Design,
    pub variance: VarianceMethod,
    /// How the village SEs were obtained (under the cluster bootstrap they are linearised: a
    /// single village is one PSU, so resampling villages says nothing about it).
    pub village_variance: VarianceMethod,
    /// What a village interval means (absent in results stored before it was recorded).
    #[serde(default)]
    pub village_interval: VillageInterval,
    pub calibration: Calibration,
    pub ci: CiMethod,
    pub min_village_respondents: usize,
}

/// Everything the CLI prints with `--json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveyResults {
    pub commune: DomainResults,
    pub villages: BTreeMap<String, VillageResults>,
    pub method: Method,
}

impl SurveyResults {
    /// Villages that may be ranked (enough answers and a known total), best total first.
    /// Neighbours whose intervals overlap ([`intervals_overlap`]) are not really different.
    pub fn ranked_villages(&self) -> Vec<(&str, &VillageResults)> {
        let mut v: Vec<(&str, &VillageResults)> = self
            .villages
            .iter()
            .filter(|(_, r)| r.enough_answers && r.scores.total.estimate.is_finite())
            .map(|(n, r)| (n.as_str(), r))
            .collect();
        v.sort_by(|a, b| {
            b.1.scores
                .total
                .estimate
                .total_cmp(&a.1.scores.total.estimate)
        });
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Results stored before the village interval was recorded still read, and say that their
    /// village intervals were within-village ones.
    #[test]
    fn method_without_village_interval_still_reads() {
        let old = r#"{"year":2024,"design":"clusters","variance":{"kind":"linearisation"},
            "village_variance":{"kind":"linearisation"},"calibration":"post_stratified",
            "ci":"normal","min_village_respondents":30}"#;
        let m: Method = serde_json::from_str(old).unwrap();
        assert_eq!(m.village_interval, VillageInterval::WithinVillage);
        let mut m2 = m.clone();
        m2.village_interval = VillageInterval::SingleCluster;
        let text = serde_json::to_string(&m2).unwrap();
        assert!(
            text.contains(r#""village_interval":"single_cluster""#),
            "{text}"
        );
        assert_eq!(serde_json::from_str::<Method>(&text).unwrap(), m2);
        assert!(!VillageInterval::SingleCluster.comparable());
        assert!(VillageInterval::Domain.comparable());
    }
}
