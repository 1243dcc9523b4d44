//! Agreement with R's `survey` package (issue 4, item 10 "Correctness"): the same estimates and
//! Taylor-linearised standard errors as `survey` on generated data with missing answers, an
//! eligibility filter, and calibration (post-stratification, and raking when a cell is thin).
//!
//! The data are generated here (seeded), scored by papi-index's own `RowScorer` from raw
//! Kobo-style answers, estimated with [`linearise`] under both designs (villages as strata,
//! villages as clusters), and written to CSV for `tests/r/compare.R`, which builds the same
//! designs with `svydesign` (no fpc: with-replacement first stage, as papi-index), calibrates
//! with `postStratify` / `calibrate(calfun = "raking")`, and estimates every indicator,
//! sub-dimension, dimension and the total by `svytotal` + `svycontrast` (delta method on the
//! ratio estimators: exactly the linearisation), and the indicators also by
//! `svymean(na.rm = TRUE)`. The score definitions sent to R are built here from the PAPI rules
//! (papi-method.md §1.3), not from papi-index's `AggregationPlan`.
//!
//! What is compared, to 1e-6 relative:
//! - commune: estimate and SE of every indicator, sub-dimension, dimension and the total, both
//!   designs, with no calibration, post-stratified, and raked;
//! - villages: estimate and SE of every score of every village, in every case and under both
//!   designs, against R's own domain estimates of the same calibrated design
//!   (`subset(des, village == v)`, compare.R): the commune's calibration residuals and the other
//!   strata / PSUs enter the village SE. Under the cluster design a village is one PSU, so its
//!   SE is only the calibration's (0 without calibration, in R as in papi-index).
//!
//! R (Debian `r-base-core`) and the `survey` package (Debian `r-cran-survey`) are required: the
//! test fails, it does not skip, when they are missing.

use papi_index::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

const TOLERANCE: f64 = 1e-6;
const VILLAGES: [&str; 8] = ["V1", "V2", "V3", "V4", "V5", "V6", "V7", "V8"];
const ADULTS: [f64; 8] = [420.0, 1150.0, 760.0, 2300.0, 540.0, 980.0, 610.0, 1240.0];
const SAMPLE: [usize; 8] = [70, 130, 90, 150, 60, 100, 80, 110];
const AGE_BANDS: [&str; 3] = ["18-34", "35-54", "55-70"];
/// Population by cell `sex * 3 + age` (F 18-34, F 35-54, F 55-70, M …); sums to Σ ADULTS.
const POPULATION: [f64; 6] = [1450.0, 1350.0, 1200.0, 1380.0, 1420.0, 1200.0];

/// (id, sub-dimension, min, max, direction, relevant)
type Spec = (
    &'static str,
    &'static str,
    f64,
    f64,
    Direction,
    Option<&'static str>,
);
const INDICATORS: [Spec; 8] = [
    ("knows_slogan", "SC11", 0.0, 1.0, Direction::Up, None),
    ("knows_term", "SC11", 1.0, 4.0, Direction::Up, None),
    ("voted", "SC12", 0.0, 1.0, Direction::Up, None),
    ("officials_divert", "SC41", 1.0, 4.0, Direction::Down, None),
    ("informal_payment", "SC42", 1.0, 5.0, Direction::Down, None),
    (
        "certification_checklist",
        "SC51",
        0.0,
        6.0,
        Direction::Up,
        Some("${used} = 'yes'"),
    ),
    ("health_insurance", "SC61", 1.0, 4.0, Direction::Up, None),
    ("road_quality", "SC63", 0.0, 10.0, Direction::Up, None),
];

fn questionnaire() -> Questionnaire {
    Questionnaire {
        year: 2024,
        indicators: INDICATORS
            .iter()
            .enumerate()
            .map(|(k, &(id, sc, min, max, direction, relevant))| Indicator {
                id: id.into(),
                subdimension: sc.into(),
                question: format!("q{}", k + 1),
                min,
                max,
                direction,
                missing: vec!["98".into(), "99".into()],
                relevant: relevant.map(String::from),
                values: Default::default(),
            })
            .collect(),
    }
}

/// One generated respondent, as papi-index and R see it.
#[derive(Clone)]
struct Row {
    village: usize,
    sex: usize,
    age: usize,
    /// 1–10 value per indicator, NaN = missing or not eligible (computed here, independently
    /// of papi-index, from the raw answers).
    x: Vec<f32>,
}

