//! The satisfaction scoring against R's `survey` package: generated answers (with items left
//! unanswered) are scored by `papi_core::satisfaction::score`, and the same data are given to
//! R as a simple random sample (`svydesign(ids = ~1)`, no fpc). R estimates each item as a
//! ratio (`svyratio` of satisfied answers over valid answers), the factors and the overall
//! score as `svycontrast` of those ratios over the totals (the delta method), the mean scores
//! the same way, and the comprehensive share with `svymean`. Estimates and standard errors
//! must agree to 1e-9 relative.
//!
//! R and the `survey` package are required (Debian `r-base-core`, `r-cran-survey`): the test
//! fails, it does not skip, when they are missing, as papi-index's comparison does.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::process::Command;

use papi_core::satisfaction::{score, Factor, Item, ItemKind, Questionnaire};

/// A small deterministic generator (no extra dependency): 64-bit LCG, high bits.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn questionnaire() -> Questionnaire {
    let item = |c: &str, k: ItemKind| Item {
        code: c.into(),
        text: c.into(),
        kind: k,
        to_check: false,
    };
    let f = |c: &str, items: Vec<Item>| Factor {
        code: c.into(),
        title: c.into(),
        items,
    };
    Questionnaire {
        source: String::new(),
        factors: vec![
            f(
                "f1",
                vec![item("a", ItemKind::Likert5), item("b", ItemKind::Likert5)],
            ),
            f(
                "f2",
                vec![
                    item("c", ItemKind::Likert5),
                    item("d", ItemKind::Likert5),
                    item("e", ItemKind::Likert5),
                    item("s", ItemKind::YesNo),
                ],
            ),
            f("f3", vec![item("g", ItemKind::Likert5)]),
        ],
    }
}

const SCALE: [&str; 6] = ["a", "b", "c", "d", "e", "g"];

#[test]
fn scores_and_errors_equal_r_survey() {
    let q = questionnaire();
    let mut rng = Lcg(20251015);
    let mut data = Vec::new();
    for _ in 0..180 {
        let mood = rng.next();
        let mut a = BTreeMap::new();
        for code in SCALE.iter().chain(["s"].iter()) {
            if rng.next() < 0.12 {
                continue;
            }
            let v = if *code == "s" {
                u8::from(rng.next() < 0.7)
            } else {
                let x = 0.6 * mood + 0.4 * rng.next();
                1 + (x * 4.999) as u8
            };
            a.insert(code.to_string(), v);
        }
        data.push(a);
    }
    let res = score(&q, &data);
    assert_eq!(
        res.respondents, 180,
        "every generated row answers something"
    );

    // The data for R: per scale item, satisfied (0 when unanswered), raw (0 when unanswered)
    // and answered; the comprehensive indicator computed from the answers.
    let mut csv = String::new();
    let mut head: Vec<String> = Vec::new();
    for c in SCALE {
        head.extend([format!("s_{c}"), format!("v_{c}"), format!("r_{c}")]);
    }
    head.push("comp".into());
    writeln!(csv, "{}", head.join(",")).unwrap();
    for a in &data {
        let mut row: Vec<String> = Vec::new();
        for c in SCALE {
            match a.get(c) {
                Some(v) => row.extend([
                    u8::from(*v >= 4).to_string(),
                    v.to_string(),
                    "1".to_string(),
                ]),
                None => row.extend(["0".to_string(), "0".to_string(), "0".to_string()]),
            }
        }
        let given: Vec<u8> = SCALE.iter().filter_map(|c| a.get(*c).copied()).collect();
        row.push(u8::from(given.iter().all(|v| *v >= 4)).to_string());
        writeln!(csv, "{}", row.join(",")).unwrap();
    }
    let dir = std::env::temp_dir().join(format!("papi-sat-r-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("d.csv");
    std::fs::write(&file, csv).unwrap();
    let script = format!(
        r#"suppressPackageStartupMessages(library(survey))
options(digits = 17)
d <- read.csv("{}")
d$w <- 1
des <- svydesign(ids = ~1, weights = ~w, data = d)
out <- function(name, est) cat(name, format(coef(est)[1], digits = 17), format(SE(est)[1], digits = 17), "\n")
for (c in c("a", "b", "c", "d", "e", "g")) {{
  out(paste0("share_", c), svyratio(as.formula(paste0("~s_", c)), as.formula(paste0("~r_", c)), des))
  out(paste0("mean_", c), svyratio(as.formula(paste0("~v_", c)), as.formula(paste0("~r_", c)), des))
}}
tot <- svytotal(~s_a + s_b + s_c + s_d + s_e + s_g + v_a + v_b + v_c + v_d + v_e + v_g +
                 r_a + r_b + r_c + r_d + r_e + r_g, des)
out("share_f1", svycontrast(tot, quote((s_a / r_a + s_b / r_b) / 2)))
out("share_f2", svycontrast(tot, quote((s_c / r_c + s_d / r_d + s_e / r_e) / 3)))
out("overall", svycontrast(tot, quote(((s_a / r_a + s_b / r_b) / 2 + (s_c / r_c + s_d / r_d + s_e / r_e) / 3 + s_g / r_g) / 3)))
out("mean_overall", svycontrast(tot, quote(((v_a / r_a + v_b / r_b) / 2 + (v_c / r_c + v_d / r_d + v_e / r_e) / 3 + v_g / r_g) / 3)))
out("comp", svymean(~comp, des))
"#,
        file.display()
    );
    let rscript = std::env::var("RSCRIPT").unwrap_or_else(|_| "Rscript".into());
    let o = Command::new(rscript)
        .args(["-e", &script])
        .output()
        .expect("R is required: apt-get install -y r-cran-survey");
    assert!(
        o.status.success(),
        "R failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let text = String::from_utf8(o.stdout).unwrap();
    let r: BTreeMap<String, (f64, f64)> = text
        .lines()
        .filter_map(|l| {
            let p: Vec<&str> = l.split_whitespace().collect();
            (p.len() == 3).then(|| {
                (
                    p[0].to_string(),
                    (p[1].parse().unwrap(), p[2].parse().unwrap()),
                )
            })
        })
        .collect();
    assert_eq!(r.len(), 17, "R answered: {text}");
    let check = |name: &str, est: f64, se: f64| {
        let (re, rse) = r[name];
        assert!(((est - re) / re).abs() < 1e-9, "{name}: {est} vs R {re}");
        assert!(
            ((se - rse) / rse).abs() < 1e-9,
            "{name} SE: {se} vs R {rse}"
        );
    };
    let items: BTreeMap<&str, &papi_core::satisfaction::score::ItemResult> = res
        .factors
        .iter()
        .flat_map(|f| f.items.iter())
        .map(|i| (i.code.as_str(), i))
        .collect();
    for c in SCALE {
        let s = items[c].share.unwrap();
        check(&format!("share_{c}"), s.value, s.se);
        let m = items[c].mean.unwrap();
        check(&format!("mean_{c}"), m.value, m.se);
    }
    let f1 = res.factors[0].share.unwrap();
    check("share_f1", f1.value, f1.se);
    let f2 = res.factors[1].share.unwrap();
    check("share_f2", f2.value, f2.se);
    let o = res.overall.unwrap();
    check("overall", o.value, o.se);
    let m = res.mean.unwrap();
    check("mean_overall", m.value, m.se);
    let c = res.comprehensive.unwrap();
    check("comp", c.value, c.se);
    std::fs::remove_dir_all(&dir).ok();
}