/// ~800 respondents in 8 villages. Answers depend on the village, sex and age (so weights and
/// calibration matter); ~10 % missing ("98"/"99" or blank); the certification checklist is asked
/// only of those who used the service (≈ 45 %, more often the older). `thin`: almost no men
/// aged 18-34, so papi-index rakes instead of post-stratifying.
fn generate(seed: u64, thin: bool) -> (Vec<Row>, Respondents) {
    let q = questionnaire();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut header = vec!["village", "sex", "age_band", "used"];
    let questions: Vec<String> = (1..=INDICATORS.len())
        .map(|k| format!("grp/q{k}"))
        .collect();
    header.extend(questions.iter().map(String::as_str));
    let scorer = RowScorer::new(&q, &header).unwrap();
    let mut rows = Vec::new();
    let mut data = Respondents::new(INDICATORS.len());
    let mut scratch = Vec::new();
    let mut scores = vec![0f32; INDICATORS.len()];
    for (v, &n) in SAMPLE.iter().enumerate() {
        let quality = 0.3 + 0.08 * v as f64;
        for _ in 0..n {
            let sex = usize::from(rng.gen_bool(0.48));
            let mut age = rng.gen_range(0..3);
            if thin && sex == 1 && age == 0 && rng.gen_bool(0.97) {
                age = 1;
            }
            let used = rng.gen_bool(0.3 + 0.15 * age as f64);
            let mut raw = vec![
                VILLAGES[v].to_string(),
                ["F", "M"][sex].to_string(),
                AGE_BANDS[age].to_string(),
                if used { "yes" } else { "no" }.to_string(),
            ];
            let mut x = Vec::new();
            for (k, &(_, _, min, max, direction, relevant)) in INDICATORS.iter().enumerate() {
                let p = (quality + 0.1 * sex as f64 - 0.07 * age as f64 + 0.04 * k as f64)
                    .clamp(0.05, 0.95);
                let eligible = relevant.is_none() || used;
                let (text, value) = if !eligible {
                    (String::new(), f32::NAN)
                } else if rng.gen_bool(0.1) {
                    (["98", "99", ""][rng.gen_range(0..3)].to_string(), f32::NAN)
                } else {
                    let steps = (max - min) as u32;
                    let a = min + (0..steps).filter(|_| rng.gen_bool(p)).count() as f64;
                    let t = (a - min) / (max - min);
                    let t = if direction == Direction::Up {
                        t
                    } else {
                        1.0 - t
                    };
                    (format!("{a}"), (1.0 + 9.0 * t) as f32)
                };
                raw.push(text);
                x.push(value);
            }
            scorer
                .score_row(&|i| raw[i].as_str(), &mut scratch, &mut scores)
                .unwrap();
            for (k, (a, b)) in scores.iter().zip(&x).enumerate() {
                assert!(
                    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()),
                    "RowScorer gives {a} for indicator {k}, expected {b}"
                );
            }
            data.push(v, sex * 3 + age, &scores);
            rows.push(Row {
                village: v,
                sex,
                age,
                x,
            });
        }
    }
    (rows, data)
}

fn survey(data: Respondents, calibrate: bool) -> Survey {
    let st = YearStructure::for_year(2024).unwrap();
    let q = questionnaire();
    q.validate(&st).unwrap();
    let frame = Frame {
        villages: VILLAGES.iter().map(|v| v.to_string()).collect(),
        adults: Some(ADULTS.to_vec()),
        cells: Cells {
            n_age: 3,
            population: if calibrate {
                POPULATION.to_vec()
            } else {
                vec![]
            },
        },
    };
    Survey::new(Hierarchy::new(&st, &q), frame, data, Options::default()).unwrap()
}

/// Every score as a linear combination of indicator means (papi-method.md §1.3): sub-dimension
/// = mean of its indicators, dimension = mean of its sub-dimensions that have indicators, total
/// = sum of the dimensions that have any. Returns (score, [(indicator index, coefficient)]).
fn score_definitions() -> Vec<(String, Vec<(usize, f64)>)> {
    let st = YearStructure::for_year(2024).unwrap();
    let mut out = Vec::new();
    let mut total: Vec<(usize, f64)> = Vec::new();
    for d in &st.dimensions {
        let subs: Vec<(String, Vec<usize>)> = d
            .subdimensions
            .iter()
            .map(|s| {
                let members = (0..INDICATORS.len())
                    .filter(|&k| INDICATORS[k].1 == s.code)
                    .collect();
                (s.code.clone(), members)
            })
            .filter(|(_, m): &(String, Vec<usize>)| !m.is_empty())
            .collect();
        if subs.is_empty() {
            continue;
        }
        let mut dim = Vec::new();
        for (code, members) in &subs {
            let a = 1.0 / members.len() as f64;
            out.push((code.clone(), members.iter().map(|&k| (k, a)).collect()));
            dim.extend(members.iter().map(|&k| (k, a / subs.len() as f64)));
        }
        total.extend(dim.iter().copied());
        out.push((d.code.clone(), dim));
    }
    out.push(("total".into(), total));
    out
}

fn write_inputs(dir: &Path, rows: &[Row]) -> (PathBuf, PathBuf, PathBuf) {
    std::fs::create_dir_all(dir).unwrap();
    let mut csv = String::from("village,w,cell,sex,age");
    for k in 1..=INDICATORS.len() {
        write!(csv, ",x{k}").unwrap();
    }
    csv.push('\n');
    for r in rows {
        // the base weight exactly as papi-index forms it (adults / respondents of the village)
        let w = ADULTS[r.village] / SAMPLE[r.village] as f64;
        write!(
            csv,
            "{},{w:?},{},{},{}",
            VILLAGES[r.village],
            r.sex * 3 + r.age,
            ["F", "M"][r.sex],
            AGE_BANDS[r.age]
        )
        .unwrap();
        for x in &r.x {
            if x.is_nan() {
                csv.push_str(",NA");
            } else {
                // the f32 value papi-index holds, written exactly
                write!(csv, ",{:?}", *x as f64).unwrap();
            }
        }
        csv.push('\n');
    }
    let mut scores = String::from("score,indicator,coef\n");
    for (name, terms) in score_definitions() {
        for (k, a) in terms {
            writeln!(scores, "{name},x{},{a:?}", k + 1).unwrap();
        }
    }
    let mut pop = String::from("cell,sex,age,population\n");
    for (c, p) in POPULATION.iter().enumerate() {
        writeln!(pop, "{c},{},{},{p:?}", ["F", "M"][c / 3], AGE_BANDS[c % 3]).unwrap();
    }
    let paths = (
        dir.join("data.csv"),
        dir.join("scores.csv"),
        dir.join("population.csv"),
    );
    std::fs::write(&paths.0, csv).unwrap();
    std::fs::write(&paths.1, scores).unwrap();
    std::fs::write(&paths.2, pop).unwrap();
    paths
}

fn rscript() -> String {
    std::env::var("RSCRIPT").unwrap_or_else(|_| "Rscript".into())
}

const INSTALL: &str = "install R and the survey package: `apt-get install -y r-cran-survey` \
    (Debian packages r-base-core and r-cran-survey; .ci/run must install them)";

/// Fails (never skips) when R or the survey package is missing.
fn require_r() {
    let out = Command::new(rscript())
        .args(["-e", "suppressPackageStartupMessages(library(survey))"])
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "comparison with R impossible: cannot run `{}` ({e}); {INSTALL}",
                rscript()
            )
        });
    assert!(
        out.status.success(),
        "comparison with R impossible: R's survey package does not load ({}); {INSTALL}",
        String::from_utf8_lossy(&out.stderr).trim()
    );
}

/// Run compare.R on the generated data; returns its JSON.
fn run_r(case: &str, rows: &[Row], calibration: &str) -> Value {
    require_r();
    let dir = std::env::temp_dir().join(format!(
        "papi-index-against-r-{}-{case}",
        std::process::id()
    ));
    let (data, scores, pop) = write_inputs(&dir, rows);
    let out_json = dir.join("out.json");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/r/compare.R");
    let out = Command::new(rscript())
        .arg(&script)
        .args([&data, &out_json, &scores, &pop])
        .arg(calibration)
        .output()
        .expect("Rscript runs");
    assert!(
        out.status.success(),
        "compare.R failed ({case}):\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&out_json).unwrap();
    std::fs::remove_dir_all(&dir).ok();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("compare.R wrote bad JSON ({e}): {text}"))
}

/// Largest relative difference per level, and every disagreement.
#[derive(Default)]
struct Report {
    max: BTreeMap<String, f64>,
    failures: Vec<String>,
}

impl Report {
    fn check(&mut self, level: &str, what: &str, ours: f64, r: &Value) {
        let theirs = r
            .as_f64()
            .unwrap_or_else(|| panic!("{what}: R gave no number ({r})"));
        let rel = (ours - theirs).abs() / theirs.abs().max(1e-300);
        let m = self.max.entry(level.to_string()).or_insert(0.0);
        *m = m.max(rel);
        if rel.is_nan() || rel > TOLERANCE {
            self.failures.push(format!(
                "{what}: papi-index {ours:.12} vs R {theirs:.12} (relative {rel:.2e})"
            ));
        }
    }

    /// estimate (and SE if `se`) of one domain's results against R's `{name: [est, se]}`.
    fn domain(&mut self, level: &str, case: &str, ours: &DomainResults, r: &Value, se: bool) {
        let defs = score_definitions();
        let mut pairs: Vec<(String, String, Estimate)> = INDICATORS
            .iter()
            .enumerate()
            .map(|(k, s)| {
                (
                    "indicator".into(),
                    format!("x{}", k + 1),
                    ours.indicators[s.0],
                )
            })
            .collect();
        for (name, _) in &defs {
            let (kind, e) = if name == "total" {
                ("total", ours.total)
            } else if let Some(s) = ours.subdimensions.get(name) {
                ("subdimension", s.score)
            } else {
                ("dimension", ours.dimensions[name])
            };
            pairs.push((kind.into(), name.clone(), e));
        }
        for (kind, name, e) in pairs {
            let theirs = &r[&name];
            assert!(theirs.is_array(), "{case}: R has no estimate for {name}");
            let lv = format!("{level} {kind}");
            self.check(
                &format!("{lv} estimate"),
                &format!("{case} {name} estimate"),
                e.estimate,
                &theirs[0],
            );
            if se {
                self.check(
                    &format!("{lv} SE"),
                    &format!("{case} {name} SE"),
                    e.se,
                    &theirs[1],
                );
            }
        }
    }

    fn finish(self, title: &str) {
        println!("{title}: largest relative difference from R survey");
        for (level, m) in &self.max {
            println!("  {level:<40} {m:.2e}");
        }
        assert!(
            self.failures.is_empty(),
            "{title}: papi-index disagrees with R's survey package beyond {TOLERANCE:e}:\n{}",
            self.failures.join("\n")
        );
    }
}

fn compare(title: &str, calibration: &str, expected: Calibration, rows: &[Row], data: Respondents) {
    let s = survey(data, expected != Calibration::None);
    assert_eq!(
        s.calibration(),
        expected,
        "{title}: calibration chosen by papi-index"
    );
    let r = run_r(title, rows, calibration);
    assert_eq!(r["calibration"], calibration);
    let mut report = Report::default();
    for (design, key) in [(Design::Strata, "strata"), (Design::Clusters, "clusters")] {
        let ours = linearise(&s, design);
        let case = format!("{title}/{key}");
        let theirs = &r["cases"][key];
        report.domain("commune", &case, &ours.commune, &theirs["scores"], true);
        // svymean(~x, na.rm = TRUE) must give the same as the ratio of totals
        for (k, spec) in INDICATORS.iter().enumerate() {
            let m = &theirs["svymean"][format!("x{}", k + 1)];
            let e = ours.commune.indicators[spec.0];
            report.check(
                "commune svymean estimate",
                &format!("{case} svymean x{}", k + 1),
                e.estimate,
                &m[0],
            );
            report.check(
                "commune svymean SE",
                &format!("{case} svymean x{} SE", k + 1),
                e.se,
                &m[1],
            );
        }
    }
    // villages: R's domain estimates of each calibrated design
    for (design, key) in [
        (Design::Strata, "villages"),
        (Design::Clusters, "villages_clusters"),
    ] {
        let ours = linearise(&s, design);
        // a village is one PSU: without calibration its SE is 0 (R's delta method leaves
        // rounding of its totals' variances, ~1e-7)
        let single_psu = design == Design::Clusters && expected == Calibration::None;
        for v in VILLAGES {
            let case = format!("{title}/{design:?}/{v}");
            report.domain(
                &format!("village ({design:?})"),
                &case,
                &ours.villages[v].scores,
                &r[key][v],
                !single_psu,
            );
            if single_psu {
                let d = &ours.villages[v].scores;
                let all = d
                    .indicators
                    .values()
                    .chain(d.dimensions.values())
                    .chain(d.subdimensions.values().map(|s| &s.score))
                    .chain([&d.total]);
                for e in all {
                    assert_eq!(e.se, 0.0, "{case}: a single PSU without calibration");
                }
                for (name, theirs) in r[key][v].as_object().unwrap() {
                    let se = theirs[1].as_f64().unwrap();
                    assert!(se.abs() < 1e-6, "{case} {name}: R's SE {se} is not 0");
                }
            }
        }
    }
    report.finish(title);
}

#[test]
fn same_as_r_without_calibration() {
    let (rows, data) = generate(2025, false);
    compare("base weights", "none", Calibration::None, &rows, data);
}

#[test]
fn same_as_r_post_stratified() {
    let (rows, data) = generate(2025, false);
    compare(
        "post-stratified",
        "poststratify",
        Calibration::PostStratified,
        &rows,
        data,
    );
}

#[test]
fn same_as_r_raked() {
    let (rows, data) = generate(7, true);
    compare("raked", "rake", Calibration::Raked, &rows, data);
}
